// LaBoutik in real Chromium, the card's life at the till: "il manque X" → the cashier taps another
// card for the rest (the first card is refused for lack of funds, the screen says what is missing,
// the next card tapped pays the rest in the same sale); then the card desk on the balance screen
// pays a card's balance back in cash and blocks it. The stored sale, balances and ledger agree.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../core/money/verify.js';
import { boot, collectiveWithAdmin, login } from './support/boot.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import type { LaBoutikCore } from './support/laboutik.js';

const artifacts = 'test-artifacts/laboutik';

describe('LaBoutik: second card and card desk', () => {
  let ui: { dir: string; remove(): void };
  let node: Awaited<ReturnType<typeof boot>>;
  let core: LaBoutikCore;
  let browser: TestBrowser;
  let collectiveId: string;
  let posId: string;
  let beer: string;
  let pairingCode: string;
  const first = 'C0FFEE11';
  const second = 'C0FFEE12';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [ui, browser] = await Promise.all([buildUi(['laboutik']), launchChromium()]);
    node = await boot({ uiDir: ui.dir, env: { GROUP_COMMIT_MS: '1' } });
    core = node.core as LaBoutikCore;
    const admin = await collectiveWithAdmin(core, 'Festival');
    collectiveId = admin.collectiveId;
    await core.currencies.defineCollectiveCurrencies(collectiveId, 'Possible', 'Festival');
    posId = (await core.catalog.createPos(collectiveId, { name: 'Bar' }))._id;
    beer = (await core.catalog.createProduct(collectiveId, { name: 'Bière', category: 'Boissons', price: 450, vatRate: 2000 }))._id;
    await core.catalog.assign(posId, beer, collectiveId);
    await core.pass.registerCard({ uid: first, number: 'P-0011', issuerId: collectiveId });
    await core.pass.registerCard({ uid: second, number: 'P-0012', issuerId: collectiveId });
    await core.pass.topUp({ txId: 'seed-topup-0011', cardUid: first, asset: 'local', amount: 700, method: 'stripe', collectiveId });
    await core.pass.topUp({ txId: 'seed-topup-0012', cardUid: second, asset: 'local', amount: 1_000, method: 'stripe', collectiveId });
    const cookie = await login(node.url, admin.email, admin.password);
    const res = await fetch(`${node.url}/api/pos/${posId}/terminals`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Tablette' }) });
    pairingCode = ((await res.json()) as { pairingCode: string }).pairingCode;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  it('shows "il manque 2,00 €" after the first card, and the second card tapped pays the rest of the same sale', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${node.url}/laboutik/?lang=fr`);
    await page.getByTestId('pairing-code').fill(pairingCode);
    await page.getByTestId('terminal-name').fill('Tablette 1');
    await page.getByTestId('pair-submit').click();
    await page.getByTestId(`product-${beer}`).waitFor();

    await page.getByTestId(`product-${beer}`).click();
    await page.getByTestId(`product-${beer}`).click();
    await page.getByTestId('pay-pass').click();
    const sale = page.getByTestId('screen-sale');
    await sale.getByTestId('card-uid-input').fill(first);
    await sale.getByTestId('card-uid-submit').click();
    await sale.getByTestId('result-error').waitFor();
    expect(await sale.getByTestId('result-reason').textContent()).toContain('il manque 2,00');
    await sale.getByTestId('result-back').click();
    expect(await sale.getByTestId('pay-second-card').textContent()).toContain('Il manque 2,00');
    await page.screenshot({ path: `${artifacts}/second-card-prompt-1280.png` });
    await sale.getByTestId('card-uid-input').fill(second);
    await sale.getByTestId('card-uid-submit').click();
    await sale.getByTestId('result-ok').waitFor();
    expect(await sale.getByTestId('result-paid-pass-1').textContent()).toContain('7,00');
    expect(await sale.getByTestId('result-paid-pass-2').textContent()).toContain('2,00');
    await page.screenshot({ path: `${artifacts}/second-card-ok-1280.png` });

    const sales = await core.pos.listSales({ collectiveId, posId, fromMs: 0, toMs: Date.now() + 1_000 }, 10);
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ total: 900, payments: { pass: 900 }, second: { amount: 200 } });
    expect((await core.pass.balance(first)).balances).toEqual([]);
    expect((await core.pass.balance(second)).balances.map((b) => b.amount)).toEqual([800]);
    expect((await verifyLedger(core.store)).errors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the card desk on the balance screen pays the balance back in cash once and blocks the card', async () => {
    // The same terminal as the first test (its pairing is kept by the browser).
    const page = await browser.context.newPage();
    await page.goto(`${node.url}/laboutik/?lang=fr`);
    await page.getByTestId(`product-${beer}`).waitFor();
    await page.getByTestId('tab-balance').click();
    const screen = page.getByTestId('screen-balance');
    await screen.getByTestId('card-uid-input').fill(second);
    await screen.getByTestId('card-uid-submit').click();
    await screen.getByTestId('desk-cashout').waitFor();
    expect(await screen.getByTestId('desk-cashout').textContent()).toContain('8,00');
    await screen.getByTestId('desk-cashout').click();
    await screen.getByTestId('desk-message').filter({ hasText: '8,00' }).waitFor();
    expect((await core.pass.balance(second)).balances).toEqual([]);
    expect(await screen.getByTestId('desk-cashout').count()).toBe(0); // nothing left to pay back
    await screen.getByTestId('desk-block').click();
    await screen.locator('[data-testid="balance-card-state"][data-state="blocked"]').waitFor();
    expect((await core.pass.cards.byUidOrThrow(second)).state).toBe('blocked');
    await page.screenshot({ path: `${artifacts}/card-desk-blocked-1280.png` });
    const cashouts = (await core.ledger.rows.find({ kind: 'cashout' })).filter((r) => r.posId === posId);
    expect(cashouts).toHaveLength(1);
    expect((await verifyLedger(core.store)).errors).toEqual([]);
  });
});
