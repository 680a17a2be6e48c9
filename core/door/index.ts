// The door: scanners paired to a collective's events, scans online and synced from offline.
import type { Clock } from '../clock/port.js';
import type { Store } from '../store/port.js';
import type { EventService, TicketBook } from '../ticketing/index.js';
import { Door } from './door.js';
import { DoorScanners } from './scanners.js';

export { Door, signDoorList, maxTicketsPerList, type DoorList, type DoorListEntry, type DoorScan, type EventCount, type ScanAnswer, type ScanRequest, type ScanResult } from './door.js';
export { DoorScanners, maxEventsPerScanner, type DoorScanner, type ScannerView } from './scanners.js';

export interface DoorModule {
  scanners: DoorScanners;
  door: Door;
}

export async function startDoor(deps: { store: Store; clock: Clock; tickets: TicketBook; events: EventService }): Promise<DoorModule> {
  const scanners = new DoorScanners(deps.store, deps.clock);
  await scanners.start();
  const door = new Door(deps.store, deps);
  await door.start();
  return { scanners, door };
}
