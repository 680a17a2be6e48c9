import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api.js';
import { fieldError, formErrorsOf, unclaimed } from './form-errors.js';

describe('formErrorsOf', () => {
  it('puts each refused field next to its input, from zod issues and domain fields', () => {
    const zod = new ApiError('INVALID_INPUT', 'email: bad', 400, {
      issues: [
        { path: 'buyer.email', message: 'Invalid email' },
        { path: '', message: 'whole' },
      ],
    });
    expect(formErrorsOf(zod)).toEqual({ fields: { 'buyer.email': 'Invalid email' } });
    const domain = new ApiError('FORBIDDEN', 'members only', 403, { reason: 'MEMBERS_ONLY', fields: { 'lines.0.priceId': 'reserved to members: sign in first' } });
    expect(formErrorsOf(domain).fields['lines.0.priceId']).toBe('reserved to members: sign in first');
  });

  it('keeps an error tied to no field for the whole form, with its code', () => {
    expect(formErrorsOf(new ApiError('SOLD_OUT', 'no seat left', 409))).toEqual({ fields: {}, form: { code: 'SOLD_OUT', message: 'no seat left' } });
    expect(formErrorsOf(new Error('boom')).form).toEqual({ code: 'INTERNAL', message: 'boom' });
    const whole = new ApiError('INVALID_INPUT', 'x', 400, { fields: { _: 'at most 20 tickets per booking', email: 'bad' } });
    expect(formErrorsOf(whole)).toEqual({ fields: { email: 'bad' }, form: { code: 'INVALID_INPUT', message: 'at most 20 tickets per booking' } });
  });
});

describe('fieldError', () => {
  const errors = { fields: { 'buyer.email': 'bad email', 'lines.1.answers.size': 'required' } };
  it('finds a field under any of its names, or a nested key', () => {
    expect(fieldError(errors, 'email', 'buyer.email')).toBe('bad email');
    expect(fieldError(errors, 'lines.1.answers')).toBe('required');
    expect(fieldError(errors, 'name')).toBeUndefined();
    expect(fieldError(undefined, 'email')).toBeUndefined();
  });

  it('lists the errors no field shows', () => {
    expect(unclaimed(errors, (name) => name.startsWith('buyer.'))).toEqual(['lines.1.answers.size: required']);
  });
});
