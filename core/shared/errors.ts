// One error type for operating errors (DESIGN/STYLE): a stable code shared with the UIs,
// mapped once to HTTP statuses and Socket.IO acks. Programmer errors use `invariant`.

export const errorCodes = {
  INVALID_INPUT: 400,
  INVALID_AMOUNT: 400,
  INVALID_SIGNATURE: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  STAFF_REQUIRED: 403,
  MANAGER_REQUIRED: 403,
  NOT_FOUND: 404,
  CARD_UNKNOWN: 404,
  CARD_BLOCKED: 409,
  CARD_ALREADY_EXISTS: 409,
  INSUFFICIENT_FUNDS: 409,
  ASSET_NOT_ACCEPTED: 409,
  ASSET_UNKNOWN: 400,
  DUPLICATE_TX_CONFLICT: 409,
  CONFLICT: 409,
  SOLD_OUT: 409,
  ALREADY_USED: 409,
  REGISTER_CLOSED: 409,
  // Offline journal entries a terminal syncs (core/pos/offline-sync.ts):
  OFFLINE_FORGED: 400,
  OFFLINE_EXPIRED: 409,
  OFFLINE_LIMIT: 409,
  OFFLINE_NOT_ENABLED: 409,
  TERMINAL_REVOKED: 401,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code];
  }

  toAck(): { ok: false; code: ErrorCode; message: string } & Record<string, unknown> {
    return { ok: false, code: this.code, message: this.message, ...this.details };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Rebuilds an AppError that crossed a process boundary as plain data. */
export function appErrorFromData(data: { code: string; message: string; details?: Record<string, unknown> }): AppError {
  const code = (data.code in errorCodes ? data.code : 'INTERNAL') as ErrorCode;
  return new AppError(code, data.message, data.details ?? {});
}

/**
 * For an adapter's `.catch`: its backing service failed (Redis restarting, network), answered as
 * UNAVAILABLE, which clients resend with the same txId, rather than as an internal error.
 */
export function unavailable(what: string): (err: Error) => never {
  return (err) => {
    throw new AppError('UNAVAILABLE', `${what} unavailable: ${err.message}`);
  };
}

/** Programmer error: a broken invariant stops the process rather than corrupting money. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

export class InvariantError extends Error {
  override name = 'InvariantError';
}
