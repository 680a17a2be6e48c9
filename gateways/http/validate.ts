// Every route parses its params, query and body with zod before its handler runs; a refusal is
// a ZodError, answered 400 INVALID_INPUT by the error middleware.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';

export interface Schemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface ValidInput<S extends Schemas> {
  params: Parsed<S['params']>;
  query: Parsed<S['query']>;
  body: Parsed<S['body']>;
}

/**
 * A route handler over parsed input. What it returns is sent as JSON (200, or 204 when it
 * returns nothing) unless it answered itself.
 */
export function validate<S extends Schemas>(schemas: S, handler: (input: ValidInput<S>, req: Request, res: Response) => unknown): RequestHandler {
  return async (req, res) => {
    const input = {
      params: schemas.params?.parse(req.params),
      query: schemas.query?.parse(req.query),
      body: schemas.body?.parse(req.body ?? {}),
    } as ValidInput<S>;
    const result = await handler(input, req, res);
    if (res.headersSent) return;
    if (result === undefined) res.status(204).end();
    else res.json(result);
  };
}
