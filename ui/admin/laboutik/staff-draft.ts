// A staff form's values and the request they make, checked before sending so each mistake shows
// next to its field: a card UID must be 4, 7 or 10 bytes of hex (sent normalised), a PIN 4 to 8
// digits, and someone new needs a card or a PIN. An edit sends only what changed, and a PIN only
// when one was typed (it is write-only: the form never holds the current one).
import { normalizeCardUid } from '../../../core/pass/uid.js';
import type { StaffMember, StaffRole } from '../api-types.js';
import type { FormErrors } from '../form-errors.js';
import { t } from '../messages.js';
import { tb } from './messages.js';

export interface StaffDraft {
  name: string;
  role: StaffRole;
  cardUid: string;
  pin: string;
  posIds: string[];
  active: boolean;
}

/** What the staff routes take (PATCH: only what changed). */
export interface StaffBody {
  name?: string;
  role?: StaffRole;
  cardUid?: string;
  pin?: string;
  posIds?: string[];
  active?: boolean;
}

/** Pure: the request for a draft, or the errors to show next to the fields. */
export function staffRequest(d: StaffDraft, member: StaffMember | undefined): { body: StaffBody } | FormErrors {
  const fields: Record<string, string> = {};
  const name = d.name.trim();
  if (!name) fields.name = t('required');
  const typedCard = d.cardUid.trim();
  const card = typedCard ? normalizeCardUid(typedCard) : null;
  if (typedCard && !card) fields.cardUid = tb('staff.cardFormat');
  // The API cannot take a card away (it would leave someone unable to unlock): say so here.
  if (!typedCard && member?.cardUid) fields.cardUid = tb('staff.cardKept');
  if (d.pin && !/^\d{4,8}$/.test(d.pin)) fields.pin = tb('staff.pinFormat');
  if (!member && !typedCard && !d.pin) fields.cardUid = fields.pin = tb('staff.cardOrPin');
  if (Object.keys(fields).length) return { fields };

  if (!member) return { body: { name, role: d.role, posIds: d.posIds, active: d.active, ...(card ? { cardUid: card } : {}), ...(d.pin ? { pin: d.pin } : {}) } };
  const body: StaffBody = {};
  if (name !== member.name) body.name = name;
  if (d.role !== member.role) body.role = d.role;
  if (card && card !== member.cardUid) body.cardUid = card;
  if (d.pin) body.pin = d.pin;
  if (!sameSet(d.posIds, member.posIds)) body.posIds = d.posIds;
  if (d.active !== member.active) body.active = d.active;
  return { body };
}

export function emptyDraft(): StaffDraft {
  return { name: '', role: 'cashier', cardUid: '', pin: '', posIds: [], active: true };
}

export function draftFrom(m: StaffMember): StaffDraft {
  return { name: m.name, role: m.role, cardUid: m.cardUid ?? '', pin: '', posIds: [...m.posIds], active: m.active };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
