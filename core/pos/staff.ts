// Staff of a collective's points of sale. A cashier unlocks a terminal with their staff Pass
// card (or a PIN); every sale records who sold it; refunds on a POS that requires staff need a
// manager. PINs are stored hashed (scrypt), like passwords.
import { hashPassword, verifyPassword } from '../accounts/password.js';
import type { Clock } from '../clock/port.js';
import type { Store } from '../store/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { stripUndefined } from '../shared/objects.js';
import { normalizeCardUid } from '../pass/uid.js';
import { UnlockLockouts } from './unlock-lockout.js';

export type StaffRole = 'cashier' | 'manager';

export interface StaffMember {
  _id: string;
  collectiveId: string;
  name: string;
  role: StaffRole;
  cardUid?: string;
  pinHash?: string;
  /** Points of sale this person may unlock; empty means all of the collective's. */
  posIds: string[];
  active: boolean;
  createdAt: number;
}

export type StaffView = Omit<StaffMember, 'pinHash'> & { hasPin: boolean };

export interface StaffInput {
  name: string;
  role: StaffRole;
  cardUid?: string;
  pin?: string;
  posIds?: string[];
  active?: boolean;
}

export class StaffService {
  private readonly members;
  readonly unlockLockouts: UnlockLockouts;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.members = store.collection<StaffMember>('staff');
    this.unlockLockouts = new UnlockLockouts(store, clock);
  }

  async start(): Promise<void> {
    await this.members.ensureIndexes([{ name: 'collective', keys: { collectiveId: 1 } }]);
    await this.unlockLockouts.start();
  }

  /** identify() at one terminal, behind its lockout after repeated wrong cards or PINs. */
  async unlockAt(terminal: { terminalId: string; posId: string; collectiveId: string }, proof: { cardUid?: string; pin?: string }): Promise<StaffView> {
    await this.unlockLockouts.refuseWhileLocked(terminal.terminalId);
    try {
      const who = await this.identify(terminal.collectiveId, terminal.posId, proof);
      await this.unlockLockouts.recordSuccess(terminal.terminalId);
      return who;
    } catch (err) {
      if (err instanceof AppError && err.details.reason === 'STAFF_UNKNOWN') await this.unlockLockouts.recordFailure(terminal.terminalId, terminal.posId);
      throw err;
    }
  }

  async create(collectiveId: string, input: StaffInput): Promise<StaffView> {
    const member: StaffMember = {
      _id: newId('stf_'),
      collectiveId,
      name: input.name,
      role: input.role,
      posIds: input.posIds ?? [],
      active: input.active ?? true,
      createdAt: this.clock.now(),
      ...(await this.credentials(input)),
    };
    if (!member.cardUid && !member.pinHash) throw new AppError('INVALID_INPUT', 'a staff member unlocks with a card or a PIN: give one');
    await this.members.insertOne(member);
    return view(member);
  }

  async list(collectiveId: string): Promise<StaffView[]> {
    return (await this.members.find({ collectiveId }, { sort: { createdAt: 1 } })).map(view);
  }

  async update(staffId: string, collectiveId: string, patch: Partial<StaffInput>): Promise<StaffView> {
    const found = await this.members.findOne({ _id: staffId, collectiveId });
    if (!found) throw new AppError('NOT_FOUND', 'no such staff member');
    const { pin: _pin, cardUid: _card, ...plain } = patch;
    await this.members.updateOne({ _id: staffId }, { $set: { ...stripUndefined(plain), ...(await this.credentials(patch)) } });
    return view((await this.members.findOne({ _id: staffId }))!);
  }

  /** Who unlocks this terminal: by staff card or PIN, active, allowed on this POS. */
  async identify(collectiveId: string, posId: string, proof: { cardUid?: string; pin?: string }): Promise<StaffView> {
    const candidates = (await this.members.find({ collectiveId, active: true })).filter((m) => m.posIds.length === 0 || m.posIds.includes(posId));
    const uid = proof.cardUid ? normalizeCardUid(proof.cardUid) : null;
    for (const m of candidates) {
      if (uid && m.cardUid === uid) return view(m);
      if (proof.pin && m.pinHash && (await verifyPassword(proof.pin, m.pinHash))) return view(m);
    }
    throw new AppError('FORBIDDEN', 'this card or PIN does not open this register', { reason: 'STAFF_UNKNOWN' });
  }

  private async credentials(input: Partial<StaffInput>): Promise<Partial<StaffMember>> {
    const out: Partial<StaffMember> = {};
    if (input.cardUid !== undefined) {
      const uid = normalizeCardUid(input.cardUid);
      if (!uid) throw new AppError('INVALID_INPUT', 'card UID must be 4, 7 or 10 bytes of hex');
      out.cardUid = uid;
    }
    if (input.pin !== undefined) {
      if (!/^\d{4,8}$/.test(input.pin)) throw new AppError('INVALID_INPUT', 'a PIN is 4 to 8 digits');
      out.pinHash = await hashPassword(input.pin);
    }
    return out;
  }
}

function view(m: StaffMember): StaffView {
  const { pinHash, ...rest } = m;
  return { ...rest, hasPin: Boolean(pinHash) };
}
