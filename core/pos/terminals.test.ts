import { describe, expect, it } from 'vitest';
import { createMemoryBus } from '../bus/memory.js';
import { FakeClock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import { createMemoryStore } from '../store/memory.js';
import { TerminalService, terminalRevokedChannel } from './terminals.js';

async function setup(options = {}) {
  const store = createMemoryStore();
  const bus = createMemoryBus();
  const clock = new FakeClock();
  const terminals = new TerminalService(store, bus, clock, options);
  await terminals.start();
  return { store, bus, clock, terminals };
}

describe('terminal pairing and tokens', () => {
  it('a pairing code is 6 digits, works once, and only its token hash is stored', async () => {
    const { store, terminals } = await setup();
    const { terminalId, pairingCode } = await terminals.createTerminal('pos_1', 'c1');
    expect(pairingCode).toMatch(/^\d{6}$/);
    const paired = await terminals.pair(pairingCode, 'Bar 1', 'ip-a');
    expect(paired).toMatchObject({ terminalId, posId: 'pos_1' });
    expect(paired.token).toMatch(/^[0-9a-f]{64}$/);
    await expect(terminals.pair(pairingCode, 'Thief', 'ip-b')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const stored = JSON.stringify(await store.collection('terminals').find({}));
    expect(stored).not.toContain(paired.token);
    expect(stored).toContain(sha256Hex(paired.token));
    expect(await terminals.authenticate(paired.token)).toMatchObject({ _id: terminalId, posId: 'pos_1', collectiveId: 'c1', name: 'Bar 1', state: 'paired' });
    expect(await terminals.list('pos_1')).toEqual([expect.not.objectContaining({ tokenHash: expect.anything() })]);
  });

  it('concurrent pairings with one code: exactly one gets a token', async () => {
    const { terminals } = await setup();
    const { pairingCode } = await terminals.createTerminal('pos_1', 'c1');
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => terminals.pair(pairingCode, `T${i}`, `ip-${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(7).fill('UNAUTHORIZED'));
  });

  it('a pairing code expires after 10 minutes', async () => {
    const { terminals, clock } = await setup();
    const { pairingCode } = await terminals.createTerminal('pos_1', 'c1');
    clock.advance(10 * 60_000);
    await expect(terminals.pair(pairingCode, 'Late', 'ip-a')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const fresh = await terminals.createTerminal('pos_1', 'c1');
    clock.advance(10 * 60_000 - 1);
    await expect(terminals.pair(fresh.pairingCode, 'Just in time', 'ip-a')).resolves.toMatchObject({ terminalId: fresh.terminalId });
  });

  it('pairing attempts are rate-limited per client, which stops code guessing', async () => {
    const { terminals, clock } = await setup({ pairAttemptsPerWindow: 5, pairWindowMs: 60_000 });
    const { pairingCode } = await terminals.createTerminal('pos_1', 'c1');
    const wrong = pairingCode === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) await expect(terminals.pair(wrong, 'Guess', 'ip-guess')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Even the right code is refused to this client now; another client is not affected.
    await expect(terminals.pair(pairingCode, 'Guess', 'ip-guess')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    clock.advance(60_000);
    await expect(terminals.pair(pairingCode, 'Good', 'ip-guess')).resolves.toMatchObject({ posId: 'pos_1' });
  });

  it('revoking refuses the token at once, announces it on the bus, and only within the collective', async () => {
    const { terminals, bus } = await setup();
    const { pairingCode, terminalId } = await terminals.createTerminal('pos_1', 'c1');
    const { token } = await terminals.pair(pairingCode, 'Bar', 'ip');
    await terminals.authenticate(token); // cached now
    const announced = new Promise((resolve) => void bus.subscribe(terminalRevokedChannel, resolve));
    await expect(terminals.revoke(terminalId, 'c2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await terminals.authenticate(token);
    await terminals.revoke(terminalId, 'c1');
    await expect(terminals.authenticate(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await announced).toEqual({ terminalId, posId: 'pos_1' });
    expect((await terminals.list('pos_1'))[0]).toMatchObject({ state: 'revoked' });
  });

  it('another node drops its cached terminal when a revocation is announced', async () => {
    const store = createMemoryStore();
    const bus = createMemoryBus();
    const clock = new FakeClock();
    const nodeA = new TerminalService(store, bus, clock);
    const nodeB = new TerminalService(store, bus, clock);
    await nodeA.start();
    await nodeB.start();
    const { pairingCode, terminalId } = await nodeA.createTerminal('pos_1', 'c1');
    const { token } = await nodeA.pair(pairingCode, 'Bar', 'ip');
    await nodeB.authenticate(token);
    const seen = new Promise((resolve) => nodeB.onRevoked(resolve));
    await nodeA.revoke(terminalId, 'c1');
    await seen;
    await expect(nodeB.authenticate(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('a revoked pending terminal can no longer be paired; bad tokens are refused', async () => {
    const { terminals } = await setup();
    const { pairingCode, terminalId } = await terminals.createTerminal('pos_1', 'c1');
    await terminals.revoke(terminalId, 'c1');
    await expect(terminals.pair(pairingCode, 'Bar', 'ip')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    for (const bad of [undefined, '', 'x'.repeat(64), 'a'.repeat(64), 42]) await expect(terminals.authenticate(bad)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(terminals.pair('12345', 'Bar', 'ip')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
