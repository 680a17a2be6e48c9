// LaBoutik in real Chromium against an app node serving the built terminal UI: a cashier pairs
// the terminal with a code made through the admin API, sells three items paid by Pass, tops up
// a card with cash, reads its balance, and closes the register. What the screens show is read
// from data-amount (integer cents) and checked against the acks' source of truth: the stored
// Z ticket and an aggregation of the ledger, which must also verify. Screenshots of every step,
// desktop 1280x800 and phone 360x740, go to test-artifacts/laboutik/.
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../core/money/accounts.js';
import type { LedgerRow } from '../core/money/ledger-row.js';
import { verifyLedger } from '../core/money/verify.js';
import { boot, collectiveWithAdmin, login } from './support/boot.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import type { LaBoutikCore } from './support/laboutik.js';

const artifacts = 'test-artifacts/laboutik';
const desktop = { width: 1280, height: 800 };
const phone = { width: 360, height: 740 };
const products = [
  { name: 'Bière pression', category: 'Boissons', price: 450, vatRate: 2000 },
  { name: 'Crêpe sucre', category: 'Cuisine', price: 300, vatRate: 1000 },
  { name: 'Jus de pomme', category: 'Boissons', price: 250, vatRate: 550 },
  { name: 'Tote bag', category: 'Boutique', price: 1200, vatRate: 2000 },
];

describe('LaBoutik terminal in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: Awaited<ReturnType<typeof boot>>;
  let core: LaBoutikCore;
  let browser: TestBrowser;
  let collectiveId: string;
  let posId: string;
  let productIds: string[];
  let pairingCode: string;
  const payer = 'C0FFEE01'; // has money from the start
  const topped = 'C0FFEE02'; // empty, topped up at the till
  const startBalance = 5_000;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [ui, browser] = await Promise.all([buildUi(['laboutik']), launchChromium()]);
    node = await boot({ uiDir: ui.dir, env: { GROUP_COMMIT_MS: '1' } });
    core = node.core as LaBoutikCore;

    // Seeded through the core services: a collective, its currency, a POS with products, two cards.
    const admin = await collectiveWithAdmin(core, 'Festival des Possibles');
    collectiveId = admin.collectiveId;
    await core.currencies.defineCollectiveCurrencies(collectiveId, 'Possible', 'Festival des Possibles');
    posId = (await core.catalog.createPos(collectiveId, { name: 'Bar du Lac' }))._id;
    productIds = [];
    for (const [i, p] of products.entries()) {
      const made = await core.catalog.createProduct(collectiveId, p);
      await core.catalog.assign(posId, made._id, collectiveId, { order: i + 1 });
      productIds.push(made._id);
    }
    await core.pass.registerCard({ uid: payer, number: 'POS-0001', issuerId: collectiveId });
    await core.pass.registerCard({ uid: topped, number: 'POS-0002', issuerId: collectiveId });
    // Topped up online-style (no POS): it must not count in this register's Z.
    await core.pass.topUp({ txId: 'seed-topup-0001', cardUid: payer, asset: 'local', amount: startBalance, method: 'stripe', collectiveId });

    // The admin makes a terminal through the API and reads its one-time pairing code.
    const cookie = await login(node.url, admin.email, admin.password);
    const res = await fetch(`${node.url}/api/pos/${posId}/terminals`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Tablette bar' }) });
    expect(res.status).toBe(201);
    pairingCode = ((await res.json()) as { pairingCode: string }).pairingCode;
    expect(pairingCode).toMatch(/^\d{6}$/);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  /**
   * A screenshot at desktop size and one at phone size (the page is left at desktop size). The
   * app scrolls inside its own frame, so `tall` shots use a taller window to show a whole screen.
   */
  async function shoot(page: Page, name: string, options: { tall?: boolean } = {}): Promise<void> {
    const grow = (size: { width: number; height: number }) => (options.tall ? { ...size, height: size.height * 3 } : size);
    for (const [size, suffix] of [[desktop, '1280'], [phone, '360']] as const) {
      await page.setViewportSize(grow(size));
      await page.screenshot({ path: `${artifacts}/${name}-${suffix}.png` });
    }
    await page.setViewportSize(desktop);
  }

  const amount = (root: Page | Locator, testid: string) => root.getByTestId(testid).getAttribute('data-amount').then(Number);
  const asset = () => `local:${collectiveId}`;

  it('pairs, sells 3 items paid by Pass, tops up with cash, reads a balance and closes the register; the Z equals the ledger', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(desktop);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${node.url}/laboutik/?lang=fr`);

    // Pairing with the admin's code.
    await page.getByTestId('pairing-code').waitFor();
    await page.getByTestId('pairing-code').fill(pairingCode);
    await page.getByTestId('terminal-name').fill('Tablette bar 1');
    await shoot(page, '01-pairing');
    await page.getByTestId('pair-submit').click();
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
    await page.getByTestId(`product-${productIds[0]}`).waitFor();
    expect(await page.getByTestId('pos-name').textContent()).toContain('Bar du Lac');
    await shoot(page, '02-products');

    // A sale of three items (three VAT rates), paid by Pass with a typed card UID.
    const sold = [0, 1, 2].map((i) => products[i]);
    for (const i of [0, 1, 2]) await page.getByTestId(`product-${productIds[i]}`).click();
    const saleTotal = sold.reduce((s, p) => s + p.price, 0);
    expect(await page.getByTestId('cart-total').textContent()).toContain('10,00');
    await shoot(page, '03-cart');
    await page.getByTestId('pay-pass').click();
    const sale = page.getByTestId('screen-sale');
    await sale.getByTestId('card-uid-input').fill(payer.toLowerCase());
    await shoot(page, '04-pay-pass');
    await sale.getByTestId('card-uid-submit').click();
    await sale.getByTestId('result-ok').waitFor();
    expect(await sale.getByTestId('result-sale-number').textContent()).toContain('#1');
    expect(await amount(sale, `balance-line-${asset()}`)).toBe(startBalance - saleTotal);
    await shoot(page, '05-sale-ok');
    await sale.getByTestId('result-new').click();

    // A cash top-up of 20.00 on the empty card.
    await page.getByTestId('tab-topup').click();
    const topup = page.getByTestId('screen-topup');
    await topup.getByTestId('card-uid-input').fill(topped);
    await topup.getByTestId('card-uid-submit').click();
    await topup.getByTestId('topup-card-number').filter({ hasText: 'POS-0002' }).waitFor();
    await topup.getByTestId('topup-asset-local').click();
    await topup.getByTestId('topup-method-cash').click();
    await topup.getByTestId('topup-quick-2000').click();
    await shoot(page, '06-topup-form');
    await topup.getByTestId('topup-submit').click();
    await topup.getByTestId('result-ok').waitFor();
    expect(await amount(topup, `balance-line-${asset()}`)).toBe(2_000);
    await shoot(page, '07-topup-ok');

    // Its balance, read back.
    await page.getByTestId('tab-balance').click();
    const balance = page.getByTestId('screen-balance');
    await balance.getByTestId('card-uid-input').fill(topped);
    await balance.getByTestId('card-uid-submit').click();
    await balance.getByTestId('balance-card').waitFor();
    expect(await balance.getByTestId('balance-card-number').textContent()).toContain('POS-0002');
    expect(await amount(balance, `balance-line-${asset()}`)).toBe(2_000);
    await shoot(page, '08-balance');

    // Closing: a blind count of 19.50 for 20.00 expected (the top-up's cash; the sale was Pass).
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('close-register').click();
    const settings = page.getByTestId('screen-settings');
    await settings.getByTestId('close-count').waitFor();
    expect(await settings.getByTestId('close-count').textContent()).not.toContain('20,00'); // the expected amount is not shown before the count
    for (const key of ['1', '9', '5', '0']) await settings.getByTestId(`keypad-${key}`).click();
    expect(await settings.getByTestId('keypad-display').textContent()).toContain('19,50');
    await shoot(page, '09-close-count');
    await settings.getByTestId('close-submit').click();
    await settings.getByTestId('close-result').waitFor();
    expect(await amount(settings, 'close-expected')).toBe(2_000);
    expect(await amount(settings, 'close-counted')).toBe(1_950);
    expect(await amount(settings, 'close-difference')).toBe(-50);
    expect(await settings.getByTestId('close-difference-label').textContent()).toContain('Manque');
    await shoot(page, '10-close-result', { tall: true });

    // The Z on screen is the stored Z, and its figures are the ledger's.
    const [z] = await core.pos.listZ(posId);
    expect(z).toBeDefined();
    expect(Number(await settings.getByTestId('z-title').getAttribute('data-number'))).toBe(z.number);
    expect(await settings.getByTestId('z-business-day').textContent()).toBe(z.businessDay);
    expect(await settings.getByTestId('z-hash').textContent()).toBe(z.hash);
    expect(await amount(settings, 'z-sales-total')).toBe(saleTotal);
    expect(await amount(settings, 'z-method-pass')).toBe(saleTotal);
    expect(await amount(settings, 'z-method-cash')).toBe(0);
    expect(await amount(settings, 'z-topups-total')).toBe(2_000);
    expect(await amount(settings, 'z-grand-total')).toBe(saleTotal);
    expect(Number(await settings.getByTestId('z-sales-count').getAttribute('data-count'))).toBe(1);
    for (const i of [0, 1, 2]) expect(Number(await settings.getByTestId(`z-product-${productIds[i]}`).getAttribute('data-amount'))).toBe(products[i].price);
    expect(await settings.getByTestId('z-print').getAttribute('href')).toBe(`/api/pos/${posId}/z/${z.number}/print`);

    const ledger = await aggregateLedger(core, posId, collectiveId);
    expect(ledger.salesCount).toBe(z.totals.salesCount);
    expect(ledger.byMethod).toEqual(z.totals.byMethod);
    expect(ledger.byMethod.cash + ledger.byMethod.card + ledger.byMethod.pass).toBe(z.totals.sales);
    expect(ledger.topups).toBe(z.totals.topups.total);
    expect(ledger.cashIntoDrawer).toBe(z.sessions[0].expectedCash);
    expect((await verifyLedger(core.store)).errors).toEqual([]);
    expect(await core.pos.verifyZ(posId)).toEqual({ ok: true, errors: [] });

    // In English, then a second close: nothing left to close.
    await page.getByTestId('lang-en').first().click();
    expect(await settings.getByTestId('close-difference-label').textContent()).toContain('short');
    expect(await settings.getByTestId('z-sales-total').textContent()).toContain('€10.00');
    await shoot(page, '11-close-result-en', { tall: true });
    await settings.getByTestId('close-done').click();
    await page.getByTestId('close-register').click();
    await settings.getByTestId('close-without-count').click();
    await settings.locator('[data-testid="close-error"][data-code="REGISTER_CLOSED"]').waitFor();
    await shoot(page, '12-close-again-en');
    expect(await core.pos.listZ(posId)).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});

/** What the ledger says happened at a POS: its sales by payment method, its top-ups, the cash into its drawer. */
async function aggregateLedger(core: LaBoutikCore, posId: string, collectiveId: string) {
  const rows = (await core.ledger.rows.find({ posId })) as LedgerRow[];
  const legs = (keep: (r: LedgerRow) => boolean) => rows.filter(keep).flatMap((r) => r.legs);
  const sum = (list: LedgerRow['legs'], keep: (l: LedgerRow['legs'][number]) => boolean) => list.filter(keep).reduce((s, l) => s + l.amount, 0);
  const saleLegs = legs((r) => Boolean(r.meta?.sale));
  const drawer = accounts.cashDrawer(posId);
  return {
    salesCount: rows.filter((r) => r.meta?.sale).length,
    byMethod: {
      cash: sum(saleLegs, (l) => l.to === drawer),
      card: sum(saleLegs, (l) => l.to === accounts.cardTerminal(posId)),
      pass: sum(saleLegs, (l) => l.to === accounts.collective(collectiveId)),
    },
    topups: sum(legs((r) => r.kind === 'topup'), (l) => l.asset !== 'eur'),
    cashIntoDrawer: sum(legs(() => true), (l) => l.asset === 'eur' && l.to === drawer) - sum(legs(() => true), (l) => l.asset === 'eur' && l.from === drawer),
  };
}
