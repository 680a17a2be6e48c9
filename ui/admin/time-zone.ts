// The collective's time zone, the one every date of the admin is shown and typed in (the public
// site and the documents use it too): an organiser travelling, or a server in UTC, must never see
// 13:00 for a concert the public site announces at 19:00. Set by admin-app when the collective
// shown changes; undefined (the browser's zone) only before one is loaded.
let current: string | undefined;

export function setCollectiveTimeZone(timeZone: string | undefined): void {
  current = timeZone && isZone(timeZone) ? timeZone : undefined;
}

export function collectiveTimeZone(): string | undefined {
  return current;
}

/** Wall-clock parts of an instant in a zone. */
export function wallClock(ms: number, timeZone = current): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** The instant a wall-clock time in the zone names (the zone's offset found in two steps, DST included). */
export function instantOf(wall: { year: number; month: number; day: number; hour: number; minute: number }, timeZone = current): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsetAt = (ms: number) => {
    const w = wallClock(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}

function isZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
