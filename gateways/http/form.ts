// Lespass routes answer form errors next to their fields, as the UIs show them:
//   400 {error: {code: 'INVALID_INPUT', message, fields: {name: 'why', 'lines.0.qty': 'why'}}}
// `form()` is `validate()` (same parsing, same handler contract) whose refusals carry `fields`:
// a zod refusal of the input, or an AppError of the core with `details.fields` (a member price,
// an unknown Pass number...). Every other error goes to the one error middleware unchanged.
import type { Request, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { isAppError } from '../../core/shared/errors.js';
import { validate, type Schemas, type ValidInput } from './validate.js';

export function form<S extends Schemas>(schemas: S, handler: (input: ValidInput<S>, req: Request, res: Response) => unknown): RequestHandler {
  const inner = validate(schemas, handler);
  return async (req, res, next) => {
    try {
      await inner(req, res, next);
    } catch (err) {
      if (err instanceof ZodError) return void res.status(400).json({ error: { code: 'INVALID_INPUT', message: summary(err), fields: fieldsOf(err) } });
      if (isAppError(err) && err.details.fields && typeof err.details.fields === 'object') {
        const { fields, ...details } = err.details;
        const extra = Object.keys(details).length ? { details } : {};
        return void res.status(err.status).json({ error: { code: err.code, message: err.message, fields, ...extra } });
      }
      throw err;
    }
  };
}

/** One message per field (the first zod gives), keyed by its dotted path; `_` for the whole input. */
export function fieldsOf(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

function summary(err: ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}
