// The admin panel in a test browser: a page that records its errors, screenshots at the two sizes
// the admin tests check, and the sign-in form filled in.
import type { Page } from 'playwright-core';
import type { TestBrowser } from './browser.js';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/**
 * A new page whose uncaught errors and console errors are pushed to `errors`. Refused requests
 * the screens handle (the 401 of /api/auth/me before sign-in, a wrong password, an aborted
 * request) are logged by the browser as failed loads: not page errors.
 */
export async function adminPage(browser: TestBrowser, errors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && !msg.text().startsWith('Failed to load resource') && errors.push(msg.text()));
  return page;
}

/** `<dir>/<name>-1280.png` at desktop size and `<dir>/<name>-390.png` at phone size; the page is left at desktop size. */
export async function shootBothSizes(page: Page, dir: string, name: string): Promise<void> {
  await page.screenshot({ path: `${dir}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize(phone);
  await page.screenshot({ path: `${dir}/${name}-390.png`, fullPage: true });
  await page.setViewportSize(desktop);
}

/** Fills the sign-in form and submits it; the caller waits for what should follow. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.locator('[data-testid="login-email"]').fill(email);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
}
