import { describe, expect, it } from 'vitest';
import { byDay, dayKey, formatDay, formatTime, startOfDay, withinDays } from './dates.js';

const paris = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);

describe('dates of the agenda', () => {
  it('reads the day and hour in the collective time zone, not the browser one', () => {
    const late = at('2026-07-14T22:30:00Z'); // 00:30 on the 15th in Paris (UTC+2)
    expect(dayKey(late, paris)).toBe('2026-07-15');
    expect(dayKey(late, 'UTC')).toBe('2026-07-14');
    expect(formatTime(late, paris, 'fr')).toBe('00:30');
    expect(formatDay(late, paris, 'fr')).toBe('mercredi 15 juillet 2026');
    expect(formatDay(late, paris, 'en')).toBe('Wednesday, 15 July 2026');
  });

  it('keeps events that run on a day of the range, including one that ends after midnight', () => {
    const concert = { id: 'a', startsAt: at('2026-07-13T19:00:00Z'), endsAt: at('2026-07-13T23:30:00Z') }; // ends 01:30 on the 14th
    const picnic = { id: 'b', startsAt: at('2026-07-20T10:00:00Z'), endsAt: at('2026-07-20T14:00:00Z') };
    expect(withinDays([concert, picnic], { from: '2026-07-14' }, paris).map((e) => e.id)).toEqual(['a', 'b']);
    expect(withinDays([concert, picnic], { from: '2026-07-15' }, paris).map((e) => e.id)).toEqual(['b']);
    expect(withinDays([concert, picnic], { to: '2026-07-19' }, paris).map((e) => e.id)).toEqual(['a']);
    expect(withinDays([concert, picnic], {}, paris)).toHaveLength(2);
  });

  it('groups events by the day they start, in order', () => {
    const e = (id: string, iso: string) => ({ id, startsAt: at(iso), endsAt: at(iso) + 3_600_000 });
    const groups = byDay([e('late', '2026-07-14T20:00:00Z'), e('early', '2026-07-14T08:00:00Z'), e('next', '2026-07-14T22:30:00Z')], paris);
    expect(groups.map((g) => [g.day, g.events.map((x) => x.id)])).toEqual([
      ['2026-07-14', ['early', 'late']],
      ['2026-07-15', ['next']],
    ]);
  });

  it('finds midnight of a day in the zone', () => {
    expect(startOfDay('2026-07-14', paris)).toBe(at('2026-07-13T22:00:00Z'));
    expect(startOfDay('2026-01-14', paris)).toBe(at('2026-01-13T23:00:00Z'));
    expect(startOfDay('2026-01-14', 'UTC')).toBe(at('2026-01-14T00:00:00Z'));
  });
});
