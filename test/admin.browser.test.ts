// The admin panel in real Chromium against an app node serving the built admin UI. A collective
// admin signs in, creates a point of sale and a product priced "3,50" (typed the French way),
// offers it at the POS and creates a terminal whose pairing code the screen shows big. That code
// pairs a terminal over HTTP (protocol v1), which sells over a real Socket.IO client; the admin
// then closes the register and reads the Z ticket: its total must be what was sold, and the
// stored Z and the ledger must agree. Screenshots at 1280x800 and 390x844 go to
// test-artifacts/admin/.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../core/money/verify.js';
import { adminPage, shootBothSizes, submitSignIn } from './support/admin-page.js';
import { boot, collectiveWithAdmin } from './support/boot.js';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { buyer } from './support/lespass.js';
import type { LaBoutikCore } from './support/laboutik.js';

const artifacts = 'test-artifacts/admin';
/** French money as formatMoney writes it ("7,00" then a no-break space and €). */
const euros = (amount: string) => new RegExp(`(^|[^\\d,])${amount}\\s€`);

describe('admin panel in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: Awaited<ReturnType<typeof boot>>;
  let core: LaBoutikCore;
  let browser: TestBrowser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let terminal: Socket | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [ui, browser] = await Promise.all([buildUi(['admin']), launchChromium()]);
    node = await boot({ uiDir: ui.dir, env: { GROUP_COMMIT_MS: '1' } });
    core = node.core as LaBoutikCore;
    admin = await collectiveWithAdmin(core, 'Festival des Possibles');
    await core.currencies.defineCollectiveCurrencies(admin.collectiveId, 'Possible', 'Festival des Possibles');
    page = await adminPage(browser, pageErrors);
  }, 90_000);

  afterAll(async () => {
    terminal?.close();
    await browser?.close();
    await node?.close();
    ui?.remove();
  });

  const shoot = (name: string) => shootBothSizes(page, artifacts, name);

  const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);

  it('signs a collective admin in and says who is signed in', async () => {
    await page.goto(`${node.url}/admin/?lang=fr`);
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('f-email-error').textContent()).toContain('obligatoire');
    await shoot('01-login');
    await byTestId('login-email').fill(admin.email);
    await byTestId('login-password').fill('wrong password');
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('login-error').textContent()).toContain('incorrect');
    await byTestId('login-password').fill(admin.password);
    await byTestId('login-submit').click();
    await expect.poll(() => byTestId('signed-in-as').textContent()).toContain(admin.email);
    await expect.poll(() => byTestId('collective-name').textContent()).toContain('Festival des Possibles');
    await byTestId('collective-profile').waitFor();
    await shoot('02-profile');
  });

  it('records the legal identity printed on receipts and Z tickets (a wrong SIRET is refused on the field)', async () => {
    await byTestId('field-siret').fill('1234');
    await byTestId('profile-save').click();
    await expect.poll(() => page.locator('#f-siret-error').textContent()).toContain('14 chiffres');
    await byTestId('field-address').fill('3 quai des Chartrons, 33000 Bordeaux');
    await byTestId('field-siret').fill('123 456 789 00012');
    await byTestId('field-vatNumber').fill('fr32123456789');
    await byTestId('field-fiscalYearStartMonth').fill('7');
    await byTestId('profile-save').click();
    await byTestId('profile-saved').waitFor();
    expect(await core.collectives.get(admin.collectiveId)).toMatchObject({ address: '3 quai des Chartrons, 33000 Bordeaux', siret: '12345678900012', vatNumber: 'FR32123456789', fiscalYearStartMonth: 7 });
    await shoot('02b-legal-identity');
  });

  it('creates a point of sale', async () => {
    await byTestId('nav-pos').click();
    await byTestId('pos-empty').waitFor();
    await byTestId('pos-name').fill('Bar du Lac');
    await byTestId('pos-create').click();
    await expect.poll(() => byTestId('pos-row').count()).toBe(1);
    expect(await byTestId('pos-row').textContent()).toContain('Bar du Lac');
    await shoot('03-pos-list');
  });

  it('creates a product priced "3,50" as 350 cents, refusing a third decimal next to the field', async () => {
    await byTestId('nav-products').click();
    await byTestId('product-new').click();
    await byTestId('product-name').fill('Bière pression');
    await byTestId('product-category').fill('Boissons');
    await byTestId('product-price').fill('3,505');
    await byTestId('product-save').click();
    await expect.poll(() => byTestId('f-price-error').textContent()).toContain('Deux chiffres');
    await shoot('04-product-error');
    await byTestId('product-price').fill('3,50');
    await byTestId('product-save').click();
    await expect.poll(() => byTestId('product-row').count()).toBe(1);
    expect(await byTestId('product-price-cell').textContent()).toMatch(euros('3,50'));
    const [product] = await core.catalog.listProducts(admin.collectiveId);
    expect(product).toMatchObject({ name: 'Bière pression', category: 'Boissons', price: 350, vatRate: 2000, kind: 'item', active: true });
    await shoot('05-products');
  });

  it('offers the product at the POS and shows a terminal pairing code that pairs over HTTP and sells over Socket.IO', async () => {
    await byTestId('nav-pos').click();
    await byTestId('pos-open').click();
    await byTestId('offer-add').click();
    await expect.poll(() => byTestId('offer-row').getAttribute('data-offered')).toBe('true');
    const [pos] = await core.catalog.listPos(admin.collectiveId);
    const [product] = await core.catalog.listProducts(admin.collectiveId);
    expect((await core.catalog.catalogFor(pos._id)).products).toEqual([expect.objectContaining({ id: product._id, price: 350 })]);
    await shoot('06-pos-offers');

    await byTestId('pos-tab-terminals').click();
    await byTestId('terminal-name').fill('Tablette bar');
    await byTestId('terminal-create').click();
    const code = (await byTestId('pairing-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(await byTestId('pairing-expiry').textContent()).toMatch(/Expire dans (9|10):\d\d/);
    await expect.poll(() => byTestId('terminal-row').getAttribute('data-state')).toBe('pending');
    await shoot('07-pairing-code');

    const paired = await fetch(`${node.url}/api/terminals/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairingCode: code, name: 'Tablette bar' }) });
    expect(paired.status).toBe(200);
    const { token, posId } = (await paired.json()) as { token: string; posId: string };
    expect(posId).toBe(pos._id);
    terminal = connectClient(`${node.url}/terminal`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      terminal!.once('connect', resolve);
      terminal!.once('connect_error', reject);
    });
    const catalog = await terminal.timeout(5_000).emitWithAck('catalog', {});
    expect(catalog.products).toEqual([expect.objectContaining({ id: product._id, name: 'Bière pression', price: 350 })]);
    const sale = await terminal.timeout(5_000).emitWithAck('sale', { txId: randomUUID(), lines: [{ productId: product._id, qty: 2 }], payments: [{ method: 'cash', amount: 700 }] });
    expect(sale).toMatchObject({ ok: true, total: 700, number: 1 });

    await byTestId('pos-tab-products').click();
    await byTestId('pos-tab-terminals').click();
    await expect.poll(() => byTestId('terminal-row').getAttribute('data-state')).toBe('paired');
  });

  it('closes the register with the cash counted and shows the Z ticket with the right total', async () => {
    await byTestId('pos-tab-register').click();
    await expect.poll(() => byTestId('register').getAttribute('data-state')).toBe('open');
    await byTestId('register-counted').fill('6,50');
    await byTestId('register-close').click();
    await shoot('08-register-confirm');
    await byTestId('register-close-yes').click();
    await byTestId('register-result').waitFor();
    expect(await byTestId('register-expected').textContent()).toMatch(euros('7,00'));
    expect(await byTestId('register-difference').textContent()).toMatch(/-0,50\s€/);
    expect(await byTestId('z-sales-total').textContent()).toMatch(euros('7,00'));
    expect(await byTestId('z-method-cash').textContent()).toMatch(euros('7,00'));
    expect(await byTestId('z-title').textContent()).toContain('n° 1');
    await expect.poll(() => byTestId('register').getAttribute('data-state')).toBe('closed');
    await shoot('09-register-closed');

    const [pos] = await core.catalog.listPos(admin.collectiveId);
    const [z] = await core.pos.listZ(pos._id);
    expect(z).toMatchObject({ number: 1, totals: expect.objectContaining({ sales: 700, salesCount: 1, byMethod: { cash: 700, card: 0, pass: 0 } }), grandTotal: 700 });
    expect(z.sessions[0]).toMatchObject({ expectedCash: 700, countedCash: 650, difference: -50 });
    expect((await verifyLedger(core.store)).errors).toEqual([]);

    await byTestId('pos-tab-z').click();
    await expect.poll(() => byTestId('z-row').count()).toBe(1);
    expect(await byTestId('z-row-sales').textContent()).toMatch(euros('7,00'));
    expect(await byTestId('z-chain').getAttribute('data-ok')).toBe('true');
    await byTestId('z-toggle').click();
    await byTestId('z-summary').waitFor();
    const print = await page.request.get(`${node.url}/api/pos/${pos._id}/z/1/print`);
    expect(print.status()).toBe(200);
    expect(await print.text()).toContain('Bière pression');
    await shoot('10-z-tickets');
  });

  it('reports revenue and switches the whole panel to English', async () => {
    await byTestId('nav-revenue').click();
    await expect.poll(() => byTestId('revenue-net').textContent()).toMatch(euros('7,00'));
    await shoot('11-revenue');
    await byTestId('lang-en').click();
    await expect.poll(() => byTestId('nav-revenue').textContent()).toContain('Revenue');
    await expect.poll(() => byTestId('revenue-net').textContent()).toContain('€7.00');
    await byTestId('nav-currencies').click();
    await byTestId('local-currency').waitFor();
    expect(await byTestId('local-currency-name').inputValue()).toBe('Possible');
    await shoot('12-currencies-en');
    await byTestId('lang-fr').click();
  });

  it('creates an event with a paid and a free price, lists its booking and checks a ticket in at the door once', async () => {
    await byTestId('nav-events').click();
    await byTestId('events-empty').waitFor();
    await byTestId('event-new').click();
    await byTestId('event-title').fill('Concert du Lac');
    await byTestId('event-capacity').fill('50');
    await byTestId('event-place').fill('La Grange');
    await byTestId('event-published').check();
    await byTestId('event-save').click();
    await byTestId('event-prices').waitFor();
    await byTestId('price-name').fill('Plein tarif');
    await byTestId('price-amount').fill('12,5');
    await byTestId('price-add').click();
    await expect.poll(() => byTestId('price-row').count()).toBe(1);
    await byTestId('price-name').fill('Invitation');
    await byTestId('price-free').check();
    await byTestId('price-add').click();
    await expect.poll(() => byTestId('price-row').count()).toBe(2);
    // A price is edited in the same form: its values loaded, the change saved in place.
    await byTestId('price-edit').first().click();
    expect(await byTestId('price-amount').inputValue()).toBe('12,50');
    await byTestId('price-amount').fill('13');
    await byTestId('price-quota').fill('40');
    await byTestId('price-add').click();
    await expect.poll(() => byTestId('price-row').first().textContent()).toContain('13,00');
    const [event] = await core.lespass.ticketing.events.listForAdmin(admin.collectiveId);
    const prices = await core.lespass.ticketing.events.pricesOf([event._id]);
    expect(prices.map((p) => [p.name, p.amount, p.quota])).toEqual([
      ['Plein tarif', 1300, 40],
      ['Invitation', 0, null],
    ]);
    expect(event).toMatchObject({ title: 'Concert du Lac', capacity: 50, place: 'La Grange', published: true });

    const invitation = prices.find((p) => p.amount === 0)!;
    const booked = await core.lespass.ticketing.booking.book({
      collectiveId: admin.collectiveId,
      siteSlug: admin.slug,
      eventId: event._id,
      requestId: 'admin-browser-booking',
      buyer: await buyer(core, 'gaby@test.fr'),
      lines: [{ priceId: invitation._id, qty: 2 }],
    });
    expect(booked.tickets).toHaveLength(2);
    await byTestId('events-back').click();
    await page.locator('[data-testid="event-row"] a').first().click();
    await expect.poll(() => byTestId('reservation-row').getAttribute('data-state')).toBe('confirmed');
    await shoot('13-event');

    await byTestId('nav-door').click();
    await byTestId('door-code').fill(booked.tickets[0].code);
    await byTestId('door-submit').click();
    await expect.poll(() => byTestId('door-verdict').getAttribute('data-ok')).toBe('true');
    expect(await byTestId('door-verdict').textContent()).toContain('Invitation');
    await shoot('14-door-ok');
    await byTestId('door-code').fill(booked.tickets[0].code);
    await byTestId('door-submit').click();
    await expect.poll(() => byTestId('door-verdict').getAttribute('data-code')).toBe('ALREADY_USED');
    await byTestId('door-code').fill('not-a-ticket');
    await byTestId('door-submit').click();
    await expect.poll(() => byTestId('door-verdict').getAttribute('data-code')).toBe('TICKET_INVALID');
    await byTestId('door-code').fill(booked.tickets[0].code);
    await byTestId('door-submit').click();
    await expect.poll(() => byTestId('door-verdict').getAttribute('data-code')).toBe('ALREADY_USED');
    await shoot('15-door-used');
    expect((await core.lespass.ticketing.tickets.ofReservation(booked.reservation._id)).map((t) => t.state).sort()).toEqual(['used', 'valid']);
  });

  it("accepts a village neighbour's currency, sells a membership, adds a member and lists the payments received", async () => {
    const village = await core.villages.create({ name: 'Village du Lac' });
    const neighbour = await core.collectives.create({ name: 'La Guinguette' });
    await core.villages.join(admin.collectiveId, village._id);
    await core.villages.join(neighbour._id, village._id);
    await core.currencies.defineCollectiveCurrencies(neighbour._id, 'Guinguette', 'La Guinguette');

    await byTestId('nav-village').click();
    await expect.poll(() => byTestId('village-member').count()).toBe(2);
    await byTestId('nav-currencies').click();
    const row = page.locator(`[data-testid="other-currency"][data-asset="local:${neighbour._id}"]`);
    await row.locator('[data-testid="toggle-acceptance"]').click();
    await expect.poll(() => row.locator('[data-testid="accepted-state"]').textContent()).toContain('Acceptée');
    expect(await core.currencies.acceptedBy(admin.collectiveId)).toEqual([`local:${neighbour._id}`]);
    await byTestId('local-currency-name').fill('Possible du Lac');
    await byTestId('local-currency-save').click();
    await byTestId('currency-notice').waitFor();
    expect(await core.currencies.name(`local:${admin.collectiveId}`)).toBe('Possible du Lac');
    await shoot('16-currencies');

    await byTestId('nav-memberships').click();
    await byTestId('membership-new').click();
    await byTestId('membership-name').fill('Adhésion annuelle');
    await byTestId('membership-price').fill('15');
    await byTestId('membership-save').click();
    await expect.poll(() => byTestId('membership-row').count()).toBe(1);
    const [membership] = await core.lespass.memberships.products.list([admin.collectiveId], { includeArchived: true });
    expect(membership).toMatchObject({ name: 'Adhésion annuelle', price: 1500, durationDays: 365, period: null });
    await shoot('17-memberships');

    await byTestId('nav-members').click();
    await byTestId('member-email').fill('camille@test.fr');
    await byTestId('member-name').fill('Camille');
    await byTestId('member-add-submit').click();
    await expect.poll(() => byTestId('member-row').count()).toBe(1);
    expect(await byTestId('member-row').textContent()).toContain('Camille');
    await shoot('18-members');

    await byTestId('nav-payments').click();
    // The cash sale at the bar (7,00) and the membership paid in cash (15,00).
    await expect.poll(() => byTestId('payments-net').textContent()).toMatch(euros('22,00'));
    await shoot('19-payments');
  });

  it('goes back to the sign-in form when the session ends elsewhere, and signs out with its button', async () => {
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    await byTestId('nav-products').click();
    await byTestId('login-form').waitFor();
    await submitSignIn(page, admin.email, admin.password);
    await byTestId('products-table').waitFor();
    await byTestId('sign-out').click();
    await byTestId('login-form').waitFor();
    expect((await fetch(`${node.url}/api/auth/me`)).status).toBe(401);
    expect(pageErrors).toEqual([]);
  });

  it('lets an operator pick a collective, retry a failed job and verify the ledger', async () => {
    await core.accounts.create({ role: 'operator', email: 'op@pass.test', password: 'operator-secret', name: 'Opérateur' });
    let mailerUp = false;
    await core.jobs.work('email', async () => {
      if (!mailerUp) throw new Error('SMTP unreachable');
    });
    await core.jobs.enqueue('email', 'ticket', { ticketId: 'tkt_1' }, { jobId: 'ticket:tkt_1', attempts: 1 });

    await submitSignIn(page, 'op@pass.test', 'operator-secret');
    await byTestId('pick-collective').waitFor();
    await shoot('20-operator-pick');
    await byTestId('pick').selectOption(admin.collectiveId);
    await expect.poll(() => byTestId('collective-name').textContent()).toContain('Festival des Possibles');
    expect(new URL(page.url()).searchParams.get('collective')).toBe(admin.collectiveId);

    await byTestId('nav-ops-queues').click();
    const email = page.locator('[data-testid="queue"][data-queue="email"]');
    await expect.poll(() => email.locator('[data-testid="failed-job"]').count()).toBe(1);
    expect(await email.locator('[data-testid="failed-job"]').textContent()).toContain('SMTP unreachable');
    await shoot('21-queues-failed');
    mailerUp = true;
    await email.locator('[data-testid="job-retry"]').click();
    await byTestId('queues-notice').waitFor();
    await expect.poll(async () => (await core.jobs.counts('email')).completed).toBe(1);
    await byTestId('queues-refresh').click();
    await expect.poll(() => email.locator('[data-testid="failed-job"]').count()).toBe(0);

    await byTestId('nav-ops-ledger').click();
    await byTestId('ledger-run').click();
    await expect.poll(() => byTestId('ledger-report').getAttribute('data-ok')).toBe('true');
    await shoot('22-ledger');
    expect(pageErrors).toEqual([]);
  });
});
