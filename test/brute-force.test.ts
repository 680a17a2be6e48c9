// Guessing secrets from outside: admin passwords, staff PINs at a terminal, and the per-address
// limits behind them (X-Forwarded-For believed only from TRUST_PROXY). Real HTTP, real Socket.IO.
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { loginThrottleRules } from '../core/accounts/login-throttle.js';
import { maxUnlockFailures, unlockLockMs } from '../core/pos/unlock-lockout.js';
import { tapsPerAddress } from '../gateways/socket/display.js';
import { collectiveWithAdmin, login, type BootedNode } from './support/boot.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

const post = (node: BootedNode, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${node.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as any,
  }));

describe('guessing secrets', () => {
  let node: LaBoutikNode;
  const clients: Socket[] = [];
  afterEach(async () => {
    clients.forEach((c) => c.close());
    clients.length = 0;
    await node?.close();
  });

  it('admin sign-in: wrong passwords lock the account with growing delays, even for the right one; time or an operator lifts it', async () => {
    const clock = new FakeClock(Date.now());
    node = await bootLaBoutik({ overrides: { clock } });
    const admin = await collectiveWithAdmin(node.core, 'Locked Collective');
    await node.core.accounts.create({ role: 'operator', email: 'ops@pass.test', password: 'operator-password-1' });
    const operatorCookie = await login(node.url, 'ops@pass.test', 'operator-password-1');
    const wrong = await post(node, '/api/auth/login', { email: admin.email, password: 'not-the-password' });
    const nobody = await post(node, '/api/auth/login', { email: 'nobody@nowhere.test', password: admin.password });
    expect(wrong).toEqual(nobody); // never says which of the two was wrong
    expect(wrong.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong email or password' });
    for (let i = 1; i < loginThrottleRules.account.freeFailures; i++)
      expect((await post(node, '/api/auth/login', { email: admin.email, password: `guess-${i}` })).status).toBe(401);
    const locked = await post(node, '/api/auth/login', { email: admin.email, password: admin.password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.details.retryAfterMs).toBe(1_000);
    clock.advance(1_001);
    expect((await post(node, '/api/auth/login', { email: admin.email, password: 'again-wrong' })).status).toBe(401);
    expect((await post(node, '/api/auth/login', { email: admin.email, password: admin.password })).body.error.details.retryAfterMs).toBe(2_000); // doubled
    clock.advance(2_001);
    expect((await post(node, '/api/auth/login', { email: admin.email, password: admin.password })).status).toBe(200); // time lifted it

    // A patient guesser who waits out every delay reaches the lockout: an hour per guess.
    for (let failures = 0; failures < 17;) {
      const res = await post(node, '/api/auth/login', { email: admin.email, password: `guess-again-${failures}` });
      if (res.status === 401) failures++;
      else clock.advance(res.body.error.details.retryAfterMs + 1);
    }
    const lockout = await post(node, '/api/auth/login', { email: admin.email, password: admin.password });
    expect(lockout.status).toBe(429);
    expect(lockout.body.error.details.retryAfterMs).toBe(loginThrottleRules.maxDelayMs);
    // This one address also failed 20+ times (its own lock): the operator lifts both.
    expect((await post(node, '/api/ops/login-locks/lift', { email: admin.email }, { cookie: node.a.cookie })).status).toBe(403);
    expect((await post(node, '/api/ops/login-locks/lift', { email: admin.email, address: '127.0.0.1' }, { cookie: operatorCookie })).status).toBe(200);
    expect((await post(node, '/api/auth/login', { email: admin.email, password: admin.password })).status).toBe(200);
  });

  it('admin sign-in: one address guessing many accounts is locked too; X-Forwarded-For from an untrusted peer changes nothing', async () => {
    node = await bootLaBoutik();
    const admin = await collectiveWithAdmin(node.core, 'Sprayed Collective');
    for (let i = 0; i < loginThrottleRules.address.freeFailures; i++) {
      const res = await post(node, '/api/auth/login', { email: `victim-${i}@test.fr`, password: 'password1' }, { 'x-forwarded-for': `203.0.113.${i}` });
      expect(res.status).toBe(401);
    }
    const res = await post(node, '/api/auth/login', { email: admin.email, password: admin.password }, { 'x-forwarded-for': '198.51.100.7' });
    expect(res.status).toBe(429);
  });

  it('TRUST_PROXY: a named proxy’s X-Forwarded-For is the client address, so each client has its own limit', async () => {
    node = await bootLaBoutik({ env: { TRUST_PROXY: 'loopback' } });
    const admin = await collectiveWithAdmin(node.core, 'Proxied Collective');
    for (let i = 0; i < loginThrottleRules.address.freeFailures; i++)
      await post(node, '/api/auth/login', { email: `other-${i}@test.fr`, password: 'password1' }, { 'x-forwarded-for': '203.0.113.9' });
    expect((await post(node, '/api/auth/login', { email: admin.email, password: admin.password }, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    expect((await post(node, '/api/auth/login', { email: admin.email, password: admin.password }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
  });

  async function pairedToken(cookie: string, posId: string): Promise<string> {
    const { body: code } = await node.api('POST', `/api/pos/${posId}/terminals`, { cookie, body: { name: 'Caisse' } });
    const { body: paired } = await node.api('POST', '/api/terminals/pair', { body: { pairingCode: code.pairingCode, name: 'Caisse 1' } });
    return paired.token;
  }

  it('staff PINs: after a few wrong unlocks the terminal refuses even the right PIN, the admin sees it and can lift it', async () => {
    node = await bootLaBoutik();
    const { cookie, collectiveId } = node.a;
    const posId = (await node.api('POST', `/api/collectives/${collectiveId}/pos`, { cookie, body: { name: 'Bar PIN' } })).body.pos.id;
    expect((await node.api('POST', `/api/collectives/${collectiveId}/staff`, { cookie, body: { name: 'Léa', role: 'cashier', pin: '4821' } })).status).toBe(201);
    const terminal = await node.terminal(await pairedToken(cookie, posId));
    const unlock = (pin: string) => terminal.timeout(10_000).emitWithAck('unlock', { pin } as never) as Promise<any>;
    for (let i = 0; i < maxUnlockFailures; i++) expect(await unlock(String(1000 + i))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const refused = await unlock('4821');
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED', reason: 'UNLOCK_LOCKED' });
    expect(refused.retryAfterMs).toBeGreaterThan(unlockLockMs - 60_000);
    const { body } = await node.api('GET', `/api/pos/${posId}/terminals`, { cookie });
    const row = body.terminals.find((t: { state: string }) => t.state === 'paired');
    expect(row.unlockLockedUntil).toBeGreaterThan(Date.now());
    expect((await node.api('DELETE', `/api/pos/${posId}/terminals/${row._id}/unlock-lock`, { cookie: node.b.cookie })).status).toBe(403);
    expect((await node.api('DELETE', `/api/pos/${posId}/terminals/${row._id}/unlock-lock`, { cookie })).status).toBe(200);
    expect(await unlock('4821')).toMatchObject({ ok: true, staff: { name: 'Léa' } });
  });

  it('the command cap is per terminal: one token on three sockets shares one allowance', async () => {
    node = await bootLaBoutik({ env: { TERMINAL_COMMANDS_PER_SEC: '2' } }); // burst 4
    const { cookie, collectiveId } = node.a;
    const posId = (await node.api('POST', `/api/collectives/${collectiveId}/pos`, { cookie, body: { name: 'Bar cap' } })).body.pos.id;
    const token = await pairedToken(cookie, posId);
    const sockets = await Promise.all([1, 2, 3].map(() => node.terminal(token)));
    const acks = await Promise.all(sockets.flatMap((s) => [1, 2, 3, 4].map(() => s.timeout(10_000).emitWithAck('catalog', {} as never) as Promise<any>)));
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(accepted).toBeLessThanOrEqual(5); // 4 of burst, maybe 1 refilled; 12 if counted per socket
    expect(acks.filter((a) => a.code === 'RATE_LIMITED').length).toBe(12 - accepted);
  });

  it('/display: new connections bring no new taps; the limit is per client address too', async () => {
    node = await bootLaBoutik({ env: { TRUST_PROXY: 'loopback' } });
    const screen = (address: string) => {
      const c = connectClient(`${node.url}/display`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
      clients.push(c);
      return c;
    };
    const tap = (c: Socket) => c.timeout(10_000).emitWithAck('tap', { cardUid: node.a.cards[0] }) as Promise<any>;
    const taps: Array<Promise<any>> = [];
    for (let i = 0; i < 10; i++) {
      const c = screen('203.0.113.50');
      for (let k = 0; k < 3; k++) taps.push(tap(c)); // 3 per screen is within one screen's burst
    }
    const acks = await Promise.all(taps);
    const shown = acks.filter((a) => a.ok).length;
    expect(shown).toBeGreaterThanOrEqual(tapsPerAddress.burst);
    expect(shown).toBeLessThanOrEqual(tapsPerAddress.burst + 3);
    expect(acks.some((a) => a.code === 'RATE_LIMITED')).toBe(true);
    expect(await tap(screen('198.51.100.60'))).toMatchObject({ ok: true }); // another address: its own allowance
  });
});
