import { describe, expect, it } from 'vitest';
import type { Order } from './api-types.js';
import { returnState } from './returns.js';

const order = (state: Order['state']): Order => ({ reference: 'bsk_1', kind: 'basket', state, amount: 1500, tickets: [] });
const from = { kind: 'basket' as const, id: 'bsk_1', cancelled: false };

describe('returnState', () => {
  it('waits for the first answer, then follows the order’s own state', () => {
    expect(returnState(from, null)).toBe('pending');
    expect(returnState(from, order('pending'))).toBe('pending');
    expect(returnState(from, order('paid'))).toBe('paid');
  });

  it('stops waiting for an order that failed, expired or was refunded', () => {
    for (const state of ['failed', 'expired', 'refunded'] as const) expect(returnState(from, order(state))).toBe('failed');
  });

  it('says nothing of an order the server would not show, and a cancelled checkout is cancelled', () => {
    expect(returnState(from, 'unknown')).toBe('unknown');
    expect(returnState({ ...from, cancelled: true }, order('paid'))).toBe('cancelled');
    expect(returnState({ ...from, cancelled: true }, null)).toBe('cancelled');
  });
});
