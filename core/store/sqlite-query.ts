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
  /**
   * True when the clause selects exactly what the matcher would: every field of the filter is
   * in it, each with a condition SQL evaluates as MongoDB does on the values that field has
   * held. Then SQL may count, order, skip and limit on its own.
   */
  exact: boolean;
}

/** Fields whose stored values SQL cannot always judge as MongoDB does. */
export interface Irregular {
  /** Fields that held an array: their index is not used at all. */
  multikey: ReadonlySet<string>;
  /** Fields that held a boolean or an object: their lookup key is not exact. */
  mixed: ReadonlySet<string>;
}

/** What a field's value says of it: arrays make it multikey, booleans and objects mixed. */
export function irregularityOf(value: unknown): 'multikey' | 'mixed' | null {
  if (Array.isArray(value)) return 'multikey';
  return typeof value === 'boolean' || (typeof value === 'object' && value !== null) ? 'mixed' : null;
}

/**
 * ORDER BY for a sort SQL can give as MongoDB would (null and missing first ascending), or null:
 * each key is _id or a field with a lookup key column that never held anything but strings,
 * numbers and null. Ties keep insertion order, as the memory adapter's stable sort does.
 */
export function sqlOrder(sort: Record<string, 1 | -1> | undefined, indexes: readonly IndexSpec[], irregular: Irregular): string | null {
  const keys = Object.entries(sort ?? {});
  const looked = new Set(keyColumnsOf(indexes).filter((k) => k.flavour === 'x').map((k) => k.field));
  const parts: string[] = [];
  for (const [field, dir] of keys) {
    const column = field === '_id' ? 'id' : looked.has(field) && !irregular.multikey.has(field) && !irregular.mixed.has(field) ? keyColumn('x', field) : null;
    if (!column) return null;
    parts.push(`${column} ${dir === -1 ? 'DESC' : 'ASC'}`);
  }
  return [...parts, 'rowid'].join(', ');
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
export function candidateQuery(filter: Filter, indexes: readonly IndexSpec[], irregular: Irregular): CandidateQuery {
  const fields = Object.keys(filter).filter((f) => filter[f] !== undefined);
  const byId = idQuery(filter._id);
  if (byId) return { ...byId, exact: fields.length === 1 };
  if (!fields.length) return { where: '', params: [], exact: true };
  let best: Plan = { where: '', params: [], score: 0, exactFields: [] };
  for (const spec of indexes) {
    const keys = Object.keys(spec.keys);
    if (keys.some((f) => irregular.multikey.has(f))) continue;
    const plan = spec.unique ? uniquePlan(filter, keys) : lookupPlan(filter, keys, irregular.mixed);
    if (plan && plan.score > best.score) best = plan;
  }
  const exact = best.where !== '' && fields.every((f) => best.exactFields.includes(f));
  return { where: best.where, params: best.params, exact };
}

interface Plan {
  where: string;
  params: SqlValue[];
  score: number;
  /** Filter fields the clause judges exactly. */
  exactFields: string[];
}

function idQuery(cond: Condition | undefined): Omit<CandidateQuery, 'exact'> | null {
  if (typeof cond === 'string') return { where: 'id = ?', params: [cond] };
  if (cond && typeof cond === 'object' && Array.isArray(cond.$in) && cond.$in.every((v) => typeof v === 'string')) {
    return { where: `id IN (${cond.$in.map(() => '?').join(', ') || 'NULL'})`, params: cond.$in as string[] };
  }
  return null;
}

/**
 * Equality on a leading run of the index's fields; the whole key found scores highest. A
 * unique key is the value's JSON text: equal keys, equal values, whatever the type (exact).
 */
function uniquePlan(filter: Filter, fields: string[]): Plan | null {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  for (const field of fields) {
    const cond = filter[field];
    if (!isScalar(cond)) break;
    clauses.push(`${keyColumn('u', field)} = ?`);
    params.push(keyValue('u', cond));
  }
  if (!clauses.length) return null;
  return { where: clauses.join(' AND '), params, score: clauses.length === fields.length ? 1_000 : clauses.length * 2, exactFields: fields.slice(0, clauses.length) };
}

/**
 * Equality on leading fields, then a range or $in on the next one. Exact on a field that only
 * ever held strings, numbers or null, for a condition on a string, a number or null.
 */
function lookupPlan(filter: Filter, fields: string[], mixed: ReadonlySet<string>): Plan | null {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const exactFields: string[] = [];
  let score = 0;
  for (const field of fields) {
    const cond = filter[field];
    const column = keyColumn('x', field);
    const regular = !mixed.has(field);
    if (isScalar(cond)) {
      if (cond === null) clauses.push(`${column} IS NULL`);
      else {
        clauses.push(`${column} = ?`);
        params.push(keyValue('x', cond));
      }
      if (cond === null || (regular && typeof cond !== 'boolean')) exactFields.push(field);
      score += 2;
      continue;
    }
    const narrowed = cond && typeof cond === 'object' ? rangeOrIn(column, cond) : null;
    if (narrowed) {
      clauses.push(narrowed.clause);
      params.push(...narrowed.params);
      if (regular && narrowed.exact) exactFields.push(field);
      score += 1;
    }
    break;
  }
  return clauses.length ? { where: clauses.join(' AND '), params, score, exactFields } : null;
}

type Operators = Exclude<Condition, Scalar>;

/**
 * SQL orders NULL < numbers < text, and MongoDB compares a bound only with values of its own
 * type: a number bound adds `< ''` (below every text), a text bound `>= ''`, so the index scan
 * stays within the type. Booleans are 1/0 in a lookup key; the matcher drops them again.
 */
function rangeOrIn(column: string, cond: Operators): { clause: string; params: SqlValue[]; exact: boolean } | null {
  const operators = Object.keys(cond).filter((op) => cond[op as keyof Operators] !== undefined);
  if (Array.isArray(cond.$in)) {
    const values = cond.$in;
    if (!values.length || values.some((v) => typeof v !== 'string' && typeof v !== 'number')) return null;
    return { clause: `${column} IN (${values.map(() => '?').join(', ')})`, params: values as SqlValue[], exact: operators.length === 1 };
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
  // Other operators beside the bounds ($ne, $exists...) are left to the matcher.
  return { clause: parts.join(' AND '), params, exact: operators.every((op) => ['$gt', '$gte', '$lt', '$lte'].includes(op)) };
}

function isScalar(cond: Condition | undefined): cond is Scalar {
  return cond === null || typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean';
}
