import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from './errors.js';
import { txIdPattern } from './limits.js';

/** The one id generator: sortable by creation time, unique across nodes. */
export function newId(prefix = ''): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const rand = randomBytes(8).toString('hex');
  return `${prefix}${time}${rand}`;
}

export function newTxId(): string {
  return randomUUID();
}

/** Refuses, with INVALID_INPUT, anything that is not a client transaction id. */
export function checkTxId(txId: unknown): asserts txId is string {
  if (typeof txId !== 'string' || !txIdPattern.test(txId)) throw new AppError('INVALID_INPUT', 'txId must be 8 to 80 characters of [A-Za-z0-9_.:-]');
}
