import { afterEach, describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './lespass/local-time.js';
import { dateTime } from './messages.js';
import { setCollectiveTimeZone } from './time-zone.js';

describe('admin dates in the collective’s time zone, whatever the browser’s', () => {
  afterEach(() => setCollectiveTimeZone(undefined));

  it('a concert at 19:00 in Paris is typed, shown and sent as 19:00 Paris (17:00 UTC in summer), DST included', () => {
    setCollectiveTimeZone('Europe/Paris');
    const summer = fromLocalInput('2026-07-14T19:00')!;
    expect(new Date(summer).toISOString()).toBe('2026-07-14T17:00:00.000Z');
    expect(toLocalInput(summer)).toBe('2026-07-14T19:00');
    expect(dateTime(summer)).toContain('19:00');
    const winter = fromLocalInput('2026-12-31T23:30')!;
    expect(new Date(winter).toISOString()).toBe('2026-12-31T22:30:00.000Z');
    expect(toLocalInput(winter)).toBe('2026-12-31T23:30');
  });

  it('another zone, and impossible dates refused', () => {
    setCollectiveTimeZone('America/Montreal');
    expect(new Date(fromLocalInput('2026-07-14T19:00')!).toISOString()).toBe('2026-07-14T23:00:00.000Z');
    expect(fromLocalInput('2026-02-31T10:00')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});
