// JSON over HTTP to the app node. A refusal arrives as `{error: {code, message, details?}}`
// (gateways/http/errors.ts) and is thrown as an ApiError carrying the same code, so screens
// translate codes, never raw messages. A request that never gets an answer is bounded in time.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

const defaultTimeoutMs = 10_000;

/** Calls the API and returns its JSON answer (undefined for 204), or throws an ApiError. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const { method = options.body === undefined ? 'GET' : 'POST', body, timeoutMs = defaultTimeoutMs } = options;
  // Built by hand rather than AbortSignal.any/timeout: older Android WebViews (Sunmi) lack them.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forward = () => controller.abort();
  options.signal?.addEventListener('abort', forward, { once: true });
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err; // the caller gave up: not an error to show
    throw new ApiError(timedOut ? 'TIMEOUT' : 'NETWORK', timedOut ? 'the server did not answer in time' : 'the server cannot be reached', 0);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forward);
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => undefined);
  if (!res.ok) throw errorFrom(res.status, data);
  return data as T;
}

/** The ApiError of a refused request (pure: tested without a network). */
export function errorFrom(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown; fields?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : status >= 500 ? 'UNAVAILABLE' : 'HTTP_' + status;
  const message = typeof error?.message === 'string' ? error.message : `request failed with status ${status}`;
  const details = error?.details && typeof error.details === 'object' ? { ...(error.details as Record<string, unknown>) } : {};
  // Form routes (gateways/http/form.ts) answer `{error: {code, message, fields}}`: kept as details.fields.
  if (error?.fields && typeof error.fields === 'object') details.fields ??= error.fields;
  return new ApiError(code, message, status, details);
}
