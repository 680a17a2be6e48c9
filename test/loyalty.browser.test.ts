// The loyalty program screen in real Chromium: an admin fills it from the admin screens (a
// wrong count is refused next to its field), saves a "10th coffee free" program, and finds it
// stored as typed. Screenshots go to test-artifacts/loyalty/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, shootBothSizes, submitSignIn } from './support/admin-page.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { bootSite, seedVillage, type SiteNode, type Village } from './support/lespass-site.js';

const artifacts = 'test-artifacts/loyalty';

describe('loyalty program screen in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: SiteNode;
  let browser: TestBrowser;
  let v: Village;
  let admin: Page;
  let coffeeId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    ui = await buildUi(['admin']);
    node = await bootSite(ui.dir);
    v = await seedVillage(node, ui.dir);
    coffeeId = (await node.core.catalog.createProduct(v.home.collectiveId, { name: 'Café', category: 'Boissons', price: 150, vatRate: 1000 }))._id;
    browser = await launchChromium();
    admin = await adminPage(browser, errors);
    admin.setDefaultTimeout(10_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  const byTestId = (id: string) => admin.locator(`[data-testid="${id}"]`);

  it('an admin saves a 10th-coffee-free program, refused first next to its field', async () => {
    await admin.goto(`${node.url}/admin/loyalty?lang=fr`);
    await byTestId('login-form').waitFor();
    await submitSignIn(admin, v.home.email, v.home.password);
    await byTestId('loyalty-form').waitFor();
    await byTestId('loyalty-name').fill('Carte café');
    await byTestId('loyalty-stamp-product').first().check();
    await byTestId('loyalty-expiry').fill('beaucoup');
    await byTestId('loyalty-add-reward').click();
    await byTestId('loyalty-reward-id').fill('cafe-offert');
    await byTestId('loyalty-reward-name').fill('Café offert');
    await byTestId('loyalty-reward-cost').fill('9');
    await byTestId('loyalty-reward-product').selectOption(coffeeId);
    await byTestId('loyalty-save').click();
    await expect.poll(() => admin.locator('#f-expiryDays-error').textContent()).toContain('nombre entier');
    expect(await node.core.loyalty.programOf(v.home.collectiveId)).toBeNull();
    await byTestId('loyalty-expiry').fill('365');
    await byTestId('loyalty-save').click();
    await byTestId('loyalty-notice').waitFor();
    await shootBothSizes(admin, artifacts, 'loyalty-program');
    const stored = await node.core.loyalty.programOf(v.home.collectiveId);
    expect(stored).toMatchObject({
      name: 'Carte café',
      active: true,
      stamps: { productIds: [coffeeId], categories: [] },
      expiryDays: 365,
      rewards: [{ id: 'cafe-offert', name: 'Café offert', cost: 9, productId: coffeeId }],
    });
    expect(errors).toEqual([]);
  });
});
