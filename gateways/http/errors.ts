// The one mapping from errors to HTTP responses: `{error: {code, message, details?}}` with the
// status of the code (core/shared/errors.ts). Operating errors keep their message; anything
// unexpected is logged and answered INTERNAL without leaking internals.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, isAppError, type ErrorCode } from '../../core/shared/errors.js';
import { limits } from '../../core/shared/limits.js';
import { logger } from '../../core/shared/logger.js';

export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  const error = toAppError(err);
  if (error.code === 'INTERNAL') (req.log ?? logger).error({ err }, 'request failed');
  const details = Object.keys(error.details).length ? { details: error.details } : {};
  res.status(error.status).json({ error: { code: error.code, message: error.message, ...details } });
};

/** Any path no route answered: JSON, like every other API answer. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return new AppError('INVALID_INPUT', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), { issues });
  }
  const bodyError = err as { type?: string; status?: number; message?: string; limit?: number };
  // The limit of the parser that refused it (the webhook's is not the API's).
  if (bodyError?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${bodyError.limit ?? limits.httpBodyBytes} bytes`);
  if (bodyError?.type === 'entity.parse.failed') return new AppError('INVALID_INPUT', 'request body is not valid JSON');
  // Other body-parser refusals (bad charset, aborted upload...): the client's fault.
  if (typeof bodyError?.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return new AppError(codeFor(bodyError.status), bodyError.message ?? 'bad request');
  }
  return new AppError('INTERNAL', 'internal error');
}

function codeFor(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 404) return 'NOT_FOUND';
  return 'INVALID_INPUT';
}
