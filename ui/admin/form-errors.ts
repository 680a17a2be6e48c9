// A refused form, field by field. The server answers `{error: {code, message, details}}`;
// zod refusals list `details.issues: [{path, message}]`, others may name `details.field` or
// give `details.fields: {name: message}`. Anything not tied to a field is the form's message.
import { ApiError } from '../shared/api.js';
import { errorText } from './messages.js';

export interface FormErrors {
  /** Field name (the request's key, e.g. 'price' or 'colours.primary') → message. */
  fields: Record<string, string>;
  /** For the whole form: set when no field took the error. */
  form?: { code: string; message: string };
}

export function formErrorsOf(err: unknown): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, form: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  const fields: Record<string, string> = {};
  const { issues, field, fields: named } = err.details as { issues?: unknown; field?: unknown; fields?: unknown };
  if (Array.isArray(issues)) {
    for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof issue?.path === 'string' && issue.path && typeof issue.message === 'string') fields[issue.path] ??= issue.message;
    }
  }
  if (named && typeof named === 'object') {
    for (const [name, message] of Object.entries(named as Record<string, unknown>)) if (typeof message === 'string') fields[name] ??= message;
  }
  if (typeof field === 'string' && field) fields[field] ??= err.message;
  return Object.keys(fields).length ? { fields } : { fields, form: { code: err.code, message: err.message } };
}

/** The message of a field, or of any nested key under it ('colours' shows 'colours.primary'). */
export function fieldError(errors: FormErrors | undefined, name: string): string | undefined {
  if (!errors) return undefined;
  if (errors.fields[name]) return errors.fields[name];
  const nested = Object.keys(errors.fields).find((key) => key.startsWith(`${name}.`));
  return nested ? errors.fields[nested] : undefined;
}

/** The whole form's refusal in words, if the error went to no field. */
export function formErrorText(errors: FormErrors | undefined): string | undefined {
  return errors?.form ? errorText(errors.form.code, errors.form.message) : undefined;
}

/** A refusal shown on one line, away from a form (a row's action, a button): the form's error in words, else the first field's message. */
export function errorLine(errors: FormErrors): string {
  return formErrorText(errors) ?? Object.values(errors.fields)[0];
}
