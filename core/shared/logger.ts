import { pino, type Logger } from 'pino';

/** The one logger: structured JSON (pino); quiet in tests unless LOG_LEVEL says otherwise. */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { pid: process.pid },
});

export type { Logger };
