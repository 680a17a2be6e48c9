// One way to answer a Socket.IO command: parse with zod, run, ack {ok:true,...} or the
// operating error's {ok:false, code, message}; anything else is logged and acked INTERNAL.
import type { ZodType } from 'zod';
import { AppError, isAppError } from '../../core/shared/errors.js';
import { logger } from '../../core/shared/logger.js';

export type Ack = (response: Record<string, unknown>) => void;

export function handle<I>(schema: ZodType<I>, run: (input: I) => Promise<Record<string, unknown>>) {
  return async (payload: unknown, ack?: Ack): Promise<void> => {
    if (typeof ack !== 'function') return; // every command needs an ack: drop fire-and-forget
    try {
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
        throw new AppError('INVALID_INPUT', message);
      }
      ack({ ok: true, ...(await run(parsed.data)) });
    } catch (err) {
      if (isAppError(err)) return ack(err.toAck());
      logger.error({ err }, 'socket command failed');
      ack({ ok: false, code: 'INTERNAL', message: 'internal error' });
    }
  };
}

export function rateLimited(): Record<string, unknown> {
  return new AppError('RATE_LIMITED', 'too many requests; slow down').toAck();
}
