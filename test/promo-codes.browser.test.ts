// Promo codes and pay-what-you-want prices in real Chromium: an admin adds a pay-what-you-want
// price to an event and creates a promo code from the admin screens; a guest picks that price
// on the Lespass site, chooses what to pay, types the code (a wrong one is refused next to its
// field), pays the discounted amount through the demo checkout; the admin finds the discount
// and the chosen price in the payments received, and the code's use counted.
// Screenshots go to test-artifacts/promo-codes/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, shootBothSizes, submitSignIn } from './support/admin-page.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { bootSite, createEvent, seedVillage, type SiteNode, type Village } from './support/lespass-site.js';

const artifacts = 'test-artifacts/promo-codes';
const day = 86_400_000;

describe('promo codes and pay-what-you-want prices in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: SiteNode;
  let browser: TestBrowser;
  let v: Village;
  let concert: any;
  let admin: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    ui = await buildUi(['lespass', 'admin']);
    node = await bootSite(ui.dir);
    v = await seedVillage(node, ui.dir);
    const startsAt = Date.now() + 3 * day;
    concert = await createEvent(
      node.url,
      v.home.cookie,
      v.home.collectiveId,
      { title: 'Concert au chapeau', place: 'La Grange', startsAt, endsAt: startsAt + 3 * 3_600_000, capacity: 50, published: true },
      [],
    );
    browser = await launchChromium();
    admin = await adminPage(browser, errors);
    admin.setDefaultTimeout(10_000);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  const byTestId = (id: string) => admin.locator(`[data-testid="${id}"]`);

  it('an admin adds a pay-what-you-want price and creates a promo code, refused first next to its fields', async () => {
    await admin.goto(`${node.url}/admin/events/${concert.id}?lang=fr`);
    await byTestId('login-form').waitFor();
    await submitSignIn(admin, v.home.email, v.home.password);
    await byTestId('event-prices').waitFor();
    await byTestId('price-name').fill('Au chapeau');
    await byTestId('price-amount').fill('5');
    await byTestId('price-pay-what-you-want').check();
    await byTestId('price-add').click();
    await expect.poll(() => byTestId('price-row').textContent()).toContain('Prix libre, dès 5,00');

    await byTestId('nav-promos').click();
    await byTestId('promo-codes-panel').waitFor();
    await byTestId('promo-code').fill('x');
    await byTestId('promo-value').fill('150');
    await byTestId('promo-create').click();
    await expect.poll(() => byTestId('f-code-error').textContent()).toContain('3 à 32');
    expect(await byTestId('f-value-error').textContent()).toContain('1 à 100');
    await byTestId('promo-code').fill('chapeau-20');
    await byTestId('promo-value').fill('20');
    await byTestId('promo-max-uses').fill('2');
    await admin.getByRole('checkbox', { name: 'Concert au chapeau' }).check();
    await byTestId('promo-create').click();
    await expect.poll(() => byTestId('promo-notice').textContent()).toContain('CHAPEAU-20');
    await expect.poll(() => byTestId('promo-row').textContent()).toContain('Concert au chapeau');
    expect(await byTestId('promo-used').textContent()).toContain('0 / 2');
    await shootBothSizes(admin, artifacts, 'admin-promo-codes');
    expect(errors).toEqual([]);
  });

  it('a guest chooses their price, is refused a wrong code, pays the discounted amount; the admin sees the discount and the use', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${node.url}/${v.home.slug}/events/${concert.id}?lang=fr`);
    const [price] = (await node.core.lespass.ticketing.events.pricesOf([concert.id])).filter((p) => p.payWhatYouWant);
    expect(await page.getByTestId('price').textContent()).toContain('Prix libre, dès 5,00');
    await page.getByTestId(`more-${price._id}`).click();
    await page.getByTestId(`more-${price._id}`).click();
    await page.getByTestId(`field-chosen-${price._id}`).fill('4');
    await page.getByTestId('field-name').fill('Lou Chapeau');
    await page.getByTestId('field-email').fill('lou@example.org');
    await page.getByTestId('basket-submit').click();
    expect(await page.getByTestId(`error-price-${price._id}`).textContent()).toContain('minimum');
    await page.getByTestId(`field-chosen-${price._id}`).fill('15');
    expect(await page.getByTestId('basket-total').getAttribute('data-amount')).toBe('3000');
    await page.getByTestId('field-promoCode').fill('NOPE');
    await page.getByTestId('basket-submit').click();
    await expect.poll(() => page.getByTestId('error-promoCode').textContent()).toContain('n’existe pas');
    await page.getByTestId('field-promoCode').fill('chapeau-20');
    await page.screenshot({ path: `${artifacts}/guest-promo-390.png`, fullPage: true });
    await page.getByTestId('basket-submit').click();
    await page.waitForURL('**/demo-checkout/**');
    expect(await page.textContent('body')).toContain('24,00'); // 2 × 15 € less 20 %
    await page.getByRole('button', { name: /Payer/ }).click();
    await page.waitForURL(`**/${v.home.slug}/account?reservation=*`);
    await page.locator('[data-testid="return"][data-state="paid"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('return').getByTestId('ticket').count()).toBe(2);
    await page.close();

    await admin.goto(`${node.url}/admin/payments?lang=fr`);
    await byTestId('payment-row').first().waitFor();
    await expect.poll(() => byTestId('payment-terms').first().textContent()).toContain('CHAPEAU-20 −6,00');
    expect(await byTestId('payment-terms').first().textContent()).toContain('Prix libre 30,00');
    await shootBothSizes(admin, artifacts, 'admin-payments-discount');
    await admin.goto(`${node.url}/admin/promos?lang=fr`);
    await expect.poll(() => byTestId('promo-used').textContent()).toContain('1 / 2');
    expect(errors).toEqual([]);
  });
});
