import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level: the same value always hashes the same, across
 * processes. Written in one pass (no sorted copy): rows are hashed on every payment.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of a chain link: previous hash + canonical content (tamper evidence). */
export function chainHash(previousHash: string, content: unknown): string {
  return sha256Hex(previousHash + canonicalJson(content));
}

/** Like JSON.stringify with sorted keys; undefined (and functions) vanish as they do there. */
function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value);
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const v = write(obj[key]);
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
  }
  return `{${parts.join(',')}}`;
}
