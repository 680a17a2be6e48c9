// People of the public (festival-goers, members, ticket buyers), known by their email only: no
// password, they sign in with a magic link (magic-links.ts). Not admin accounts (service.ts).
// Invariant: one user per email (lowercased), even when two requests create it at once: a
// unique index settles the race and the loser reads the winner's user.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { emailSchema } from './service.js';

export interface User {
  _id: string;
  email: string;
  /** How the person wants to be called (tickets, receipts); may be empty until they say. */
  name?: string;
  createdAt: number;
}

/** The public's wallet: cards linked to an account all point at it (PassService.linkCardToUser). */
export function userWalletId(userId: string): string {
  return `user:${userId}`;
}

/** The user whose wallet this is, or null for a card's own wallet or anything else. */
export function userIdOfWallet(walletId: string): string | null {
  return walletId.startsWith('user:') ? walletId.slice('user:'.length) || null : null;
}

export class UserService {
  readonly docs: Collection<User>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<User>('users');
  }

  async start(): Promise<void> {
    await usersOf(this.store);
  }

  /** The user of this email, created on first use; INVALID_INPUT for a malformed email. */
  async findOrCreateByEmail(email: string, name?: string): Promise<User> {
    const user = await findOrCreateUserByEmail(this.store, email, this.clock);
    const given = name?.trim();
    if (given && !user.name) {
      await this.docs.updateOne({ _id: user._id, name: { $exists: false } }, { $set: { name: given.slice(0, 120) } });
      return { ...user, name: given.slice(0, 120) };
    }
    return user;
  }

  async byEmail(email: string): Promise<User | null> {
    const parsed = emailSchema.safeParse(email);
    return parsed.success ? this.docs.findOne({ email: parsed.data }) : null;
  }

  find(id: string): Promise<User | null> {
    return this.docs.findOne({ _id: id });
  }

  async get(id: string): Promise<User> {
    const user = await this.find(id);
    if (!user) throw new AppError('NOT_FOUND', `no user ${id}`);
    return user;
  }

  async rename(id: string, name: string): Promise<User> {
    const { matched } = await this.docs.updateOne({ _id: id }, { $set: { name: name.trim().slice(0, 120) } });
    if (!matched) throw new AppError('NOT_FOUND', `no user ${id}`);
    return this.get(id);
  }
}

/** What a person sees of themselves, and what others (admins) see of a buyer. */
export function displayName(user: Pick<User, 'email' | 'name'>): string {
  return user.name?.trim() || user.email.split('@')[0];
}

export async function findOrCreateUserByEmail(store: Store, email: string, clock: Clock): Promise<User> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'must be an email address', { fields: { email: 'must be an email address' } });
  const users = await usersOf(store);
  const found = await users.findOne({ email: parsed.data });
  if (found) return found;
  const user: User = { _id: newId('usr_'), email: parsed.data, createdAt: clock.now() };
  try {
    await users.insertOne(user);
    return user;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await users.findOne({ email: parsed.data }))!;
  }
}

const indexed = new WeakMap<Store, Promise<Collection<User>>>();

function usersOf(store: Store): Promise<Collection<User>> {
  let ready = indexed.get(store);
  if (!ready) {
    const users = store.collection<User>('users');
    ready = users.ensureIndexes([{ name: 'email', keys: { email: 1 }, unique: true }]).then(() => users);
    ready.catch(() => indexed.delete(store));
    indexed.set(store, ready);
  }
  return ready;
}
