// The door on a volunteer's phone, in real Chromium with a fake camera showing a ticket's QR
// (Chromium's --use-file-for-fake-video-capture, a Y4M drawn from the signed code): pairing with
// the admin's 6-digit code, a green entry with the holder's name and rate read from the camera
// (jsQR), red for the same ticket again, the live counter; then the network drops: a ticket typed
// by its short code is let in from the phone's signed list, and when the network is back the
// sync reports it as a double entry because another door had let it in meanwhile.
// Screenshots: test-artifacts/door/ at 360x740 (phone) and 1280x800 (desktop).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi, launchChromium, type TestBrowser } from './support/browser.js';
import { submitSignIn } from './support/admin-page.js';
import { doorApi, doorWithTickets, pairedScanner, type DoorSetUp } from './support/door.js';
import { fakeCameraArgs, writeQrVideo } from './support/fake-camera.js';
import { bootLespass, type LespassNode } from './support/lespass.js';

const artifacts = 'test-artifacts/door';
const phone = { width: 360, height: 740 };

describe('the door in the browser', () => {
  let ui: { dir: string; remove(): void };
  let node: LespassNode;
  let browser: TestBrowser;
  let door: DoorSetUp;
  let tmp: string;
  let pairingCode = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'pass-door-'));
    ui = await buildUi(['door', 'admin']);
    node = await bootLespass({ uiDir: ui.dir });
    door = await doorWithTickets(node, 3);
    const video = join(tmp, 'ticket.y4m');
    writeQrVideo(video, door.tickets[0].code);
    browser = await launchChromium(fakeCameraArgs(video));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
    ui?.remove();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const result = (page: Page) => page.getByTestId('door-result');

  it('the admin creates a door phone for an event and is shown its pairing code', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${node.url}/admin/door?lang=fr`);
    await submitSignIn(page, door.email, door.password);
    await page.getByTestId('door-phones').getByLabel('Nom du téléphone (ex. Porte nord)').fill('Porte nord');
    await page.getByTestId('door-phones').getByLabel(/Bal folk/).check();
    await page.getByTestId('door-phone-create').click();
    await expect.poll(() => page.getByTestId('door-phone-code').innerText(), { timeout: 10_000 }).toMatch(/Porte nord.*\d{6}/);
    pairingCode = /(\d{6})/.exec(await page.getByTestId('door-phone-code').innerText())![1];
    await expect.poll(() => page.getByTestId('door-phone-list').innerText()).toContain('Porte nord · en attente d’association · Bal folk');
    await page.getByTestId('door-phones').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}/admin-phones-desktop.png` });
    await page.close();
  }, 60_000);

  it('reads the QR from the camera, lets the ticket in once, and reports an offline entry made twice', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(phone);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${node.url}/door/?lang=fr`);
    await page.getByTestId('pairing-code').fill(pairingCode);
    await page.screenshot({ path: `${artifacts}/pair-phone.png` });
    await page.getByRole('button', { name: 'Associer' }).click();
    await page.getByTestId('event-choice').click();

    // The camera shows ticket 0: green, with the holder's name and rate.
    await expect.poll(() => result(page).getAttribute('data-ok'), { timeout: 20_000 }).toBe('true');
    await expect.poll(() => result(page).innerText()).toContain('Entrée validée');
    expect(await page.getByTestId('door-holder').innerText()).toBe(door.tickets[0].holder);
    expect(await result(page).innerText()).toContain('Plein tarif');
    await expect.poll(() => page.getByTestId('door-counter').innerText(), { timeout: 10_000 }).toContain('Entrées : 1 / 3');
    await page.screenshot({ path: `${artifacts}/entered-phone.png` });

    // Still in front of the camera a few seconds later: the same ticket is refused.
    await expect.poll(() => result(page).getAttribute('data-ok'), { timeout: 20_000 }).toBe('false');
    expect(await result(page).innerText()).toContain('Déjà entré');
    await page.screenshot({ path: `${artifacts}/refused-phone.png` });
    await page.getByTestId('camera-toggle').click();

    // The phone keeps the signed list; the network drops.
    await expect.poll(() => page.getByTestId('door-status').innerText(), { timeout: 15_000 }).toContain('Liste de 3 billets');
    // Meanwhile the south door (online) lets ticket 1 in.
    const south = await pairedScanner(node, door, 'Porte sud');
    expect((await doorApi(node, south, 'POST', '/api/door/scans', { scanId: 'scan-south-b1', eventId: door.eventId, code: door.tickets[1].code })).body.result).toBe('entered');
    await browser.context.setOffline(true);
    const short = door.tickets[1].shortCode!;
    await page.getByTestId('typed-code').fill(`${short.slice(0, 5)}-${short.slice(5)}`.toLowerCase());
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await expect.poll(() => result(page).innerText(), { timeout: 10_000 }).toContain('Entrée validée (hors ligne)');
    expect(await page.getByTestId('door-holder').innerText()).toBe(door.tickets[1].holder);
    await expect.poll(() => page.getByTestId('door-status').innerText()).toContain('passages à envoyer : 1');
    await page.screenshot({ path: `${artifacts}/offline-phone.png` });
    // The same phone never lets it in twice, even offline.
    await page.getByTestId('typed-code').fill(short);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await expect.poll(() => result(page).innerText()).toContain('Déjà entré');

    // Back online: the sync reports the phone's (later) entry as a double entry.
    await browser.context.setOffline(false);
    await expect.poll(() => page.getByTestId('doubles-reported').isVisible().catch(() => false), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('door-counter').innerText(), { timeout: 10_000 }).toContain('doubles entrées : 1');
    expect(await page.getByTestId('door-counter').innerText()).toContain('Entrées : 2 / 3');
    await page.screenshot({ path: `${artifacts}/double-phone.png` });
    const doubles = await fetch(`${node.url}/api/collectives/${door.collectiveId}/events/${door.eventId}/double-entries`, { headers: { cookie: door.cookie } }).then((r) => r.json());
    expect(doubles.doubleEntries).toEqual([expect.objectContaining({ scannerName: 'Porte nord', ticketId: door.tickets[1]._id, offline: true })]);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${artifacts}/double-desktop.png` });
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);
});
