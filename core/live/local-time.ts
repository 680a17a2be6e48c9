// Local calendar arithmetic for a collective's time zone, without a date library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(atMs: number, timeZone: string): Record<string, number> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(atMs)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const quarterMs = 15 * 60_000;
const hourCache = new Map<string, number>();
const hourCacheLimit = 10_000;

/**
 * Local hour 0..23. Every time zone's offset is a whole number of quarter hours, so all instants
 * of one UTC quarter hour share a local hour: cached per quarter (live boards ask once a row).
 */
export function localHour(atMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(atMs / quarterMs)}`;
  let hour = hourCache.get(key);
  if (hour === undefined) {
    if (hourCache.size >= hourCacheLimit) hourCache.clear();
    hour = partsOf(atMs, timeZone).hour;
    hourCache.set(key, hour);
  }
  return hour;
}

export function localDay(atMs: number, timeZone: string): string {
  const p = partsOf(atMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant the local day containing `atMs` started. */
export function startOfLocalDay(atMs: number, timeZone: string): number {
  const p = partsOf(atMs, timeZone);
  const sinceMidnightMs = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (atMs % 1000);
  return atMs - sinceMidnightMs;
}
