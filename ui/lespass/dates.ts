// Dates of the agenda, always in the collective's time zone (a festival-goer abroad still
// reads the hour of the concert as posted on the door). Days are compared as 'YYYY-MM-DD'
// strings of that zone, so a filter "from 14 July" keeps an event ending on the 14th at 1 a.m.
import type { Lang } from '../shared/i18n.js';

const locales: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The calendar day of a moment in a time zone, as 'YYYY-MM-DD'. */
export function dayKey(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: safeZone(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "samedi 14 juillet 2026" / "Saturday, 14 July 2026". */
export function formatDay(ms: number, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone: safeZone(timeZone), weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

/** "20:30". */
export function formatTime(ms: number, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone: safeZone(timeZone), hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** "sam. 14 juil., 20:30" — a compact date and time. */
export function formatShort(ms: number, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone: safeZone(timeZone), weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** "14 juillet 2026" — a date without time (validity of a membership, a payment). */
export function formatDate(ms: number, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone: safeZone(timeZone), day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

export interface Dated {
  startsAt: number;
  endsAt: number;
}

/** Events that run on at least one day of [from, to] (inclusive 'YYYY-MM-DD' bounds; '' is open). */
export function withinDays<T extends Dated>(events: T[], range: { from?: string; to?: string }, timeZone: string): T[] {
  return events.filter((e) => (!range.from || dayKey(e.endsAt, timeZone) >= range.from) && (!range.to || dayKey(e.startsAt, timeZone) <= range.to));
}

/** Events grouped by the day they start, days in order, events in order within a day. */
export function byDay<T extends Dated>(events: T[], timeZone: string): Array<{ day: string; events: T[] }> {
  const groups = new Map<string, T[]>();
  for (const e of [...events].sort((a, b) => a.startsAt - b.startsAt)) {
    const key = dayKey(e.startsAt, timeZone);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups].map(([day, list]) => ({ day, events: list }));
}

/** Midnight starting a 'YYYY-MM-DD' day in a time zone, as epoch ms (for the API's `from`). */
export function startOfDay(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset at that moment, found by formatting it there; one correction suffices
  // except across a DST change at midnight, which no supported zone has.
  const shown = Date.parse(
    `${dayKey(utcMidnight, timeZone)}T${new Intl.DateTimeFormat('en-GB', { timeZone: safeZone(timeZone), hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(utcMidnight)}Z`,
  );
  return utcMidnight - (shown - utcMidnight);
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
