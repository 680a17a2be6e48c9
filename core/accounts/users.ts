// People holding Pass cards (festival-goers), known by their email: minimal for now (a card is
// assigned to a person at a terminal); Lespass will extend it. Not admin accounts (service.ts).
// Invariant: one user per email (lowercased), even when two terminals assign at once: a unique
// index settles the race and the loser reads the winner's user.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { emailSchema } from './service.js';

export interface User {
  _id: string;
  email: string;
  createdAt: number;
}

export async function findOrCreateUserByEmail(store: Store, email: string, clock: Clock): Promise<User> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'must be an email address');
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
