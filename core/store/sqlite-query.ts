// How the SQLite store finds candidate documents for a filter: the SQL index expressions of
// the Store port's indexes, and the narrowest WHERE clause one of them can answer. The clause
// only narrows: every candidate is checked again by the memory adapter's matcher (matcher.ts),
// so MongoDB's semantics (type bracketing, arrays, null = missing) stay the matcher's alone.
// A WHERE clause must therefore never drop a document the matcher would keep; this is why
// an index whose field has held an array (a "multikey" field, as MongoDB says) is not used.
import type { Condition, Filter, IndexSpec, Scalar } from './port.js';

export interface CandidateQuery {
  /** SQL after WHERE ('' for a scan of the whole collection). */
  where: string;
  params: SqlValue[];
}

export type SqlValue = string | number | null;

/** JSON path of a dotted field: `seq` → `$.seq`, `owner.id` → `$.owner.id`. */
export function jsonPath(field: string): string {
  return '$' + field.split('.').map((part) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? `.${part}` : `."${part.replace(/["\\]/g, '\\$&')}"`)).join('');
}

/**
 * A unique index keys each field on its JSON text (`"1"` and `1` differ, `true` is not 1) and a
 * missing field as `null`, as MongoDB does: two documents missing the field collide.
 */
export function uniqueKeyExpression(field: string): string {
  return `coalesce(doc -> ${sqlString(jsonPath(field))}, 'null')`;
}

/** A plain index keys each field on its SQL value: numbers order as numbers, so ranges use it. */
export function lookupExpression(field: string): string {
  return `json_extract(doc, ${sqlString(jsonPath(field))})`;
}

/** The value a unique index holds for a scalar: its JSON text. */
export function uniqueKeyOf(value: Scalar): string {
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
    clauses.push(`${uniqueKeyExpression(field)} = ?`);
    params.push(uniqueKeyOf(cond));
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
    const expr = lookupExpression(field);
    if (isScalar(cond)) {
      if (cond === null) clauses.push(`${expr} IS NULL`);
      else {
        clauses.push(`${expr} = ?`);
        params.push(sqlValue(cond));
      }
      score += 2;
      continue;
    }
    const narrowed = cond && typeof cond === 'object' ? rangeOrIn(expr, cond) : null;
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
 * stays within the type. Booleans read as 1/0 in SQL; the matcher drops them again.
 */
function rangeOrIn(expr: string, cond: Operators): { clause: string; params: SqlValue[] } | null {
  if (Array.isArray(cond.$in)) {
    const values = cond.$in;
    if (!values.length || values.some((v) => v === null || typeof v === 'boolean')) return null;
    return { clause: `${expr} IN (${values.map(() => '?').join(', ')})`, params: values as SqlValue[] };
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
    parts.push(`${expr} ${sql} ?`);
    params.push(bound);
  }
  if (!kind) return null;
  parts.push(kind === 'number' ? `${expr} < ''` : `${expr} >= ''`);
  return { clause: parts.join(' AND '), params };
}

function isScalar(cond: Condition | undefined): cond is Scalar {
  return cond === null || typeof cond === 'string' || typeof cond === 'number' || typeof cond === 'boolean';
}

function sqlValue(value: string | number | boolean): SqlValue {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
