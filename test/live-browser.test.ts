// The live views in real Chromium, against an app node serving the built UI: the organizer signs
// in through the dashboard's form, the public screen gets a card from the NFC bridge (simulated
// reader) and from its typed field, a paired terminal sells over Socket.IO, and both pages
// update without a reload. Screenshots go to test-artifacts/ (desktop 1280x800, phone 390x844).
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNfcBridge, type NfcBridge } from '../gateways/nfc/bridge.js';
import { SimulatedReader } from '../gateways/nfc/simulated-reader.js';
import { boot, collectiveWithAdmin, type BootedNode } from './support/boot.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { command, pairedTerminal, seedFestival, type Festival } from './support/live.js';
import type { TerminalClient } from './support/terminal.js';

const artifacts = 'test-artifacts/live';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

describe('live views in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: BootedNode;
  let browser: TestBrowser;
  let reader: SimulatedReader;
  let bridge: NfcBridge;
  let f: Festival;
  let bar: TerminalClient;
  let cantine: TerminalClient;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    ui = await buildUi(['display', 'dashboard']);
    node = await boot({ uiDir: ui.dir, env: { GROUP_COMMIT_MS: '1' } });
    f = await seedFestival(node, { pos: ['Grand bar', 'Cantine'], cards: 2 });
    bar = await pairedTerminal(node.url, f.cookie, f.posIds[0]);
    cantine = await pairedTerminal(node.url, f.cookie, f.posIds[1]);
    await command(bar, 'topup', { cardUid: f.cards[0], asset: 'local', amount: 5_000, method: 'cash' });
    await command(bar, 'topup', { cardUid: f.cards[1], asset: 'local', amount: 2_000, method: 'card' });
    await command(bar, 'topup', { cardUid: f.cards[0], asset: 'global', amount: 1_500, method: 'cash' });
    reader = new SimulatedReader({ name: 'Test reader' });
    bridge = await startNfcBridge({ reader, port: 0, debounceMs: 0 });
    await reader.start();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    bar?.close();
    cantine?.close();
    await browser?.close();
    await bridge?.close();
    await node?.close();
    ui?.remove();
  });

  async function open(path: string, viewport = desktop): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    page.on('pageerror', (err) => console.error(`[page error] ${path}: ${err.message}`));
    await page.goto(`${node.url}${path}`);
    await page.evaluate(() => ((window as any).__notReloaded = true));
    return page;
  }

  const amountOf = (page: Page, selector: string) => page.locator(selector).first().getAttribute('data-amount').then(Number);
  const shot = (page: Page, name: string) => page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: name.includes('full') });

  it('a terminal sale updates the signed-in dashboard and the display showing the card, without reload', async () => {
    const dashboard = await open('/dashboard/?lang=fr');
    await dashboard.getByTestId('login-form').waitFor();
    await shot(dashboard, 'dashboard-login-1280');
    await dashboard.getByTestId('login-email').fill(f.email);
    await dashboard.getByTestId('login-password').fill('not the password');
    await dashboard.getByTestId('login-submit').click();
    await expect.poll(() => dashboard.getByTestId('login-error').textContent()).toContain('incorrect');
    await dashboard.getByTestId('login-password').fill(f.password);
    await dashboard.getByTestId('login-submit').click();
    await dashboard.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    expect(await dashboard.getByTestId('collective-name').textContent()).toContain(f.name);
    expect(await amountOf(dashboard, '[data-testid="kpi-topups"]')).toBe(8_500);
    expect(await amountOf(dashboard, '[data-testid="kpi-net"]')).toBe(0);

    const display = await open(`/display/?lang=fr&nfc=ws://127.0.0.1:${bridge.port}`);
    await display.locator('[data-testid="reader-status"][data-state="ready"]').waitFor();
    await display.locator('[data-testid="server-status"][data-state="connected"]').waitFor();
    await shot(display, 'display-idle-1280');
    reader.tap(f.cards[0]);
    await display.getByTestId('card-number').waitFor();
    expect(await display.getByTestId('card-number').textContent()).toContain('LUM-0001');
    expect(await amountOf(display, '[data-testid="balance"][data-asset^="local:"]')).toBe(5_000);
    expect(await amountOf(display, '[data-testid="balance"][data-asset="global"]')).toBe(1_500);

    const [beer, crepe, lemonade] = f.products;
    const sale = await command(bar, 'sale', { lines: [{ productId: beer.id, qty: 2 }, { productId: crepe.id, qty: 1 }], payments: [{ method: 'pass', cardUid: f.cards[0] }] });
    expect(sale.total).toBe(1_100);
    await command(cantine, 'sale', { lines: [{ productId: lemonade.id, qty: 3 }], payments: [{ method: 'cash', amount: 1_000 }] });

    await expect.poll(() => amountOf(display, '[data-testid="balance"][data-asset^="local:"]')).toBe(3_900);
    await display.getByTestId('balance-updated').waitFor();
    await expect.poll(() => amountOf(dashboard, '[data-testid="kpi-net"]')).toBe(1_100 + 750);
    expect(await amountOf(dashboard, '[data-testid="kpi-count"]')).toBe(2);
    expect(await dashboard.locator(`[data-testid="pos-row"][data-pos="${f.posIds[0]}"]`).getAttribute('data-net')).toBe('1100');
    expect(await dashboard.locator(`[data-testid="product-row"][data-product="${beer.id}"]`).getAttribute('data-total')).toBe('700');
    expect(await dashboard.locator('[data-testid="methods"] li[data-key="cash"]').getAttribute('data-amount')).toBe('750');
    expect(await dashboard.getByTestId('pos-table').textContent()).toContain('Grand bar');
    expect(await dashboard.getByTestId('registers').textContent()).toContain('Cantine');
    expect(await dashboard.getByTestId('currencies').textContent()).toContain('Lumen');
    expect(await dashboard.evaluate(() => (window as any).__notReloaded)).toBe(true);
    expect(await display.evaluate(() => (window as any).__notReloaded)).toBe(true);
    await shot(display, 'display-card-1280');
    await shot(dashboard, 'dashboard-1280');
    await shot(dashboard, 'dashboard-full-1280');

    await dashboard.setViewportSize(phone);
    await shot(dashboard, 'dashboard-390');
    await shot(dashboard, 'dashboard-full-390');
    await dashboard.getByTestId('lang-en').click();
    expect(await dashboard.getByTestId('kpi-net').textContent()).toContain('€18.50');
  });

  it('on a phone without a reader, a typed UID shows the balance; an unknown card is said so', async () => {
    const display = await open('/display/?lang=en', phone);
    await display.getByTestId('idle').waitFor();
    await shot(display, 'display-idle-390');
    await display.getByTestId('uid-input').fill('c0fe 0001');
    await display.getByTestId('uid-submit').click();
    await display.getByTestId('card-number').waitFor();
    expect(await amountOf(display, '[data-testid="balance"]')).toBe(2_000);
    await command(bar, 'sale', { lines: [{ productId: f.products[2].id, qty: 2 }], payments: [{ method: 'pass', cardUid: f.cards[1] }] });
    await expect.poll(() => amountOf(display, '[data-testid="balance"]')).toBe(1_500);
    expect(await display.getByTestId('balance').textContent()).toContain('€15.00');
    await shot(display, 'display-card-390');

    await display.getByTestId('uid-input').fill('nope');
    await display.getByTestId('uid-submit').click();
    await display.getByTestId('uid-error').waitFor();
    await display.getByTestId('uid-input').fill('DEADBEEF');
    await display.getByTestId('uid-submit').click();
    await display.locator('[data-testid="error"][data-code="CARD_UNKNOWN"]').waitFor();
    expect(await display.getByTestId('error').textContent()).toContain('Unknown card');
    await shot(display, 'display-unknown-390');
    // The screen clears by itself, back to "Tap your Pass".
    await display.getByTestId('idle').waitFor({ timeout: 8_000 });
  });

  it('an operator signs out the admin, signs in, picks a collective and switches to another', async () => {
    const other = await collectiveWithAdmin(node.core, 'Autre Scène');
    await node.core.accounts.create({ role: 'operator', email: 'operator@pass.test', password: 'operator-secret-42', name: 'Operator' });
    const dashboard = await open('/dashboard/?lang=en');
    await dashboard.getByTestId('sign-out').click(); // still signed in as the admin of the first test
    await dashboard.getByTestId('login-email').fill('operator@pass.test');
    await dashboard.getByTestId('login-password').fill('operator-secret-42');
    await dashboard.getByTestId('login-submit').click();
    await dashboard.getByTestId('collective-select').selectOption(f.collectiveId);
    await dashboard.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    expect(await amountOf(dashboard, '[data-testid="kpi-net"]')).toBe((await node.core.live.board(f.collectiveId)).sales.net);
    await dashboard.getByTestId('collective-select').selectOption(other.collectiveId);
    await expect.poll(() => dashboard.getByTestId('collective-name').textContent()).toContain('Autre Scène');
    await expect.poll(() => amountOf(dashboard, '[data-testid="kpi-net"]')).toBe(0);
    expect(new URL(dashboard.url()).searchParams.get('collective')).toBe(other.collectiveId);
  });
});
