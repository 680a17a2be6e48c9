import { describe, expect, it } from 'vitest';
import { changedAssets, rightLabel, tapOutcome, typedUid } from './tap.js';

const balances = [{ asset: 'local:c1', name: 'Lumen', kind: 'local', amount: 4300 }];

describe('public display taps', () => {
  it('shows the card until clearAfterMs, with its balances and rights', () => {
    const outcome = tapOutcome({ ok: true, card: { number: 'LUM-0001', state: 'active' }, balances, tickets: [{ name: 'Concert' }], memberships: [], clearAfterMs: 8000 }, 1000);
    expect(outcome).toEqual({ kind: 'shown', card: { number: 'LUM-0001', balances, tickets: [{ name: 'Concert' }], memberships: [], clearAt: 9000 } });
  });

  it('turns refusals and blocked cards into errors, a rate limit shown briefly', () => {
    expect(tapOutcome({ ok: false, code: 'CARD_UNKNOWN' }, 0)).toEqual({ kind: 'error', code: 'CARD_UNKNOWN', clearAt: 5000 });
    expect(tapOutcome({ ok: false, code: 'RATE_LIMITED' }, 0)).toEqual({ kind: 'error', code: 'RATE_LIMITED', clearAt: 2500 });
    expect(tapOutcome({ ok: true, card: { number: 'X', state: 'blocked' }, balances }, 0)).toMatchObject({ kind: 'error', code: 'CARD_BLOCKED' });
  });

  it('drops malformed balance lines, normalises typed UIDs and names rights of any shape', () => {
    const shown = tapOutcome({ ok: true, card: { number: 'N', state: 'active' }, balances: [...balances, { asset: 'x', name: 'X', kind: 'local', amount: 1.5 }] }, 0);
    expect(shown.kind === 'shown' && shown.card.balances).toEqual(balances);
    expect(typedUid(' 04:a1:b2:c3 ')).toBe('04A1B2C3');
    expect(typedUid('PASS-0001')).toBeNull();
    expect(changedAssets(balances, [{ ...balances[0], amount: 3600 }, { asset: 'global', name: 'Pass', kind: 'global', amount: 10 }])).toEqual(['local:c1', 'global']);
    expect(rightLabel({ title: 'Adhésion 2026', validUntil: '2026-12-31' })).toEqual({ name: 'Adhésion 2026', detail: '', validUntil: '2026-12-31' });
    expect(rightLabel({ event: { name: 'Nuit blanche' } }).name).toBe('Nuit blanche');
  });
});
