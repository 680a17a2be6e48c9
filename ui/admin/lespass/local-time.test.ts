import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-time.js';

describe('datetime-local values', () => {
  it('go to epoch milliseconds and back in the local zone', () => {
    const ms = fromLocalInput('2026-07-14T20:30');
    expect(ms).toBe(new Date(2026, 6, 14, 20, 30).getTime());
    expect(toLocalInput(ms!)).toBe('2026-07-14T20:30');
  });
  it('refuse what is not a real local date and time', () => {
    for (const value of ['', '2026-07-14', '2026-02-31T10:00', '14/07/2026 20:30']) expect(fromLocalInput(value)).toBeNull();
  });
});
