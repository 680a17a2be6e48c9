// A Lespass site for browser tests: an app node on a known port (the checkout and sign-in links
// it writes must point back at it) serving the built UI, with the background work running
// in-process (payments, mails to `${DATA_DIR}/outbox`), and a village of two collectives with
// a profile, images, memberships, events and Pass cards made through the admin API.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { startBackgroundWork } from '../../workers/start.js';
import { boot, collectiveWithAdmin, login, type BootedNode } from './boot.js';
import { freePort } from './free-port.js';

export interface SiteNode extends BootedNode {
  dataDir: string;
  /** Sign-in links mailed so far to this address, oldest first. */
  magicLinks(email: string): Promise<string[]>;
}

export async function bootSite(uiDir: string): Promise<SiteNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pass-lespass-'));
  const port = await freePort();
  const node = await boot({ uiDir, env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, GROUP_COMMIT_MS: '1' } });
  await startBackgroundWork(node.core);
  const outbox = join(dataDir, 'outbox');
  return {
    ...node,
    dataDir,
    async magicLinks(email) {
      const links: string[] = [];
      const files = readdirSafe(outbox).sort();
      for (const file of files) {
        const mail = await simpleParser(readFileSync(join(outbox, file)));
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(',') : (mail.to?.text ?? '');
        const link = /https?:\/\/\S+\/api\/auth\/magic\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
        if (link && to.includes(email)) links.push(link);
      }
      return links;
    },
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Village {
  home: { collectiveId: string; slug: string; name: string; cookie: string; email: string; password: string };
  neighbour: { collectiveId: string; slug: string; name: string; cookie: string };
  membershipId: string;
  cardNumbers: string[];
}

const day = 86_400_000;

/** La Fourmilière (branded, with photos, memberships, two cards) and Radio Piaf in one village. */
export async function seedVillage(node: BootedNode, uiDir: string): Promise<Village> {
  writeImages(uiDir);
  const { core } = node;
  const village = await core.villages.create({ name: 'Village des Possibles', description: 'Trois collectifs voisins.' });
  const home = await collectiveWithAdmin(core, 'La Fourmilière');
  await core.collectives.update(home.collectiveId, {
    description: 'Tiers-lieu associatif : ateliers, cantine et concerts le week-end.\nOuvert du mercredi au dimanche.',
    colours: { primary: '#b5462b', secondary: '#f2c14e' },
    logoUrl: '/test-img/logo.svg',
    images: ['/test-img/hall.svg', '/test-img/garden.svg', '/test-img/stage.svg'],
  });
  await core.villages.join(home.collectiveId, village._id);
  await core.currencies.defineCollectiveCurrencies(home.collectiveId, 'Fourmi', 'La Fourmilière');
  const neighbour = await collectiveWithAdmin(core, 'Radio Piaf');
  await core.collectives.update(neighbour.collectiveId, { colours: { primary: '#1f6f5c', secondary: '#e94f37' } });
  await core.villages.join(neighbour.collectiveId, village._id);
  const homeCookie = await login(node.url, home.email, home.password);
  const neighbourCookie = await login(node.url, neighbour.email, neighbour.password);

  const call = (cookie: string, path: string, body: unknown) => adminCall(node.url, cookie, 'POST', path, body);
  const membership = await call(homeCookie, `/api/collectives/${home.collectiveId}/membership-products`, {
    name: 'Adhésion annuelle',
    description: 'Soutenez le lieu, votez à l’assemblée, tarifs adhérent·es aux concerts.',
    price: 1500,
    durationDays: 365,
    fields: [{ key: 'size', label: 'Taille de T-shirt', kind: 'choice', required: true, options: ['S', 'M', 'L'] }],
  });
  await call(homeCookie, `/api/collectives/${home.collectiveId}/membership-products`, {
    name: 'Abonnement cantine',
    description: 'Un repas par semaine.',
    price: 3200,
    period: 'month',
  });
  await call(neighbourCookie, `/api/collectives/${neighbour.collectiveId}/membership-products`, { name: 'Soutien Radio Piaf', price: 1000, durationDays: 365 });

  const now = Date.now();
  await createEvent(
    node.url,
    homeCookie,
    home.collectiveId,
    {
      title: 'Atelier vélo',
      place: 'Cour',
      startsAt: now + 2 * day,
      endsAt: now + 2 * day + 3 * 3_600_000,
      capacity: 12,
      published: true,
    },
    [{ name: 'Participation libre', amount: 0 }],
  );
  await createEvent(
    node.url,
    neighbourCookie,
    neighbour.collectiveId,
    {
      title: 'Soirée radio ouverte',
      place: 'Studio',
      startsAt: now + 4 * day,
      endsAt: now + 4 * day + 4 * 3_600_000,
      capacity: 80,
      published: true,
    },
    [{ name: 'Entrée', amount: 500 }],
  );

  const cardNumbers = ['FOUR-0001', 'FOUR-0002'];
  for (const [i, number] of cardNumbers.entries()) await core.pass.registerCard({ uid: `F0F0000${i + 1}`, number, issuerId: home.collectiveId });
  return {
    home: { collectiveId: home.collectiveId, slug: home.slug, name: 'La Fourmilière', cookie: homeCookie, email: home.email, password: home.password },
    neighbour: { collectiveId: neighbour.collectiveId, slug: neighbour.slug, name: 'Radio Piaf', cookie: neighbourCookie },
    membershipId: membership.membership.id,
    cardNumbers,
  };
}

/** An event and its prices, made as an admin makes them (the admin API); returns the event as the API shows it. */
export async function createEvent(url: string, cookie: string, collectiveId: string, event: Record<string, unknown>, prices: Array<Record<string, unknown>>): Promise<any> {
  const made = (await adminCall(url, cookie, 'POST', `/api/collectives/${collectiveId}/events`, event)).event;
  let latest = made;
  for (const price of prices) latest = (await adminCall(url, cookie, 'POST', `/api/collectives/${collectiveId}/events/${made.id}/prices`, price)).event;
  return latest;
}

export async function adminCall(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => undefined);
  if (!res.ok) throw Object.assign(new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(data)}`), { status: res.status, data });
  return data;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
}

/** Pictures served next to the built UI, so the site shows a logo and photos offline. */
function writeImages(uiDir: string): void {
  const dir = join(uiDir, 'test-img');
  mkdirSync(dir, { recursive: true });
  const scene = (sky: string, ground: string, shape: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect width="400" height="300" fill="${sky}"/><circle cx="320" cy="70" r="38" fill="#f2c14e"/><rect y="200" width="400" height="100" fill="${ground}"/>${shape}</svg>`;
  writeFileSync(
    join(dir, 'logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#fff"/><circle cx="22" cy="34" r="10" fill="#b5462b"/><circle cx="38" cy="30" r="8" fill="#b5462b"/><circle cx="50" cy="26" r="6" fill="#b5462b"/></svg>',
  );
  writeFileSync(
    join(dir, 'hall.svg'),
    scene('#9cc5e8', '#7a5b3a', '<rect x="60" y="120" width="200" height="110" fill="#b5462b"/><polygon points="50,125 160,60 270,125" fill="#6f2a19"/>'),
  );
  writeFileSync(join(dir, 'garden.svg'), scene('#bfe3c0', '#3f7d3a', '<circle cx="100" cy="180" r="50" fill="#2e6b2a"/><circle cx="190" cy="170" r="60" fill="#357a30"/>'));
  writeFileSync(
    join(dir, 'stage.svg'),
    scene('#2b2340', '#3a2f2a', '<rect x="80" y="150" width="240" height="60" fill="#5b2a86"/><circle cx="200" cy="120" r="22" fill="#f7b32b"/>'),
  );
}
