// <input type="datetime-local"> speaks the browser's local time without a zone ("2026-07-14T20:30");
// the API speaks epoch milliseconds. These convert between the two in the browser's zone.

/** Epoch ms → "YYYY-MM-DDTHH:mm" in local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "YYYY-MM-DDTHH:mm" (local time) → epoch ms, or null when it is not such a value. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const d = new Date(year, month - 1, day, hour, minute);
  // new Date rolls 31 February into March: such a value was not a real date.
  if (d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return d.getTime();
}
