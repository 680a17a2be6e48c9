// The terminal's pairing, kept on the device: the bearer token from `POST /api/terminals/pair`.
// Forgotten when the server says the token is no good (UNAUTHORIZED, terminal:revoked).
import { MemoryStorage, type KeyValueStorage } from './outbox.js';
import type { PairingAnswer } from './protocol.js';

export interface TerminalSession extends PairingAnswer {
  name: string;
  pairedAtMs: number;
}

const sessionKey = 'laboutik.session';
const nameKey = 'laboutik.terminalName';

export type DeviceStorage = KeyValueStorage & { removeItem(key: string): void };

/** localStorage, or memory when the browser refuses it (the pairing then lasts one page load). */
export function deviceStorage(): DeviceStorage {
  try {
    localStorage.setItem('laboutik.probe', '1');
    localStorage.removeItem('laboutik.probe');
    return localStorage;
  } catch {
    return new MemoryStorage();
  }
}

export function loadSession(storage: DeviceStorage): TerminalSession | null {
  try {
    const s = JSON.parse(storage.getItem(sessionKey) ?? 'null') as TerminalSession | null;
    return s && typeof s.token === 'string' && typeof s.posId === 'string' && typeof s.terminalId === 'string' ? s : null;
  } catch {
    storage.removeItem(sessionKey);
    return null;
  }
}

export function saveSession(storage: KeyValueStorage, session: TerminalSession): void {
  storage.setItem(sessionKey, JSON.stringify(session));
  storage.setItem(nameKey, session.name); // offered again if the terminal is paired anew
}

export function forgetSession(storage: { removeItem(key: string): void }): void {
  storage.removeItem(sessionKey);
}

export function lastTerminalName(storage: KeyValueStorage): string {
  return storage.getItem(nameKey) ?? '';
}

/** Per-terminal keys: a new pairing (maybe to another POS) never resends an old pairing's commands. */
export const storageKeys = {
  outbox: (terminalId: string) => `laboutik.outbox.${terminalId}`,
  recentSales: (terminalId: string) => `laboutik.sales.${terminalId}`,
  /** The last catalog served: a till reloaded with no network still shows its products. */
  catalog: (terminalId: string) => `laboutik.catalog.${terminalId}`,
};
