import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api.js';
import { errorLine, fieldError, formErrorsOf, formErrorText } from './form-errors.js';
import { errorText } from './messages.js';

describe('formErrorsOf', () => {
  it('puts zod issues next to their fields', () => {
    const err = new ApiError('INVALID_INPUT', 'price: too big; colours.primary: bad', 400, {
      issues: [
        { path: 'price', message: 'Too big' },
        { path: 'colours.primary', message: 'must be a colour' },
        { path: '', message: 'nothing to update' },
      ],
    });
    const errors = formErrorsOf(err);
    expect(errors).toEqual({ fields: { price: 'Too big', 'colours.primary': 'must be a colour' } });
    expect(fieldError(errors, 'colours')).toBe('must be a colour');
    expect(fieldError(errors, 'name')).toBeUndefined();
  });

  it('reads details.field and details.fields', () => {
    expect(formErrorsOf(new ApiError('CONFLICT', 'not in your village', 409, { field: 'asset' })).fields).toEqual({ asset: 'not in your village' });
    expect(formErrorsOf(new ApiError('INVALID_INPUT', 'x', 400, { fields: { name: 'taken' } })).fields).toEqual({ name: 'taken' });
  });

  it('keeps a refusal tied to no field for the whole form', () => {
    expect(formErrorsOf(new ApiError('FORBIDDEN', 'not yours', 403))).toEqual({ fields: {}, form: { code: 'FORBIDDEN', message: 'not yours' } });
    expect(formErrorsOf(new Error('boom')).form?.code).toBe('INTERNAL');
  });
});

describe('errorLine', () => {
  it('says a form refusal in words, else the first field message', () => {
    expect(errorLine({ fields: {}, form: { code: 'FORBIDDEN', message: 'not yours' } })).toBe(errorText('FORBIDDEN', 'not yours'));
    expect(errorLine({ fields: {}, form: { code: 'SOMETHING_NEW', message: 'odd' } })).toContain('SOMETHING_NEW');
    expect(errorLine({ fields: { price: 'Too big', name: 'taken' } })).toBe('Too big');
  });
});

describe('formErrorText', () => {
  it('says the whole form refusal in words, and nothing when the error went to fields', () => {
    expect(formErrorText({ fields: {}, form: { code: 'FORBIDDEN', message: 'not yours' } })).toBe(errorText('FORBIDDEN', 'not yours'));
    expect(formErrorText({ fields: { name: 'taken' } })).toBeUndefined();
    expect(formErrorText(undefined)).toBeUndefined();
  });
});
