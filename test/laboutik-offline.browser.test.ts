// LaBoutik offline, in real Chromium: the server stops answering the terminal (a proxy cuts its
// socket), the cashier keeps selling: a cash sale and a Pass sale within the ceiling are accepted
// offline, a Pass sale above it and a blocked card are refused with why; then the server is gone
// altogether and the page is reloaded: the service worker opens the till and the journal
// (IndexedDB) is still there; when the server is back the journal syncs, the ledger verifies,
// the live board and the Z count the offline sales.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../core/money/verify.js';
import { boot, collectiveWithAdmin } from './support/boot.js';
import { adminPage, submitSignIn } from './support/admin-page.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { cutProxy, type CutProxy } from './support/cut-proxy.js';
import type { LaBoutikCore } from './support/laboutik.js';

const artifacts = 'test-artifacts/laboutik-offline';

describe('LaBoutik terminal offline, in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: Awaited<ReturnType<typeof boot>>;
  let core: LaBoutikCore;
  let browser: TestBrowser;
  let proxy: CutProxy;
  let collectiveId: string;
  let admin: { email: string; password: string };
  let posId: string;
  let beer: string;
  let tote: string;
  const payer = 'C0FFEE11';
  const lost = 'C0FFEE12';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [ui, browser] = await Promise.all([buildUi(['laboutik', 'admin']), launchChromium()]);
    node = await boot({ uiDir: ui.dir, env: { GROUP_COMMIT_MS: '1' } });
    core = node.core as LaBoutikCore;
    proxy = await cutProxy({ host: '127.0.0.1', port: node.http.port });
    const made = await collectiveWithAdmin(core, 'Festival des Possibles');
    admin = made;
    collectiveId = made.collectiveId;
    await core.currencies.defineCollectiveCurrencies(collectiveId, 'Possible', 'Festival des Possibles');
    posId = (await core.catalog.createPos(collectiveId, { name: 'Bar du Lac' }))._id;
    beer = (await core.catalog.createProduct(collectiveId, { name: 'Bière pression', category: 'Boissons', price: 450, vatRate: 2000 }))._id;
    tote = (await core.catalog.createProduct(collectiveId, { name: 'Tote bag', category: 'Boutique', price: 1200, vatRate: 2000 }))._id;
    await core.catalog.assign(posId, beer, collectiveId, { order: 1 });
    await core.catalog.assign(posId, tote, collectiveId, { order: 2 });
    for (const [uid, number] of [
      [payer, 'OFF-0001'],
      [lost, 'OFF-0002'],
    ]) {
      await core.pass.registerCard({ uid, number, issuerId: collectiveId });
      await core.pass.topUp({ txId: `seed-${uid}`, cardUid: uid, asset: 'local', amount: 5_000, method: 'stripe', collectiveId });
    }
    await core.pass.block(lost); // on the blocklist the terminal reads at connection
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await node?.close();
    ui?.remove();
  });

  async function sell(page: Page, products: string[], pay: { cash: number } | { card: string }) {
    const sale = page.getByTestId('screen-sale');
    for (const id of products) await page.getByTestId(`product-${id}`).click();
    if ('cash' in pay) {
      await page.getByTestId('pay-cash').click();
      await sale.getByTestId(`cash-quick-${pay.cash}`).click();
      await sale.getByTestId('cash-confirm').click();
    } else {
      await page.getByTestId('pay-pass').click();
      await sale.getByTestId('card-uid-input').fill(pay.card);
      await sale.getByTestId('card-uid-submit').click();
    }
    return sale;
  }

  async function next(page: Page, testid: 'result-new' | 'result-cancel') {
    await page.getByTestId('screen-sale').getByTestId(testid).click();
    await page.getByTestId('screen-sale').locator('lb-tx-result').waitFor({ state: 'detached' });
  }

  it('sells offline within the policy, refuses with why, keeps the journal across a reload, and syncs it when the server answers', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const { pairingCode } = await core.terminals.createTerminal(posId, collectiveId, 'Tablette');
    await page.goto(`${proxy.url}/laboutik/?lang=fr`);
    await page.getByTestId('pairing-code').fill(pairingCode);
    await page.getByTestId('terminal-name').fill('Tablette bar');
    await page.getByTestId('pair-submit').click();
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor();
    await page.getByTestId(`product-${beer}`).waitFor();

    // Online first: the card's balance becomes known to the terminal.
    let sale = await sell(page, [beer], { card: payer });
    await sale.getByTestId('result-ok').waitFor();
    await next(page, 'result-new');

    proxy.cut();
    await page.locator('[data-testid="connection-status"]:not([data-status="connected"])').waitFor();

    sale = await sell(page, [beer], { cash: 500 });
    await sale.getByTestId('result-offline').waitFor();
    expect(await sale.getByTestId('result-offline').textContent()).toContain('Accepté hors ligne');
    expect(await sale.getByTestId('result-change').textContent()).toContain('0,50');
    await page.screenshot({ path: `${artifacts}/01-cash-offline.png` });
    await next(page, 'result-new');

    sale = await sell(page, [beer], { card: payer });
    await sale.getByTestId('result-offline').waitFor();
    await page.screenshot({ path: `${artifacts}/02-pass-offline.png` });
    await next(page, 'result-new');

    sale = await sell(page, [tote, tote], { card: payer }); // 24.00 > the 20.00 ceiling
    await sale.locator('[data-testid="result-error"][data-code="OFFLINE_LIMIT"]').waitFor();
    expect(await sale.getByTestId('result-reason').textContent()).toContain('20,00');
    await page.screenshot({ path: `${artifacts}/03-above-ceiling.png` });
    await next(page, 'result-cancel');

    sale = await sell(page, [beer], { card: lost });
    await sale.locator('[data-testid="result-error"][data-code="CARD_BLOCKED"]').waitFor();
    await page.screenshot({ path: `${artifacts}/04-blocked-card.png` });
    await next(page, 'result-cancel');

    await page.locator('[data-testid="offline-count"][data-count="2"]').waitFor();
    expect(await core.pos.offlineSales(collectiveId, { fromMs: 0, toMs: Date.now() + 1 })).toHaveLength(0);

    // The server is gone for the browser, and the page is reloaded: the service worker opens the
    // till from its cache, and the journal is read back from IndexedDB.
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state))).toBe('activated');
    await proxy.down();
    await page.reload();
    await page.locator('[data-testid="offline-count"][data-count="2"]').waitFor();
    expect(await page.getByTestId('connection-status').getAttribute('data-status')).not.toBe('connected');
    await page.screenshot({ path: `${artifacts}/05-reloaded-offline.png` });
    // And the till still sells (its last catalog is kept on the device).
    sale = await sell(page, [beer], { cash: 500 });
    await sale.getByTestId('result-offline').waitFor();
    await next(page, 'result-new');
    await page.locator('[data-testid="offline-count"][data-count="3"]').waitFor();

    // The server answers again: the journal syncs on reconnection, in order, once.
    proxy.restore();
    await proxy.up();
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('offline-count').waitFor({ state: 'detached', timeout: 20_000 });
    const synced = await core.pos.offlineSales(collectiveId, { fromMs: 0, toMs: Date.now() + 1 });
    expect(synced.map((s) => [s.total, s.payments, s.offline?.seq])).toEqual([
      [450, { cash: 450, card: 0, pass: 0 }, 1],
      [450, { cash: 0, card: 0, pass: 450 }, 2],
      [450, { cash: 450, card: 0, pass: 0 }, 3],
    ]);
    expect((await core.pass.balance(payer)).balances[0].amount).toBe(5_000 - 450 - 450);
    const report = await verifyLedger(core.store);
    expect(report.errors).toEqual([]);
    await expect.poll(async () => (await core.live.board(collectiveId)).offline).toEqual({ count: 3, total: 1350, shortfall: 0 });
    const { z } = await core.pos.closeRegister(posId, { by: 'test' });
    expect(z?.totals).toMatchObject({ salesCount: 4, offline: { count: 3, total: 1350, shortfall: 0 } });
    await page.screenshot({ path: `${artifacts}/06-synced.png` });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows the admin the offline sales per POS and day and the terminals, and edits the POS offline rule', async () => {
    const errors: string[] = [];
    const page = await adminPage(browser, errors);
    await page.goto(`${node.url}/admin/offline?collective=${collectiveId}&lang=fr`);
    await submitSignIn(page, admin.email, admin.password);
    const panel = page.getByTestId('offline-panel');
    await panel.getByTestId('offline-day').first().waitFor();
    expect(await panel.getByTestId('offline-day').count()).toBe(1);
    expect(await panel.getByTestId('offline-day').first().textContent()).toContain('Bar du Lac');
    expect(await panel.locator('[data-testid="offline-day"] td[data-amount]').first().getAttribute('data-amount')).toBe('1350');
    expect(await panel.getByTestId('offline-debts-empty').count()).toBe(1);
    expect(await panel.locator('[data-testid="offline-terminal"]').first().textContent()).toContain('Tablette bar');
    const form = panel.locator(`[data-testid="offline-policy"][data-pos-id="${posId}"]`);
    await form.getByTestId('field-maxSaleCents').fill('15,50');
    await form.getByTestId('field-minutes').fill('45');
    await form.getByTestId('offline-policy-save').click();
    await form.getByTestId('offline-policy-saved').waitFor();
    expect((await core.catalog.getPos(posId)).offlinePolicy).toMatchObject({ maxSaleCents: 1550, maxOfflineMs: 45 * 60_000 });
    await form.getByTestId('field-maxSaleCents').fill('abc');
    await form.getByTestId('offline-policy-save').click();
    await form.getByText('Montant invalide.').waitFor();
    expect((await core.catalog.getPos(posId)).offlinePolicy?.maxSaleCents).toBe(1550);
    await page.screenshot({ path: `${artifacts}/07-admin-offline.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
