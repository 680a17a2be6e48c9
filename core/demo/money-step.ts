// Demo money and points of sale: each collective gets its local currency, two points of sale
// with products and a terminal pairing code; 20 Pass cards are issued with some balance; the
// village collectives accept some of each other's currencies; each collective has a loyalty
// program (a stamp per coffee, the 10th free).
import { randomUUID } from 'node:crypto';
import { localAsset } from '../money/assets.js';
import { printedClaimCode } from '../pass/index.js';
import type { Core } from '../runtime/boot.js';

/** The part of the demo seed this step reads and extends. */
interface SeedSoFar {
  collectives: Array<{ _id: string; name: string }>;
  notes: string[];
}

const localNames = ['Fourmi', 'Chapito', 'Piaf'];

const products = [
  { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000, colour: '#f2c14e' },
  { name: 'Limonade', category: 'Boissons', price: 250, vatRate: 550, colour: '#9bd1e5' },
  { name: 'Café', category: 'Boissons', price: 150, vatRate: 1000, colour: '#6f4e37' },
  { name: 'Crêpe', category: 'Cuisine', price: 400, vatRate: 1000, colour: '#e8a87c' },
  { name: 'Sandwich', category: 'Cuisine', price: 600, vatRate: 1000, colour: '#c38d9e' },
  { name: 'T-shirt', category: 'Boutique', price: 1500, vatRate: 2000, colour: '#41b3a3' },
];

export async function seedMoney(core: Core, seed: SeedSoFar): Promise<void> {
  const [first, second, third] = seed.collectives;
  for (const [i, c] of seed.collectives.entries()) {
    await core.currencies.defineCollectiveCurrencies(c._id, localNames[i] ?? `Sou ${c.name}`, c.name);
  }
  const now = core.clock.now();
  await core.currencies.setAcceptance(first._id, localAsset(third._id), true, now);
  await core.currencies.setAcceptance(second._id, localAsset(first._id), true, now);
  await core.currencies.setAcceptance(second._id, localAsset(third._id), true, now);

  const barOf = new Map<string, string>();
  for (const c of seed.collectives) {
    const made = await Promise.all(products.map((p) => core.catalog.createProduct(c._id, p)));
    const coffee = made.find((p) => p.name === 'Café')!;
    await core.loyalty.configure(c._id, {
      name: `Fidélité ${c.name}`,
      stamps: { productIds: [coffee._id], categories: [] },
      expiryDays: 365,
      rewards: [
        { id: 'cafe-offert', name: 'Café offert', cost: 9, productId: coffee._id },
        { id: 'deux-euros', name: '2 € offerts', cost: 20, discount: 200 },
      ],
    });
    for (const posName of ['Bar', 'Cantine']) {
      const pos = await core.catalog.createPos(c._id, { name: posName });
      if (!barOf.has(c._id)) barOf.set(c._id, pos._id);
      for (const [order, product] of made.entries()) await core.catalog.assign(pos._id, product._id, c._id, { order });
      const { pairingCode } = await core.terminals.createTerminal(pos._id, c._id, `${posName} tablette`);
      seed.notes.push(`${c.name} / ${posName}: terminal pairing code ${pairingCode} (valid 10 min; admins make new ones)`);
    }
  }

  const uids: string[] = [];
  const claims: string[] = [];
  for (let i = 1; i <= 20; i++) {
    const issuer = seed.collectives[(i - 1) % seed.collectives.length];
    const uid = `A0${i.toString(16).toUpperCase().padStart(6, '0')}`;
    const card = await core.pass.registerCard({ uid, number: `PASS-${String(i).padStart(4, '0')}`, issuerId: issuer._id });
    if (i <= 3) claims.push(`${card.number} ${printedClaimCode(card.claimCode!)}`);
    await core.pass.topUp({ txId: randomUUID(), cardUid: uid, asset: 'global', amount: 2000, method: 'stripe', collectiveId: issuer._id });
    if (i % 2 === 0) await core.pass.topUp({ txId: randomUUID(), cardUid: uid, asset: 'local', amount: 1000, method: 'cash', collectiveId: issuer._id, posId: barOf.get(issuer._id) });
    uids.push(uid);
  }
  seed.notes.push('Loyalty at each collective: a stamp per coffee, the 10th is free (reward "cafe-offert", 9 stamps); stamps expire after a year without use');
  await core.pass.giveGift({ txId: randomUUID(), cardUid: uids[0], amount: 500, collectiveId: first._id });
  seed.notes.push(`20 Pass cards: UIDs ${uids[0]} … ${uids[uids.length - 1]} (numbers PASS-0001 … PASS-0020), 20.00 global each, 10.00 local on even ones`);
  // What is printed on the back of a card: linking one to an online account needs both.
  seed.notes.push(`Claim codes (link a Pass on a Lespass account): ${claims.join(', ')}; all in the admin's cards export`);
}
