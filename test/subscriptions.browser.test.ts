// Recurring subscriptions in real Chromium: a signed-in holder takes a subscription with
// automatic renewal from the memberships page (a guest is told to sign in first), pays the
// first period through the demo checkout, sees it running on their account and cancels it
// there (effective at the period end); the admin sees its status per member.
// Screenshots go to test-artifacts/subscriptions/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPage, shootBothSizes, submitSignIn } from './support/admin-page.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { bootSite, seedVillage, type SiteNode, type Village } from './support/lespass-site.js';

const artifacts = 'test-artifacts/subscriptions';

describe('recurring subscriptions in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: SiteNode;
  let browser: TestBrowser;
  let v: Village;
  let productId: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    ui = await buildUi(['lespass', 'admin']);
    node = await bootSite(ui.dir);
    v = await seedVillage(node, ui.dir);
    productId = (await node.core.lespass.memberships.products.list([v.home.collectiveId])).find((p) => p.period === 'month' && p.price > 0)!._id;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${node.url}${path}`);
    return page;
  }

  it('a holder subscribes with automatic renewal, sees it running, cancels it at the period end; the admin sees each status', async () => {
    const page = await open(`/${v.home.slug}/memberships?lang=fr`);
    await page.getByTestId(`recurring-${productId}`).click();
    await expect.poll(() => page.getByTestId('recurring-error').textContent()).toContain('Connectez-vous');

    await page.goto(`${node.url}/${v.home.slug}/account?lang=fr`);
    await page.getByTestId('field-login-email').fill('abo@example.org');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('link-sent').waitFor();
    let links: string[] = [];
    await expect.poll(async () => (links = await node.magicLinks('abo@example.org')).length, { timeout: 10_000 }).toBe(1);
    await page.goto(links[0]);
    await page.getByTestId('account-email').waitFor();
    expect(await page.getByTestId('no-subscriptions').textContent()).toContain('Aucun');

    await page.goto(`${node.url}/${v.home.slug}/memberships?lang=fr`);
    await page.getByTestId(`recurring-${productId}`).click();
    await page.waitForURL('**/demo-checkout/**');
    await page.getByRole('button', { name: /Payer/ }).click();
    await page.waitForURL(`**/${v.home.slug}/account?subscription=*`);
    // The first invoice is paid right after the checkout: the page shows it once processed.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('account-email').waitFor();
          return page
            .locator('[data-testid="subscription"]')
            .getAttribute('data-status', { timeout: 2_000 })
            .catch(() => null);
        },
        { timeout: 15_000 },
      )
      .toBe('active');
    expect(await page.getByTestId('subscription-date').textContent()).toContain('Renouvelé le');
    await page.screenshot({ path: `${artifacts}/account-running-390.png`, fullPage: true });

    await page.getByTestId('subscription-cancel').click();
    await page.getByTestId('subscription-cancel-confirm').click();
    await expect.poll(() => page.getByTestId('subscription').getAttribute('data-status')).toBe('cancelling');
    expect(await page.getByTestId('subscription-status').textContent()).toContain('fin de la période payée');
    await page.screenshot({ path: `${artifacts}/account-cancelled-390.png`, fullPage: true });
    await page.close();

    const errors: string[] = [];
    const admin = await adminPage(browser, errors);
    admin.setDefaultTimeout(10_000);
    await admin.goto(`${node.url}/admin/subscriptions?lang=fr`);
    await admin.getByTestId('login-form').waitFor();
    await submitSignIn(admin, v.home.email, v.home.password);
    await admin.getByTestId('subscription-row').waitFor();
    expect(await admin.getByTestId('subscription-row').getAttribute('data-status')).toBe('cancelling');
    expect(await admin.getByTestId('subscription-row').textContent()).toContain('abo@example.org');
    await shootBothSizes(admin, artifacts, 'admin-subscriptions');
    expect(errors).toEqual([]);
  });
});
