// Demo data for `npm start` (SEED_DEMO): a village of three collectives, an admin for each and
// an operator. Later steps (money, points of sale, cards, events) append to `demoSteps`; each
// step gets the seed so far and adds what it made, and the logins to print.
import { randomBytes } from 'node:crypto';
import type { Collective, Village } from '../collectives/types.js';
import type { Core } from '../runtime/boot.js';
import { seedLespass } from './lespass-step.js';
import { seedMoney } from './money-step.js';

export interface DemoLogin {
  role: 'operator' | 'collective-admin';
  email: string;
  password: string;
  /** The collective a collective-admin manages. */
  collective?: { id: string; name: string; slug: string };
}

export interface DemoSeed {
  village: Village;
  collectives: Collective[];
  logins: DemoLogin[];
  /** Extra lines for the start-up banner (e.g. "20 Pass cards: A0000000 …"). */
  notes: string[];
}

export type DemoStep = (core: Core, seed: DemoSeed) => Promise<void>;

export const demoCollectives = [
  { name: 'La Fourmilière', description: 'Tiers-lieu associatif : ateliers, cantine et concerts le week-end.', colours: { primary: '#b5462b', secondary: '#f2c14e' } },
  { name: 'Le Chapiteau', description: 'Cirque et spectacles sous chapiteau, buvette et restauration.', colours: { primary: '#5b2a86', secondary: '#f7b32b' } },
  { name: 'Radio Piaf', description: 'Radio associative : émissions, soirées et festival d’été.', colours: { primary: '#1f6f5c', secondary: '#e94f37' } },
];

/** The steps run in order by seedDemo, after the village: list new ones here. */
export const demoSteps: DemoStep[] = [seedMoney, seedLespass];

/** Seeds the demo and returns what it made, with the credentials to print. */
export async function seedDemo(core: Core): Promise<DemoSeed> {
  const village = await core.villages.create({ name: 'Village des Possibles', description: 'Trois collectifs voisins qui partagent agenda, adhésions et monnaie locale.' });
  const seed: DemoSeed = { village, collectives: [], logins: [], notes: [] };
  for (const input of demoCollectives) {
    const created = await core.collectives.create({ ...input, timezone: 'Europe/Paris' });
    seed.collectives.push(await core.villages.join(created._id, village._id));
    const login: DemoLogin = {
      role: 'collective-admin',
      email: `admin@${created.slug}.demo`,
      password: demoPassword(),
      collective: { id: created._id, name: created.name, slug: created.slug },
    };
    await core.accounts.create({ role: 'collective-admin', collectiveId: created._id, email: login.email, password: login.password, name: `Admin ${created.name}` });
    seed.logins.push(login);
  }
  const operator: DemoLogin = { role: 'operator', email: 'operator@pass.demo', password: demoPassword() };
  await core.accounts.create({ role: 'operator', email: operator.email, password: operator.password, name: 'Operator' });
  seed.logins.push(operator);
  for (const step of demoSteps) await step(core, seed);
  return seed;
}

/** Whether to seed: `yes` always, `no` never, `auto` only an empty embedded store (never a real MongoDB by surprise): a second start on the same SQLite file finds the data and seeds nothing. */
export async function shouldSeedDemo(core: Core): Promise<boolean> {
  const mode = core.config.SEED_DEMO;
  if (mode !== 'auto') return mode === 'yes';
  return core.adapters.storeKind !== 'mongo' && (await core.collectives.count()) === 0;
}

// Fresh for each seed: a guessable password must never reach a store that outlives the demo
// (the SQLite file does). The store keeps only its hash; the banner prints it this once.
function demoPassword(): string {
  return `demo-${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;
}
