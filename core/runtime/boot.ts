// Boots one node's core: adapters, the actor system, the domain services. Gateways (HTTP,
// Socket.IO) and workers only ever receive a `Core`.
import { ActorSystem } from '../actors/system.js';
import type { Config } from '../config/config.js';
import { limits } from '../shared/limits.js';
import { logger } from '../shared/logger.js';
import { newId } from '../shared/ids.js';
import { createAdapters, type AdapterOverrides, type ReadinessReport } from './adapters.js';
import type { CoreBase } from './context.js';
import { requireClusterSecrets, secretsOf } from './secrets.js';
import { startServices, type Services } from './services.js';

export type Core = CoreBase &
  Services & {
    /** Store (and Redis) answer: what /readyz reports. */
    ready(): Promise<ReadinessReport>;
    /** Stops jobs, actors, services, then closes the adapters. Safe to call twice. */
    close(): Promise<void>;
  };

export interface BootOverrides extends AdapterOverrides {
  nodeId?: string;
}

export async function bootCore(config: Config, overrides: BootOverrides = {}): Promise<Core> {
  requireClusterSecrets(config);
  const adapters = await createAdapters(config, overrides);
  const secrets = await secretsOf(config, adapters.store).catch(async (err) => {
    await adapters.close();
    throw err;
  });
  const closeSteps: Array<() => Promise<void>> = [];
  const nodeId = overrides.nodeId ?? config.NODE_ID ?? newId('node_');
  const actors = new ActorSystem({
    nodeId,
    bus: adapters.bus,
    lease: adapters.lease,
    leaseTtlMs: config.LEASE_TTL_MS,
    callTimeoutMs: limits.actorCallTimeoutMs,
    mailboxLength: limits.mailboxLength,
  });
  const base: CoreBase = {
    config,
    nodeId,
    role: config.ROLE,
    runsJobs: config.ROLE !== 'app',
    adapters,
    store: adapters.store,
    bus: adapters.bus,
    lease: adapters.lease,
    jobs: adapters.jobs,
    clock: adapters.clock,
    actors,
    sessionSecret: secrets.session,
    ticketSecret: secrets.ticket,
  };
  let closing: Promise<void> | undefined;
  // Order matters: running jobs may still call actors; actors save through the store and
  // release leases through Redis, so the adapters close last.
  const close = () =>
    (closing ??= (async () => {
      await adapters.stopJobs();
      await actors.stop();
      for (const step of closeSteps.splice(0).reverse()) await step().catch((err) => logger.warn({ err }, 'service shutdown step failed'));
      await adapters.close();
    })());
  try {
    const services = await startServices({ ...base, onClose: (step) => closeSteps.push(step) });
    await actors.start();
    logger.info({ nodeId, role: config.ROLE, store: adapters.storeKind, redis: adapters.redis }, 'core started');
    return { ...base, ...services, ready: () => adapters.check(), close };
  } catch (err) {
    await close();
    throw err;
  }
}
