// The Content-Security-Policy (gateways/http/security-headers.ts) in real Chromium: every web
// app, served by an app node from a fresh build, renders with no CSP violation and no page
// error; the admin signs in and opens the dashboard (its live socket too) under the policy.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSignIn } from './support/admin-page.js';
import { boot, collectiveWithAdmin, type BootedNode } from './support/boot.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';

describe('the built UIs under the Content-Security-Policy', () => {
  let ui: { dir: string; remove(): void };
  let node: BootedNode;
  let browser: TestBrowser;
  let admin: Awaited<ReturnType<typeof collectiveWithAdmin>>;

  beforeAll(async () => {
    [ui, browser] = await Promise.all([buildUi(['home', 'lespass', 'admin', 'laboutik', 'display', 'dashboard']), launchChromium()]);
    node = await boot({ uiDir: ui.dir });
    admin = await collectiveWithAdmin(node.core, 'Festival Sous Politique');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  /** A page that records CSP violations (the browser's own event) and errors. */
  async function watched(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => problems.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`CSP ${e.violatedDirective} blocked ${e.blockedURI}`),
      );
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()) && problems.push(msg.text()));
    return { page, problems };
  }

  const rendered = (page: Page, tag: string) => page.waitForFunction((t) => (document.querySelector(t)?.shadowRoot?.childElementCount ?? 0) > 0, tag, { timeout: 20_000 });

  it.each([
    ['/', 'home-app'],
    ['/SLUG', 'lespass-app'],
    ['/SLUG/account', 'lespass-app'],
    ['/laboutik/', 'laboutik-app'],
    ['/display/', 'display-app'],
    ['/admin/', 'admin-app'],
  ])('%s renders with no CSP violation', async (path, tag) => {
    const { page, problems } = await watched();
    const res = await page.goto(`${node.url}${path.replace('SLUG', admin.slug)}`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await rendered(page, tag);
    await page.waitForTimeout(300); // late styles, images and sockets
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the admin signs in and the live dashboard connects, with no CSP violation', async () => {
    const { page, problems } = await watched();
    await page.goto(`${node.url}/admin/?lang=en`);
    await submitSignIn(page, admin.email, admin.password);
    await expect.poll(() => page.locator('[data-testid="signed-in-as"]').textContent(), { timeout: 20_000 }).toContain(admin.email);
    await page.goto(`${node.url}/dashboard/?collective=${admin.collectiveId}`);
    await rendered(page, 'dashboard-app');
    await page.waitForTimeout(500);
    expect(problems).toEqual([]);
    await page.close();
  });
});
