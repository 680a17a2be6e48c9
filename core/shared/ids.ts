import { randomBytes, randomUUID } from 'node:crypto';

/** The one id generator: sortable by creation time, unique across nodes. */
export function newId(prefix = ''): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const rand = randomBytes(8).toString('hex');
  return `${prefix}${time}${rand}`;
}

export function newTxId(): string {
  return randomUUID();
}
