// The one configuration loader: every variable the app reads is declared here, validated once.
// A wrong value stops start-up with one line naming the variable (see .env.example).
import { resolve } from 'node:path';
import { z } from 'zod';

const optionalUrl = z.string().url().optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalUrl,
  /** Proxies whose X-Forwarded-For is believed: IPs, CIDRs, loopback, linklocal, uniquelocal (comma-separated). Default none. */
  TRUST_PROXY: z
    .string()
    .refine((v) => v.split(',').every((e) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(e.trim())), 'a comma-separated list of IPs, CIDR ranges, loopback, linklocal, uniquelocal')
    .optional(),
  NODE_ID: z.string().min(1).max(64).optional(),
  ROLE: z.enum(['all', 'app', 'worker']).default('all'),
  /** Unset: `mongo` when MONGO_URL is set, else `sqlite` (storeOf). */
  STORE: z.enum(['sqlite', 'mongo', 'memory', 'remote']).optional(),
  /** STORE=remote only (harnesses): the shared in-memory store server, bench/store-server.ts. */
  STORE_URL: z.string().regex(/^(tcp|unix):\/\//, 'must start with tcp:// or unix://').optional(),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  REDIS_PREFIX: z.string().max(64).default('pass'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TICKET_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  DATA_DIR: z.string().min(1).default('data'),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  STRIPE_API_URL: optionalUrl,
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp://').optional(),
  MAIL_FROM: z.string().min(3).default('Pass <no-reply@pass.local>'),
  LEASE_TTL_MS: z.coerce.number().int().min(200).max(120_000).default(10_000),
  GROUP_COMMIT_MS: z.coerce.number().int().min(0).max(100).default(2),
  JOBS_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  TERMINAL_COMMANDS_PER_SEC: z.coerce.number().int().min(1).max(100_000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `invalid environment variable ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  return parsed.data;
}

/** The variable names the app reads (docker-compose.yml is checked against this list). */
export const configVariables: string[] = Object.keys(configSchema.shape);

export type StoreChoice = NonNullable<Config['STORE']>;

/**
 * Which store keeps the data: STORE when set; else MongoDB at MONGO_URL; else the durable
 * SQLite file in DATA_DIR (the embedded default). STORE=mongo without MONGO_URL spawns the
 * embedded jongodb (in memory: the mongo adapter's tests and trying the MongoDB path).
 */
export function storeOf(config: Config): StoreChoice {
  return config.STORE ?? (config.MONGO_URL ? 'mongo' : 'sqlite');
}

/** The embedded store's file: DATA_DIR/pass.sqlite. */
export function sqlitePathOf(config: Config): string {
  return resolve(config.DATA_DIR, 'pass.sqlite');
}

export function isEmbedded(config: Config): boolean {
  return !config.MONGO_URL && !config.REDIS_URL;
}
