import { describe, expect, it } from 'vitest';
import { decideOffline, emptyKnowledge, spendableHere, type OfflineKnowledge } from './decide.js';

const policy = { maxSaleCents: 1000, maxPerCardCents: 1500, maxTotalCents: 2000, maxOfflineMs: 60_000 };
const now = 1_000_000;
const card = '04A1B2C3';
const knows = (patch: Partial<OfflineKnowledge> = {}): OfflineKnowledge => ({
  ...emptyKnowledge(),
  policy,
  lastServerContactMs: now - 1000,
  balances: { [card]: { amount: 3000, atMs: now } },
  ...patch,
});
const pass = (total: number, uid = card) => ({ total, payments: [{ method: 'pass' as const, cardUid: uid }] });

describe('an offline sale decided by the terminal alone', () => {
  it('accepts cash and bank card whatever it knows', () => {
    expect(decideOffline({ total: 99_999, payments: [{ method: 'cash', amount: 100_000 }] }, emptyKnowledge(), [], now)).toEqual({ ok: true, pass: 0 });
  });

  it('accepts a Pass sale within the policy and the known balance, normalizing the UID', () => {
    expect(decideOffline(pass(800, '04:a1:b2:c3'), knows(), [], now)).toEqual({ ok: true, pass: 800, cardUid: card });
    expect(
      decideOffline(
        {
          total: 800,
          payments: [
            { method: 'cash', amount: 500 },
            { method: 'pass', cardUid: card },
          ],
        },
        knows(),
        [],
        now,
      ),
    ).toEqual({ ok: true, pass: 300, cardUid: card });
  });

  it('refuses with why: no policy, too long offline, blocked, in debt, ceilings, unknown or short balance', () => {
    const code = (k: OfflineKnowledge, total = 800, unsynced: Array<{ pass: number; cardUid?: string }> = []) => {
      const d = decideOffline(pass(total), k, unsynced, now);
      return d.ok ? 'ok' : d.code;
    };
    expect(code(knows({ policy: null }))).toBe('OFFLINE_UNAVAILABLE');
    expect(code(knows({ lastServerContactMs: now - 61_000 }))).toBe('OFFLINE_TOO_LONG');
    expect(code(knows({ blocklist: { [card]: 'blocked' } }))).toBe('CARD_BLOCKED');
    expect(code(knows({ blocklist: { [card]: 'debt' } }))).toBe('CARD_IN_DEBT');
    expect(code(knows(), 1001)).toBe('OFFLINE_LIMIT');
    expect(code(knows(), 800, [{ pass: 800, cardUid: card }])).toBe('OFFLINE_CARD_LIMIT');
    expect(
      code(knows(), 800, [
        { pass: 900, cardUid: 'OTHER' },
        { pass: 900, cardUid: 'OTHER2' },
      ]),
    ).toBe('OFFLINE_TOTAL_LIMIT');
    expect(code(knows({ balances: {} }))).toBe('OFFLINE_BALANCE_UNKNOWN');
    expect(decideOffline(pass(800), knows({ balances: { [card]: { amount: 1000, atMs: now } } }), [{ pass: 500, cardUid: card }], now)).toEqual({
      ok: false,
      code: 'INSUFFICIENT_FUNDS',
      missing: 300,
    });
  });

  it('counts only what the card can spend here from its balance lines', () => {
    expect(
      spendableHere(
        [
          { asset: 'global', amount: 100 },
          { asset: 'local:c1', amount: 200 },
          { asset: 'local:c2', amount: 400 },
          { asset: 'gift:c1', amount: 5 },
        ],
        'c1',
      ),
    ).toBe(305);
  });
});
