// What every Bus adapter does the same way: messages travel as JSON text, and each handler runs
// on its own copy, isolated from the others.
import { logger } from '../shared/logger.js';
import type { BusHandler } from './port.js';

/** JSON has no `undefined`: a bare one travels as null on every adapter. */
export function toWire(message: unknown): string {
  return JSON.stringify(message ?? null);
}

/** Runs one handler on its own copy; a throwing handler is logged and never stops the others. */
export function deliver(handler: BusHandler, wire: string, channel: string): void {
  try {
    const result: unknown = handler(JSON.parse(wire), channel);
    if (result instanceof Promise) result.catch((err: unknown) => logger.error({ err, channel }, 'bus handler failed'));
  } catch (err) {
    logger.error({ err, channel }, 'bus handler failed');
  }
}
