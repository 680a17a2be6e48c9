import { describe, expect, it } from 'vitest';
import { errorFrom } from './api.js';

describe('errorFrom', () => {
  it('keeps the code, message and details of an {error} body', () => {
    const err = errorFrom(401, { error: { code: 'UNAUTHORIZED', message: 'this pairing code is unknown', details: { x: 1 } } });
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', message: 'this pairing code is unknown', status: 401, details: { x: 1 } });
  });
  it('keeps the fields of a form refusal as details.fields', () => {
    const err = errorFrom(400, { error: { code: 'INVALID_INPUT', message: 'email: bad', fields: { email: 'bad' }, details: { reason: 'X' } } });
    expect(err.details).toEqual({ reason: 'X', fields: { email: 'bad' } });
  });
  it('names a bodiless server failure UNAVAILABLE', () => {
    expect(errorFrom(502, undefined).code).toBe('UNAVAILABLE');
    expect(errorFrom(404, 'nope').code).toBe('HTTP_404');
  });
});
