// The admin panel's Staff and Village settlement screens in real Chromium, against an app node on
// a fake clock. Staff: an admin adds staff with the errors shown next to the fields, gives one a
// PIN, and turns on "require staff" for a point of sale; a real Socket.IO terminal paired to it
// then sells only once unlocked with that PIN. Settlement: collective A's local currency was
// spent at B the day before; "settle now" refuses a day not over, then shows the statement with
// A owing B; "mark paid" whose answer is lost is retried with the same txId, so the pair is paid
// once. Screenshots at 1280x800 and 390x844 go to test-artifacts/admin/.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { localAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import type { Core } from '../core/runtime/boot.js';
import { adminPage, shootBothSizes, submitSignIn } from './support/admin-page.js';
import { boot, collectiveWithAdmin } from './support/boot.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';

const artifacts = 'test-artifacts/admin';

describe('admin panel: staff and village settlement in the browser', () => {
  const clock = new FakeClock(Date.parse('2026-07-14T12:00:00Z'));
  let ui: { dir: string; remove(): void };
  let node: Awaited<ReturnType<typeof boot>>;
  let core: Core;
  let browser: TestBrowser;
  let page: Page;
  let a: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let b: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let posId: string;
  let productId: string;
  let terminal: Socket | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [ui, browser] = await Promise.all([buildUi(['admin']), launchChromium()]);
    node = await boot({ uiDir: ui.dir, env: { GROUP_COMMIT_MS: '1' }, overrides: { clock } });
    core = node.core;
    a = await collectiveWithAdmin(core, 'Les Tilleuls');
    b = await collectiveWithAdmin(core, 'La Fabrique');
    const village = await core.villages.create({ name: 'Village des Tilleuls' });
    for (const c of [a, b]) {
      await core.villages.join(c.collectiveId, village._id);
      await core.currencies.defineCollectiveCurrencies(c.collectiveId, `Sou ${c.slug}`, c.slug);
    }
    // On the 14th a card of A, topped up with A's currency at A, pays 7,00 at B, which accepts it.
    await core.currencies.setAcceptance(b.collectiveId, localAsset(a.collectiveId), true, clock.now());
    await core.pass.registerCard({ uid: 'A1B2C3D4', number: 'T-1', issuerId: a.collectiveId });
    await core.pass.topUp({ txId: randomUUID(), cardUid: 'A1B2C3D4', asset: 'local', amount: 2000, method: 'cash', collectiveId: a.collectiveId, posId: 'bar-a' });
    await core.pass.pay({ txId: randomUUID(), cardUid: 'A1B2C3D4', amount: 700, collectiveId: b.collectiveId });
    clock.set(Date.parse('2026-07-15T08:00:00Z'));

    const pos = await core.catalog.createPos(a.collectiveId, { name: 'Buvette' });
    const product = await core.catalog.createProduct(a.collectiveId, { name: 'Limonade', category: 'Boissons', price: 250, vatRate: 550 });
    await core.catalog.assign(pos._id, product._id, a.collectiveId);
    [posId, productId] = [pos._id, product._id];

    page = await adminPage(browser, pageErrors);
    await page.goto(`${node.url}/admin/?lang=fr`);
    await submitSignIn(page, a.email, a.password);
    await page.locator('[data-testid="collective-profile"]').waitFor();
  }, 90_000);

  afterAll(async () => {
    terminal?.close();
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  const shoot = (name: string) => shootBothSizes(page, artifacts, name);

  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const sell = () => terminal!.timeout(5_000).emitWithAck('sale', { txId: randomUUID(), lines: [{ productId, qty: 1 }], payments: [{ method: 'cash', amount: 250 }] });

  it('adds staff with errors next to the fields; the PIN is never shown, only that one is set', async () => {
    await byTestId('nav-staff').click();
    await byTestId('staff-empty').waitFor();
    await byTestId('staff-new').click();
    await byTestId('staff-save').click();
    await expect.poll(() => byTestId('f-name-error').textContent()).toContain('obligatoire');
    expect(await byTestId('f-cardUid-error').textContent()).toContain('badge ou un code PIN');
    await byTestId('staff-name').fill('Camille');
    await byTestId('staff-card').fill('zz-12');
    await byTestId('staff-pin').fill('12');
    await byTestId('staff-save').click();
    await expect.poll(() => byTestId('f-cardUid-error').textContent()).toContain('hexadécimal');
    expect(await byTestId('f-pin-error').textContent()).toContain('4 à 8 chiffres');
    await shoot('30-staff-form-errors');
    await byTestId('staff-card').fill('');
    await byTestId('staff-pin').fill('4821');
    await byTestId('staff-save').click();
    await expect.poll(() => byTestId('staff-row').count()).toBe(1);

    await byTestId('staff-new').click();
    await byTestId('staff-name').fill('Dominique');
    await byTestId('staff-role').selectOption('manager');
    await byTestId('staff-card').fill('04:a1:b2:c3');
    await page.locator(`[data-testid="staff-pos"][data-pos-id="${posId}"]`).check();
    await byTestId('staff-save').click();
    await expect.poll(() => byTestId('staff-row').count()).toBe(2);

    const [camille, dominique] = await core.staff.list(a.collectiveId);
    expect(camille).toMatchObject({ name: 'Camille', role: 'cashier', hasPin: true, posIds: [], active: true });
    expect(camille.cardUid).toBeUndefined();
    expect(dominique).toMatchObject({ name: 'Dominique', role: 'manager', hasPin: false, cardUid: '04A1B2C3', posIds: [posId] });
    const rows = byTestId('staff-row');
    expect(await rows.nth(0).locator('[data-testid="staff-row-pin"]').textContent()).toContain('Oui');
    expect(await rows.nth(0).locator('[data-testid="staff-row-pos"]').textContent()).toContain('Tous');
    expect(await rows.nth(1).locator('[data-testid="staff-row-card"]').textContent()).toBe('04A1B2C3');
    expect(await rows.nth(1).locator('[data-testid="staff-row-pos"]').textContent()).toContain('Buvette');
    expect(await byTestId('staff-panel').textContent()).not.toContain('4821');

    // Edit: a card cannot be taken away, a PIN must be digits; then a PIN is set.
    await rows.nth(1).locator('[data-testid="staff-edit"]').click();
    await byTestId('staff-card').fill('');
    await byTestId('staff-pin').fill('12ab');
    await byTestId('staff-save').click();
    await expect.poll(() => byTestId('f-cardUid-error').textContent()).toContain('ne se retire pas');
    expect(await byTestId('f-pin-error').textContent()).toContain('4 à 8 chiffres');
    await byTestId('staff-card').fill('04A1B2C3');
    await byTestId('staff-pin').fill('7777');
    await byTestId('staff-save').click();
    await expect.poll(() => byTestId('staff-notice').textContent()).toContain('Dominique');
    expect((await core.staff.list(a.collectiveId))[1]).toMatchObject({ hasPin: true, cardUid: '04A1B2C3' });
    await shoot('31-staff');
  });

  it('requires staff on a POS: its connected terminal refuses to sell until unlocked with a PIN', async () => {
    const { pairingCode } = await core.terminals.createTerminal(posId, a.collectiveId, 'Tablette');
    const paired = await fetch(`${node.url}/api/terminals/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode, name: 'Tablette' }),
    });
    const { token } = (await paired.json()) as { token: string };
    terminal = connectClient(`${node.url}/terminal`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      terminal!.once('connect', resolve);
      terminal!.once('connect_error', reject);
    });
    expect(await sell()).toMatchObject({ ok: true }); // not required yet

    const row = page.locator(`[data-testid="staff-policy-row"][data-pos-id="${posId}"]`);
    expect(await byTestId('staff-policy-explain').textContent()).toMatch(/badge ou le code PIN.*responsable/);
    await row.locator('[data-testid="require-staff"]').check();
    await expect.poll(() => row.getAttribute('data-required')).toBe('true');
    expect((await core.catalog.getPos(posId)).requireStaff).toBe(true);
    await shoot('32-staff-policy');

    await expect.poll(async () => ((await sell()) as { code?: string }).code).toBe('STAFF_REQUIRED');
    expect(await terminal.timeout(5_000).emitWithAck('unlock', { pin: '0000' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await terminal.timeout(5_000).emitWithAck('unlock', { pin: '4821' })).toMatchObject({ ok: true, staff: { name: 'Camille', role: 'cashier' } });
    const sold = (await sell()) as { ok: boolean; saleId: string };
    expect(sold.ok).toBe(true);
    const [camille] = await core.staff.list(a.collectiveId);
    expect((await core.pos.getSale(sold.saleId, posId)).staff).toBe(camille._id);
    expect(await terminal.timeout(5_000).emitWithAck('refund', { txId: randomUUID(), saleId: sold.saleId })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });

    await byTestId('nav-pos').click();
    await byTestId('pos-requires-staff').waitFor();
    await shoot('33-pos-requires-staff');

    // Guessing PINs locks the terminal's unlock; its admin sees it on the terminals tab and lifts it.
    for (let i = 0; i < 5; i++) expect(await terminal.timeout(5_000).emitWithAck('unlock', { pin: `99${i}9` })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await terminal.timeout(5_000).emitWithAck('unlock', { pin: '4821' })).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    await page.locator(`[data-testid="pos-row"][data-pos-id="${posId}"] [data-testid="pos-open"]`).click();
    await byTestId('pos-tab-terminals').click();
    await expect.poll(() => byTestId('terminal-unlock-locked').textContent()).toMatch(/Déverrouillage bloqué/);
    await shoot('33b-terminal-unlock-locked');
    await byTestId('terminal-unlock-lift').click();
    await byTestId('terminal-unlock-locked').waitFor({ state: 'detached' });
    expect(await terminal.timeout(5_000).emitWithAck('unlock', { pin: '4821' })).toMatchObject({ ok: true });
  });

  it('imports a printed batch of Pass cards (a bad line is named, nothing written) and downloads the printer’s file', async () => {
    await byTestId('nav-cards').click();
    await byTestId('cards-csv').fill('uid,number,claim_code\n04BB0001,TIL-0001,\nnot-a-uid,TIL-0002,');
    await byTestId('cards-import').click();
    await expect.poll(() => byTestId('cards-bad-lines').textContent()).toContain('3');
    expect(await core.pass.cards.byNumber('TIL-0001')).toBeNull();
    await byTestId('cards-csv').fill('04BB0001,TIL-0001\n04BB0002,TIL-0002,ABCD-EFGH-JKMN');
    await byTestId('cards-import').click();
    await expect.poll(() => byTestId('cards-result').textContent()).toMatch(/2 cartes créées/);
    await shoot('35-cards-imported');
    const href = await byTestId('cards-print').getAttribute('href');
    const file = await page.request.get(`${node.url}${href}`);
    expect(file.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await file.text()).toContain('TIL-0002,04BB0002,ABCD-EFGH-JKMN,');
  });

  it('settles a finished day: A owes B after netting; a lost "paid" answer is retried with the same txId and paid once', async () => {
    await byTestId('nav-settlement').click();
    await byTestId('settlement-empty').waitFor();
    await byTestId('settle-day').fill('2026-07-15');
    await byTestId('settle-now').click();
    await expect.poll(() => byTestId('f-day-error').textContent()).toContain('pas encore terminée');
    await shoot('34-settlement-not-over');

    await byTestId('settle-day').fill('2026-07-14');
    await byTestId('settle-now').click();
    const statement = page.locator('[data-testid="statement"][data-period="2026-07-14"]');
    await statement.waitFor();
    const pair = statement.locator('[data-testid="pair-row"]');
    expect(await pair.count()).toBe(1);
    expect(await pair.locator('[data-testid="pair-summary"]').textContent()).toMatch(/Les Tilleuls doit 7,00\s€ à La Fabrique/);
    expect(await statement.locator('[data-testid="statement-balance"]').textContent()).toMatch(/vous devez 7,00\s€/);
    expect(await pair.getAttribute('data-paid')).toBe('false');
    const csv = await page.request.get(new URL((await statement.locator('[data-testid="statement-csv"]').getAttribute('href'))!, node.url).href);
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    expect(await csv.text()).toContain('7.00');
    await shoot('35-settlement-statement');

    // The first "paid" reaches the server, but its answer never reaches the page.
    const sent: string[] = [];
    await page.route('**/pairs/0/paid', async (route) => {
      sent.push((route.request().postDataJSON() as { txId: string }).txId);
      if (sent.length > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await pair.locator('[data-testid="pair-pay"]').click();
    await pair.locator('[data-testid="pair-pay-yes"]').click();
    await expect.poll(() => pair.locator('[data-testid="pair-error"]').textContent()).toContain('même paiement');
    const [stored] = await core.settlement.forCollective(a.collectiveId);
    expect(stored.payments['0']).toBeDefined(); // recorded although the page never heard
    expect(await pair.getAttribute('data-paid')).toBe('false');

    await pair.locator('[data-testid="pair-pay"]').click();
    await pair.locator('[data-testid="pair-pay-yes"]').click();
    await expect.poll(() => pair.getAttribute('data-paid')).toBe('true');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(stored.payments['0'].txId).toBe(sent[0]);
    expect(await core.ledger.rows.find({ kind: 'settlement' })).toHaveLength(1);
    expect(await pair.locator('[data-testid="pair-state"]').textContent()).toContain('Payé le');
    expect((await verifyLedger(core.store)).errors).toEqual([]);
    await shoot('36-settlement-paid');

    await byTestId('lang-en').click();
    await expect.poll(() => pair.locator('[data-testid="pair-summary"]').textContent()).toMatch(/Les Tilleuls owes La Fabrique €7\.00/);
    await shoot('37-settlement-en');
    await byTestId('lang-fr').click();
    expect(pageErrors).toEqual([]);
  });
});
