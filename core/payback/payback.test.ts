// Online refunds after the event against the fake Stripe (real Stripe SDK): partial refunds over
// several top-ups newest first, a refused refund and an old spent top-up going to the transfer
// list, a replay paying nothing more, the window and the minimum; ledger invariants after each.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { globalAsset, localAsset } from '../money/assets.js';
import { verifyLedger } from '../money/verify.js';
import { Checkouts } from '../payments/checkouts.js';
import { startCheckout } from '../payments/start-checkout.js';
import { createStripeProvider } from '../payments/stripe.js';
import { createMemoryStore } from '../store/memory.js';
import { processPaymentEvent } from '../../workers/stripe.js';
import { startFakeStripe, type FakeStripe } from '../../test/support/fake-stripe.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { PaybackService } from './service.js';

const day = 86_400_000;

describe('online refunds after the event (payback)', () => {
  let node: MoneyNode;
  let fake: FakeStripe;
  let clock: FakeClock;
  let checkouts: Checkouts;
  let payback: PaybackService;
  let card: string;
  let provider: ReturnType<typeof createStripeProvider>;

  afterEach(async () => {
    const report = await verifyLedger(node.store);
    expect(report.errors).toEqual([]);
    await fake.close();
    await node.stop();
  });

  async function setup() {
    clock = new FakeClock(Date.parse('2026-07-10T12:00:00Z'));
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    [card] = await seedCards(node, 'c1', 1);
    checkouts = new Checkouts(node.store, clock);
    await checkouts.start();
    fake = await startFakeStripe();
    provider = createStripeProvider({ secretKey: 'sk_test_pass', webhookSecret: 'whsec_test', host: '127.0.0.1', port: fake.port, protocol: 'http' });
    payback = new PaybackService({ store: node.store, clock, pass: node.pass, ledger: node.ledger, checkouts, provider });
    await payback.start();
  }

  /** A paid online top-up of the card (its checkout, then Stripe's completed event). */
  async function onlineTopUp(amount: number) {
    const reference = `ref-${randomUUID().slice(0, 8)}`;
    const metadata = { kind: 'topup', cardUid: card, amount: String(amount), collectiveId: 'c1' };
    const session = await startCheckout(provider, checkouts, { reference, lines: [{ name: 'Recharge', amount, qty: 1 }], customerEmail: 'ana@example.org', successUrl: 'https://p.test/ok', cancelUrl: 'https://p.test/ko', metadata });
    const paymentIntentId = `pi_${reference}`;
    const event = { id: `evt_${reference}`, type: 'checkout.completed' as const, sessionId: session.sessionId, paymentIntentId, amountTotal: amount, paid: true, metadata: { ...metadata, reference } };
    expect((await processPaymentEvent(event, { checkouts, pass: node.pass })).outcome).toBe('fulfilled');
    clock.advance(60_000);
    return { ...session, paymentIntentId, event };
  }

  const walletOf = async () => (await node.pass.cards.byUidOrThrow(card)).walletId;
  const globalOf = async () => (await node.pass.balance(card)).balances.find((b) => b.asset === globalAsset)?.amount ?? 0;
  const openWindow = () => payback.policies.set('c1', { opensAt: clock.now(), closesAt: clock.now() + 30 * day, minimum: 200 });

  it('refunds the balance newest top-up first, partly over several; a replay pays nothing more; the webhook that follows moves nothing', async () => {
    await setup();
    const first = await onlineTopUp(2_000);
    const second = await onlineTopUp(1_500);
    await node.pass.pay({ txId: randomUUID(), cardUid: card, amount: 2_700, collectiveId: 'c1' });
    expect(await globalOf()).toBe(800);
    await openWindow();

    const requestId = randomUUID();
    const done = await payback.request({ requestId, collectiveId: 'c1', walletId: await walletOf(), via: 'card', cardNumber: 'c1-A0-0' });
    // 8.00 left: all from the newest top-up (15.00), none from the older one.
    expect(done).toMatchObject({ amount: 800, state: 'done', transfer: { amount: 0, state: 'none' } });
    expect(done.parts).toEqual([expect.objectContaining({ sessionId: second.sessionId, amount: 800, refundedTotalAfter: 800, state: 'refunded' })]);
    expect(await globalOf()).toBe(0);
    const refundCalls = () => fake.requests.filter((r) => r.path === '/v1/refunds');
    expect(refundCalls().map((r) => [r.params.get('payment_intent'), r.params.get('amount')])).toEqual([[second.paymentIntentId, '800']]);

    const rows = await node.store.collection('ledger').count({});
    expect(await payback.request({ requestId, collectiveId: 'c1', walletId: await walletOf(), via: 'card' })).toMatchObject({ amount: 800, state: 'done' });
    expect(refundCalls()).toHaveLength(1);
    // Stripe's charge.refunded for that refund: the reversal is the one already written.
    await processPaymentEvent({ ...second.event, id: 'evt_refund', type: 'charge.refunded', amountRefunded: 800 }, { checkouts, pass: node.pass });
    expect(await node.store.collection('ledger').count({})).toBe(rows);
    expect(await checkouts.get(second.sessionId)).toMatchObject({ refundedTotal: 800, reversedTotal: 800, shortfall: 0 });
    void first;
  });

  it('spans several top-ups when the newest does not cover the balance, and sends what Stripe refuses to the transfer list', async () => {
    await setup();
    const older = await onlineTopUp(1_000);
    const middle = await onlineTopUp(700);
    const newest = await onlineTopUp(500);
    fake.refuseRefundsOf.add(middle.paymentIntentId);
    await node.pass.topUp({ txId: randomUUID(), cardUid: card, asset: 'local', amount: 900, method: 'cash', collectiveId: 'c1', posId: 'p1' });
    await node.pass.pay({ txId: randomUUID(), cardUid: card, amount: 900 + 200, collectiveId: 'c1' }); // local first, then 2.00 of global
    expect(await globalOf()).toBe(2_000);
    await openWindow();

    const done = await payback.request({ requestId: randomUUID(), collectiveId: 'c1', walletId: await walletOf(), via: 'account', email: 'ana@example.org', iban: 'FR7630006000011234567890189' });
    expect(done.parts.map((p) => [p.sessionId, p.amount, p.state])).toEqual([
      [newest.sessionId, 500, 'refunded'],
      [middle.sessionId, 700, 'failed'],
      [older.sessionId, 800, 'refunded'],
    ]);
    expect(done.transfer).toMatchObject({ amount: 700, state: 'due' });
    expect(await globalOf()).toBe(0);
    expect((await node.pass.balance(card)).balances.find((b) => b.asset === localAsset('c1'))).toBeUndefined();
    // The transfer is a ledger row of the wallet: global back to issuance, euros out of Stripe.
    const transferRow = await node.ledger.byTxId(done.transfer.txId!);
    expect(transferRow).toMatchObject({ kind: 'cashout', meta: { method: 'bank-transfer', paybackId: done._id } });
    expect(await checkouts.get(older.sessionId)).toMatchObject({ refundedTotal: 800, reversedTotal: 800 });
  });

  it('refuses outside the window, below the minimum, and a second request while one runs changes nothing', async () => {
    await setup();
    await onlineTopUp(1_000);
    const walletId = await walletOf();
    await expect(payback.request({ requestId: randomUUID(), collectiveId: 'c1', walletId, via: 'card' })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'PAYBACK_CLOSED' } });
    await payback.policies.set('c1', { opensAt: clock.now() + day, closesAt: clock.now() + 2 * day, minimum: 200 });
    await expect(payback.request({ requestId: randomUUID(), collectiveId: 'c1', walletId, via: 'card' })).rejects.toMatchObject({ details: { reason: 'PAYBACK_CLOSED' } });
    clock.advance(day);
    await node.pass.pay({ txId: randomUUID(), cardUid: card, amount: 850, collectiveId: 'c1' });
    await expect(payback.request({ requestId: randomUUID(), collectiveId: 'c1', walletId, via: 'card' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT', details: { reason: 'BELOW_MINIMUM', balance: 150, minimum: 200 } });
    clock.advance(day);
    await expect(payback.request({ requestId: randomUUID(), collectiveId: 'c1', walletId, via: 'card' })).rejects.toMatchObject({ details: { reason: 'PAYBACK_CLOSED' } });
    expect(fake.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(0);
    expect(await globalOf()).toBe(150);
    await expect(payback.policies.set('c1', { opensAt: 10, closesAt: 5, minimum: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
