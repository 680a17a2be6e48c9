import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { createMemoryStore } from '../store/memory.js';
import { canAdminCollective } from './access.js';
import { hashPassword, verifyPassword } from './password.js';
import { AccountService } from './service.js';
import { SessionService } from './sessions.js';

async function services() {
  const store = createMemoryStore();
  const clock = new FakeClock();
  const accounts = new AccountService(store, clock);
  await accounts.start();
  const sessions = new SessionService(store, clock, accounts, 60_000);
  await sessions.start();
  return { store, clock, accounts, sessions };
}

describe('passwords', () => {
  it('hash with a random salt and verify only the right password', async () => {
    const [h1, h2] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(h1).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(h1).not.toBe(h2);
    expect(await verifyPassword('correct horse', h1)).toBe(true);
    expect(await verifyPassword('correct horsE', h1)).toBe(false);
    expect(await verifyPassword('correct horse', 'md5$whatever')).toBe(false);
  });
});

describe('accounts', () => {
  it('keep emails unique whatever their case, and never expose the hash', async () => {
    const { accounts } = await services();
    const admin = await accounts.create({ role: 'collective-admin', collectiveId: 'col_a', email: 'Admin@A.test', password: 'long-enough-1' });
    expect(admin).toEqual({ accountId: expect.any(String), email: 'admin@a.test', name: 'admin', role: 'collective-admin', collectiveId: 'col_a' });
    await expect(accounts.create({ role: 'operator', email: 'ADMIN@a.test', password: 'long-enough-2' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(accounts.create({ role: 'operator', email: 'op@a.test', password: 'short' })).rejects.toThrow(/at least 10/);
  });

  it('authenticate the right password only, and not a disabled account', async () => {
    const { accounts } = await services();
    const op = await accounts.create({ role: 'operator', email: 'op@pass.test', password: 'long-enough-1' });
    expect((await accounts.authenticate(' OP@pass.test ', 'long-enough-1')).accountId).toBe(op.accountId);
    await expect(accounts.authenticate('op@pass.test', 'long-enough-2')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(accounts.authenticate('nobody@pass.test', 'long-enough-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await accounts.setDisabled(op.accountId, true);
    await expect(accounts.authenticate('op@pass.test', 'long-enough-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('let an operator administer any collective and an admin only its own', () => {
    const base = { accountId: 'a', email: 'e', name: 'n' };
    expect(canAdminCollective({ ...base, role: 'operator', collectiveId: null }, 'col_b')).toBe(true);
    expect(canAdminCollective({ ...base, role: 'collective-admin', collectiveId: 'col_a' }, 'col_a')).toBe(true);
    expect(canAdminCollective({ ...base, role: 'collective-admin', collectiveId: 'col_a' }, 'col_b')).toBe(false);
    expect(canAdminCollective({ ...base, role: 'collective-admin', collectiveId: null }, 'col_b')).toBe(false);
  });
});

describe('sessions', () => {
  it('resolve until they expire or close, and store only a hash of the token', async () => {
    const { store, clock, accounts, sessions } = await services();
    const op = await accounts.create({ role: 'operator', email: 'op@pass.test', password: 'long-enough-1' });
    const { token, expiresAt } = await sessions.open(op.accountId);
    expect(expiresAt).toBe(clock.now() + 60_000);
    expect(await store.collection('sessions').findOne({ _id: token })).toBeNull();
    expect((await sessions.resolve(token))?.accountId).toBe(op.accountId);
    clock.advance(60_000);
    expect(await sessions.resolve(token)).toBeNull();
    const second = await sessions.open(op.accountId);
    await sessions.close(second.token);
    expect(await sessions.resolve(second.token)).toBeNull();
    expect(await sessions.resolve('made-up')).toBeNull();
  });

  it('end with the account when it is disabled', async () => {
    const { accounts, sessions } = await services();
    const op = await accounts.create({ role: 'operator', email: 'op@pass.test', password: 'long-enough-1' });
    const { token } = await sessions.open(op.accountId);
    await accounts.setDisabled(op.accountId, true);
    expect(await sessions.resolve(token)).toBeNull();
  });
});
