import { describe, expect, it } from 'vitest';
import { errorFrom } from './api.js';

describe('errorFrom', () => {
  it('keeps the code, message and details of an {error} body', () => {
    const err = errorFrom(401, { error: { code: 'UNAUTHORIZED', message: 'this pairing code is unknown', details: { x: 1 } } });
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', message: 'this pairing code is unknown', status: 401, details: { x: 1 } });
  });
  it('names a bodiless server failure UNAVAILABLE', () => {
    expect(errorFrom(502, undefined).code).toBe('UNAVAILABLE');
    expect(errorFrom(404, 'nope').code).toBe('HTTP_404');
  });
});
