// Filter, update and sort semantics for the memory adapter, kept to the MongoDB subset of port.ts.
import type { Condition, Doc, Filter, FindOptions, Scalar, Update } from './port.js';

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return doc[path];
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function matches(doc: Record<string, unknown>, filter: Filter): boolean {
  for (const [path, cond] of Object.entries(filter)) {
    if (!matchCondition(getPath(doc, path), cond)) return false;
  }
  return true;
}

function matchCondition(value: unknown, cond: Condition): boolean {
  if (cond === null || typeof cond !== 'object') return equals(value, cond);
  for (const [op, arg] of Object.entries(cond)) {
    if (!matchOperator(value, op, arg)) return false;
  }
  return true;
}

function matchOperator(value: unknown, op: string, arg: unknown): boolean {
  switch (op) {
    case '$in':
      return (arg as Scalar[]).some((a) => equals(value, a));
    case '$nin':
      return !(arg as Scalar[]).some((a) => equals(value, a));
    case '$ne':
      return !equals(value, arg);
    case '$exists':
      return (value !== undefined) === arg;
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return matchRange(value, op, arg);
    default:
      throw new Error(`unsupported filter operator ${op}`);
  }
}

// As in MongoDB, a range compares only values of the same type (5 is not `$gt` 'a'), an array
// matches when one of its elements does, and a null bound matches null or missing values only.
function matchRange(value: unknown, op: string, bound: unknown): boolean {
  if (bound === null) return op === '$gte' || op === '$lte' ? value === null || value === undefined : false;
  if (Array.isArray(value)) return value.some((v) => matchRange(v, op, bound));
  if (value === null || value === undefined || typeRank(value) !== typeRank(bound)) return false;
  const c = compare(value, bound);
  return op === '$gt' ? c > 0 : op === '$gte' ? c >= 0 : op === '$lt' ? c < 0 : c <= 0;
}

function equals(value: unknown, expected: unknown): boolean {
  if (expected === null) return value === null || value === undefined;
  if (Array.isArray(value)) return value.some((v) => v === expected);
  return value === expected;
}

/** MongoDB's sort order across types: missing = null < numbers < strings < objects < arrays < booleans. */
export function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a === b || ra === 0 || typeof a === 'object') return 0;
  return (a as number | string | boolean) < (b as number | string | boolean) ? -1 : 1;
}

function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  switch (typeof value) {
    case 'number':
      return 1;
    case 'string':
      return 2;
    case 'boolean':
      return 5;
    default:
      return Array.isArray(value) ? 4 : 3;
  }
}

export function sortDocs<T extends Record<string, unknown>>(docs: T[], options: FindOptions = {}): T[] {
  const sort = options.sort ?? {};
  const keys = Object.entries(sort);
  const sorted = keys.length
    ? [...docs].sort((x, y) => {
        for (const [k, dir] of keys) {
          const c = compare(getPath(x, k), getPath(y, k));
          if (c !== 0) return c * dir;
        }
        return 0;
      })
    : docs;
  const start = options.skip ?? 0;
  return sorted.slice(start, options.limit ? start + options.limit : undefined);
}

/** Applies an update to a copy of the document (or to a new one on upsert). */
export function applyUpdate<T extends Doc>(doc: T, update: Update, inserting: boolean): T {
  const out = structuredClone(doc) as Record<string, unknown>;
  for (const [k, v] of Object.entries(update.$set ?? {})) setPath(out, k, structuredClone(v));
  for (const [k, v] of Object.entries(update.$inc ?? {})) setPath(out, k, ((getPath(out, k) as number) ?? 0) + v);
  for (const k of Object.keys(update.$unset ?? {})) unsetPath(out, k);
  if (inserting) for (const [k, v] of Object.entries(update.$setOnInsert ?? {})) setPath(out, k, structuredClone(v));
  return out as T;
}

/** The document an upsert starts from: the filter's equality fields. */
export function seedFromFilter(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) if (v === null || typeof v !== 'object') setPath(seed, k, v);
  return seed;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

function unsetPath(doc: Record<string, unknown>, path: string): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> | undefined = doc;
  for (const part of parts.slice(0, -1)) cur = cur?.[part] as Record<string, unknown> | undefined;
  if (cur) delete cur[parts[parts.length - 1]];
}
