import { describe, expect, it } from 'vitest';
import type { Me, Payment, Ticket } from './api-types.js';
import { returnState } from './returns.js';

const me = (tickets: Array<Partial<Ticket>>, payments: Array<Partial<Payment>>): Me =>
  ({ user: { id: 'u', email: 'a@b.fr', name: null }, wallet: { walletId: 'user:u', balances: [] }, cards: [], tickets, memberships: [], subscriptions: [], payments }) as Me;

describe('returnState', () => {
  it('says a booking is paid once its tickets are on the account', () => {
    const from = { kind: 'reservation' as const, id: 'rsv_1', cancelled: false };
    expect(returnState(me([], []), from)).toBe('pending');
    expect(returnState(me([{ reservationId: 'rsv_2' }], []), from)).toBe('pending');
    expect(returnState(me([{ reservationId: 'rsv_1' }], []), from)).toBe('paid');
  });

  it('reads a basket or a top-up from the latest payment of its kind', () => {
    const basket = { kind: 'basket' as const, id: 'bsk_1', cancelled: false };
    expect(
      returnState(
        me(
          [],
          [
            { kind: 'basket', state: 'pending' },
            { kind: 'basket', state: 'paid' },
          ],
        ),
        basket,
      ),
    ).toBe('pending');
    expect(
      returnState(
        me(
          [],
          [
            { kind: 'topup', state: 'paid' },
            { kind: 'basket', state: 'paid' },
          ],
        ),
        basket,
      ),
    ).toBe('paid');
    expect(returnState(me([], [{ kind: 'basket', state: 'paid' }]), { ...basket, kind: 'topup' })).toBe('pending');
  });

  it('says a cancelled checkout is cancelled whatever the account holds', () => {
    expect(returnState(me([{ reservationId: 'rsv_1' }], []), { kind: 'reservation', id: 'rsv_1', cancelled: true })).toBe('cancelled');
  });
});
