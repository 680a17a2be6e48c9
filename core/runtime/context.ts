import type { ActorSystem } from '../actors/system.js';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Config } from '../config/config.js';
import type { Jobs } from '../jobs/port.js';
import type { Lease } from '../lease/port.js';
import type { Store } from '../store/port.js';
import type { Adapters } from './adapters.js';

/** What every domain service of a node is started with. */
export interface CoreBase {
  config: Config;
  nodeId: string;
  /** `all` (embedded: HTTP and jobs), `app` (HTTP only) or `worker` (jobs only). */
  role: Config['ROLE'];
  /** Whether this node consumes job queues (processors are registered only where true). */
  runsJobs: boolean;
  adapters: Adapters;
  store: Store;
  bus: Bus;
  lease: Lease;
  jobs: Jobs;
  clock: Clock;
  actors: ActorSystem;
  /** Signs session cookies; the same on every node (SESSION_SECRET), kept in the store when embedded on SQLite (secrets.ts). */
  sessionSecret: string;
  /** Signs ticket QR codes; every node must share it, or tickets sold on one fail at another door. */
  ticketSecret: string;
}

export interface ServiceContext extends CoreBase {
  /** Registers a step of shutdown; steps run last registered first, after actors stopped. */
  onClose(step: () => Promise<void>): void;
}
