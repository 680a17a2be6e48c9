// Admin accounts: unique email (case-insensitive), scrypt password, one role.
import { z } from 'zod';
import type { Clock } from '../clock/port.js';
import { AppError, isAppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { LoginThrottle } from './login-throttle.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import { toPrincipal, type Account, type Principal } from './types.js';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(256);

export const accountInputSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('collective-admin'), collectiveId: z.string().min(1).max(64), email: emailSchema, password: passwordSchema, name: z.string().trim().min(1).max(120).optional() }),
  z.object({ role: z.literal('operator'), email: emailSchema, password: passwordSchema, name: z.string().trim().min(1).max(120).optional() }),
]);
export type AccountInput = z.input<typeof accountInputSchema>;

export class AccountService {
  private readonly docs: Collection<Account>;
  readonly loginThrottle: LoginThrottle;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<Account>('accounts');
    this.loginThrottle = new LoginThrottle(store, clock);
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([
      { name: 'email', keys: { email: 1 }, unique: true },
      { name: 'collective', keys: { collectiveId: 1 } },
    ]);
  }

  /** Creates an admin; CONFLICT when the email is taken. The caller checks the collective exists. */
  async create(input: AccountInput): Promise<Principal> {
    const data = accountInputSchema.parse(input);
    const account: Account = {
      _id: newId('acc_'),
      email: data.email,
      name: data.name ?? data.email.split('@')[0],
      role: data.role,
      collectiveId: data.role === 'collective-admin' ? data.collectiveId : null,
      passwordHash: await hashPassword(data.password),
      disabled: false,
      createdAt: this.clock.now(),
    };
    try {
      await this.docs.insertOne(account);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', `an account already uses ${data.email}`);
      throw err;
    }
    return toPrincipal(account);
  }

  /** The account for these credentials, or UNAUTHORIZED with the same message whatever was wrong. */
  async authenticate(email: string, password: string): Promise<Principal> {
    const parsed = emailSchema.safeParse(email);
    const account = parsed.success ? await this.docs.findOne({ email: parsed.data }) : null;
    // Always pay for one scrypt so a missing account answers as slowly as a wrong password.
    const ok = await verifyPassword(password, account?.passwordHash ?? decoyHash);
    if (!account || !ok || account.disabled) throw new AppError('UNAUTHORIZED', 'wrong email or password');
    return toPrincipal(account);
  }

  /** authenticate() behind the sign-in throttle of the account and of the client's address. */
  async signIn(email: string, password: string, address: string): Promise<Principal> {
    await this.loginThrottle.refuseWhileLocked(email, address);
    try {
      const principal = await this.authenticate(email, password);
      await this.loginThrottle.recordSuccess(email);
      return principal;
    } catch (err) {
      if (isAppError(err) && err.code === 'UNAUTHORIZED') await this.loginThrottle.recordFailure(email, address);
      throw err;
    }
  }

  async find(id: string): Promise<Principal | null> {
    const account = await this.docs.findOne({ _id: id });
    return account && !account.disabled ? toPrincipal(account) : null;
  }

  async list(filter: { collectiveId?: string } = {}): Promise<Principal[]> {
    const rows = await this.docs.find(filter.collectiveId ? { collectiveId: filter.collectiveId } : {}, { sort: { email: 1 }, limit: limits.pageSize });
    return rows.map(toPrincipal);
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    const { matched } = await this.docs.updateOne({ _id: id }, { $set: { disabled } });
    if (!matched) throw new AppError('NOT_FOUND', `no account ${id}`);
  }
}
