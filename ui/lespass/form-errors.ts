// A refused form, field by field. The server answers `{error: {code, message, details}}`:
// zod refusals list `details.issues: [{path, message}]`, domain refusals give
// `details.fields: {name: message}`. Whatever no field takes is the form's own message.
// Field names are the request's keys ('email', 'lines.0.priceId', 'lines.1.answers.size').
import { ApiError } from '../shared/api.js';

export interface FormErrors {
  fields: Record<string, string>;
  /** For the whole form: set when no field took the error. */
  form?: { code: string; message: string };
}

export const noErrors: FormErrors = { fields: {} };

export function formErrorsOf(err: unknown): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, form: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  const fields: Record<string, string> = {};
  const { issues, fields: named } = err.details as { issues?: unknown; fields?: unknown };
  if (Array.isArray(issues)) {
    for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof issue?.path === 'string' && issue.path && typeof issue.message === 'string') fields[issue.path] ??= issue.message;
    }
  }
  if (named && typeof named === 'object') {
    for (const [name, message] of Object.entries(named as Record<string, unknown>)) if (typeof message === 'string') fields[name] ??= message;
  }
  // `_` is the whole input's refusal (gateways/http/form.ts): the form's message, not a field's.
  const whole = fields._;
  delete fields._;
  if (whole) return { fields, form: { code: err.code, message: whole } };
  return Object.keys(fields).length ? { fields } : { fields, form: { code: err.code, message: err.message } };
}

/**
 * The message for a form field, looked up under each name the server may use for it (e.g.
 * 'email' and 'buyer.email'); a name also takes errors on its nested keys ('answers' shows
 * 'answers.size').
 */
export function fieldError(errors: FormErrors | undefined, ...names: string[]): string | undefined {
  if (!errors) return undefined;
  for (const name of names) if (errors.fields[name]) return errors.fields[name];
  for (const name of names) {
    const nested = Object.keys(errors.fields).find((key) => key.startsWith(`${name}.`));
    if (nested) return errors.fields[nested];
  }
  return undefined;
}

/** Field errors that no visible field shows: they must still reach the visitor. */
export function unclaimed(errors: FormErrors, shown: (name: string) => boolean): string[] {
  return Object.entries(errors.fields)
    .filter(([name]) => !shown(name))
    .map(([name, message]) => `${name}: ${message}`);
}
