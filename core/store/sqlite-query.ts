// How the SQLite store indexes documents and finds candidates for a filter. Each field an index
// names gets a plain key column beside the document's JSON text, filled by the engine from the
// parsed document on every write (no JSON is parsed by SQLite: a write costs B-tree inserts
// only). Two flavours of key:
// - unique key (`u_<field>`): the value's JSON text, `null` for a missing field, so `1`, `"1"`
//   and `true` differ and two documents missing the field collide, as in MongoDB;
// - lookup key (`x_<field>`): the value as SQL orders it (numbers as numbers), for equality
//   and ranges.
// A WHERE clause only narrows: every candidate is checked again by the memory adapter's matcher
// (matcher.ts), so MongoDB's semantics stay the matcher's alone. A clause must never drop a
// document the matcher would keep; hence an index whose field has held an array (a "multikey"
// field, as MongoDB says) is not used.
import type { Condition, Filter, IndexSpec, Scalar } from './port.js';

export interface CandidateQuery {
  /** SQL after WHERE ('' for a scan of the whole collection). */
  where: string;
  params: SqlValue[];
}

export type SqlValue = string | number | null;

export type KeyFlavour = 'u' | 'x';

/** The key column of a field in an index of this kind. */
export function keyColumn(flavour: KeyFlavour, field: string): string {
  return `"${flavour}_${field.replace(/"/g, '""')}"`;
}

/** The key columns a table needs for its indexes, flavour and field. */
export function keyColumnsOf(indexes: readonly IndexSpec[]): Array<{ flavour: KeyFlavour; field: string }> {
  const seen = new Map<string, { flavour: KeyFlavour; field: string }>();
  for (const spec of indexes) {
    const flavour: KeyFlavour = spec.unique ? 'u' : 'x';
    for (const field of Object.keys(spec.keys)) seen.set(`${flavour}:${field}`, { flavour, field });
  }
  return [...seen.values()];
}

/** A document's value in a key column. */
export function keyValue(flavour: KeyFlavour, value: unknown): SqlValue {
  if (flavour === 'u') return value === undefined ? 'null' : JSON.stringify(value);
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0; // SQL has no booleans: the matcher tells 1 from true
  return JSON.stringify(value);
}

/** The narrowest candidate query for a filter, given the collection's indexes. */
export function candidateQuery(filter: Filter, indexes: readonly IndexSpec[], multikey: ReadonlySet<string>): CandidateQuery {
  const byId = idQuery(filter._id);
  if (byId) return byId;
  let best: CandidateQuery & { score: number } = { where: '', params: [], score: 0 };
  for (const spec of indexes) {
    const fields = Object.keys(spec.keys);
    if (fields.some((f) => multikey.has(f))) continue;
    const plan = spec.unique ? uniquePlan(filter, fields) : lookupPlan(filter, fields);
    if (plan && plan.score > best.score) best = plan;
  }
  return { where: best.where, params: best.params };
}

function idQuery(cond: Condition | undefined): CandidateQuery | null {
  if (typeof cond === 'string') return { where: 'id = ?', params: [cond] };
  if (cond && typeof cond === 'object' && Array.isArray(cond.$in) && cond.$in.every((v) => typeof v === 'string')) {
    return { where: `id IN (${cond.$in.map(() => '?').join(', ') || 'NULL'})`, params: cond.$in as string[] };
  }
  return null;
}

/** Equality on a leading run of the index's fields; the whole key found scores highest. */
function uniquePlan(filter: Filter, fields: string[]): (CandidateQuery & { score: number }) | null {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const field of fields) {
    const cond = filter[field];
    if (!isScalar(cond)) break;
    clauses.push(`${keyColumn('u', field)} = ?`);
    params.push(keyValue('u', cond));
  }
  if (!clauses.length) return null;
  return { where: clauses.join(' AND '), params, score: clauses.length === fields.length ? 1_000 : clauses.length * 2 };
}

/** Equality on leading fields, then a range or $in on the next one. */
function lookupPlan(filter: Filter, fields: string[]): (CandidateQuery & { score: number }) | null {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  let score = 0;
  for (const field of fields) {
    const cond = filter[field];
    const column = keyColumn('x', field);
    if (isScalar(cond)) {
      if (cond === null) clauses.push(`${column} IS NULL`);
      else {
        clauses.push(`${column} = ?`);
        params.push(keyValue('x', cond));
      }
      score += 2;
      continue;
    }
    const narrowed = cond && typeof cond === 'object' ? rangeOrIn(column, cond) : null;
    if (narrowed) {
      clauses.push(narrowed.clause);
      params.push(...narrowed.params);
      score += 1;
    }
    break;
  }
  return clauses.length ? { where: clauses.join(' AND '), params, score } : null;
}

type Operators = Exclude<Condition, Scalar>;

/**
 * SQL orders NULL < numbers < text, and MongoDB compares a bound only with values of its own
 * type: a number bound adds `< ''` (below every text), a text bound `>= ''`, so the index scan
 * stays within the type. Booleans are 1/0 in a lookup key; the matcher drops them again.
 */
function rangeOrIn(column: string, cond: Operators): { clause: string; params: SqlValue[] } | null {
  if (Array.isArray(cond.$in)) {
    const values = cond.$in;
    if (!values.length || values.some((v) => v === null || typeof v === 'boolean')) return null;
    return { clause: `${column} IN (${values.map(() => '?').join(', ')})`, params: values as SqlValue[] };
  }
  const parts: string[] = [];
  const params: SqlValue[] = [];
  let kind: 'number' | 'string' | null = null;
  for (const [op, sql] of [
    ['$gt', '>'],
    ['$gte', '>='],
    ['$lt', '<'],
    ['$lte', '<='],
  ] as const) {
    const bound = cond[op];
    if (bound === undefined) continue;
    if (typeof bound !== 'number' && typeof bound !== 'string') return null;
    if (kind && kind !== typeof bound) return null; // mixed-type bounds match nothing in MongoDB; let the matcher say so
    kind = typeof bound as 'number' | 'string';
    parts.push(`${column} ${sql} ?`);
    params.push(bound);
  }
  if (!kind) return null;
  parts.push(kind === 'number' ? `${column} < ''` : `${column} >= ''`);
  return { clause: parts.join(' AND '), params };
}

function isScalar(cond: Condition | undefined): cond is Scalar {
  return cond === null || typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean';
}
