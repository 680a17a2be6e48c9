// The two signing secrets of an installation: session cookies and ticket QR codes.
// - Set in the environment: used as they are (every node of a cluster must share them).
// - Distributed (MONGO_URL or REDIS_URL) without them: start-up stops, naming the variable.
// - Embedded on a durable store (SQLite): made once and kept in the store, so a restart
//   neither signs admins out nor voids the tickets already sent (they go with its backups).
// - Embedded on a store that dies with the process (memory, jongodb): random for this process.
import { randomBytes } from 'node:crypto';
import { ConfigError, isEmbedded, type Config } from '../config/config.js';
import { logger } from '../shared/logger.js';
import type { Store } from '../store/port.js';

export interface Secrets {
  session: string;
  ticket: string;
}

type SecretsDoc = { _id: 'signing-secrets' } & Secrets;

/** A cluster without its shared secrets stops before it opens anything. */
export function requireClusterSecrets(config: Config): void {
  if (isEmbedded(config)) return;
  for (const name of ['SESSION_SECRET', 'TICKET_SIGNING_SECRET'] as const) {
    if (!config[name]) throw new ConfigError(`invalid environment variable ${name}: required when MONGO_URL or REDIS_URL is set (all nodes must share it)`);
  }
}

/** The secrets to sign with (requireClusterSecrets has passed). */
export async function secretsOf(config: Config, store: Store): Promise<Secrets> {
  const fromEnv = { session: config.SESSION_SECRET, ticket: config.TICKET_SIGNING_SECRET };
  if (fromEnv.session && fromEnv.ticket) return fromEnv as Secrets;
  const made = store.kind === 'sqlite' ? await keptSecrets(store) : randomSecrets();
  return { session: fromEnv.session ?? made.session, ticket: fromEnv.ticket ?? made.ticket };
}

/** Made by the first start and read by every later one ($setOnInsert: two starts agree). */
async function keptSecrets(store: Store): Promise<Secrets> {
  const docs = store.collection<SecretsDoc>('installation');
  const fresh = { session: newSecret(), ticket: newSecret() };
  await docs.updateOne({ _id: 'signing-secrets' }, { $setOnInsert: fresh }, { upsert: true });
  const kept = await docs.findOne({ _id: 'signing-secrets' });
  if (!kept) throw new Error('signing secrets were not kept by the store');
  return { session: kept.session, ticket: kept.ticket };
}

function randomSecrets(): Secrets {
  logger.warn('SESSION_SECRET / TICKET_SIGNING_SECRET not set: random secrets for this process (sessions and tickets verify only while it runs)');
  return { session: newSecret(), ticket: newSecret() };
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
