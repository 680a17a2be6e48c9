// What every process entry (app node, worker, cluster launcher) does alike: read the
// configuration or stop with its one-line message, and stop gracefully on SIGINT/SIGTERM.
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { InvariantError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';

/** The configuration, or exit 1 after printing which variable is wrong. */
export function configOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    return exitOnConfigError(err);
  }
}

/** A ConfigError (also thrown at boot, e.g. a missing SESSION_SECRET) ends the process with its message. */
export function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

/**
 * Runs `stop` on the first SIGINT/SIGTERM, then exits 0 (1 if it failed or took longer than
 * `graceMs`). A signal more than a second later exits at once; sooner, it is the same Ctrl-C
 * relayed again (the terminal, npm and tsx each deliver it) and is ignored.
 */
export function stopOnSignals(stop: () => Promise<void>, graceMs = 20_000): void {
  let firstAtMs: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAtMs !== null) {
      if (Date.now() - firstAtMs < duplicateSignalMs) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    firstAtMs = Date.now();
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${graceMs} ms: exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

const duplicateSignalMs = 1_000;

/**
 * A stray rejected promise must not take a node (and every terminal on it) down: it is logged.
 * A broken invariant is different: the process stops before it can corrupt money.
 */
export function guardProcess(): void {
  process.on('unhandledRejection', (err) => {
    if (err instanceof InvariantError) {
      logger.fatal({ err }, 'invariant broken: stopping');
      process.exit(70);
    }
    logger.error({ err }, 'unhandled rejection (logged, node kept running)');
  });
}
