// Demo Lespass: each collective gets two published events in the coming weeks (one free,
// one paid with a members' price) and a yearly membership; the radio also offers a monthly
// subscription. Sign-in links of the public go to the outbox (data/outbox) in embedded mode.
import type { Core } from '../runtime/boot.js';

/** The part of the demo seed this step reads and extends. */
interface SeedSoFar {
  collectives: Array<{ _id: string; name: string; slug: string }>;
  notes: string[];
}

const day = 86_400_000;

const programme = [
  { free: 'Atelier vélo', paid: 'Concert du samedi', place: 'Grande salle' },
  { free: 'Répétition publique', paid: 'Spectacle sous chapiteau', place: 'Chapiteau' },
  { free: 'Émission en public', paid: 'Soirée du festival d’été', place: 'Studio et jardin' },
];

export async function seedLespass(core: Core, seed: SeedSoFar): Promise<void> {
  const { events } = core.lespass.ticketing;
  const eveningOf = (daysAhead: number) => {
    const d = new Date(core.clock.now() + daysAhead * day);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 18); // 19:00 or 20:00 in Paris
  };
  for (const [i, c] of seed.collectives.entries()) {
    const plan = programme[i % programme.length];
    const freeAt = eveningOf(3 + i);
    const free = await events.create(c._id, { title: plan.free, description: `${plan.free} — entrée libre sur réservation.`, place: plan.place, startsAt: freeAt, endsAt: freeAt + 2 * 3_600_000, capacity: 40, published: true });
    await events.addPrice(c._id, free._id, { name: 'Entrée libre', amount: 0 });
    const paidAt = eveningOf(10 + 2 * i);
    const paid = await events.create(c._id, { title: plan.paid, description: `${plan.paid} — ${c.name}.`, place: plan.place, startsAt: paidAt, endsAt: paidAt + 4 * 3_600_000, capacity: 120, published: true });
    await events.addPrice(c._id, paid._id, { name: 'Plein tarif', amount: 1500 });
    await events.addPrice(c._id, paid._id, { name: 'Adhérent·e', amount: 1000, membersOnly: true });
    await events.addPrice(c._id, paid._id, { name: 'Solidaire', amount: 500, quota: 20 });
    await core.lespass.memberships.products.create(c._id, {
      name: 'Adhésion annuelle',
      description: `Soutenez ${c.name} et profitez du tarif adhérent·e.`,
      price: 1000,
      durationDays: 365,
      fields: [{ key: 'city', label: 'Ville', kind: 'text', required: false }],
    });
    if (i === 2) await core.lespass.memberships.products.create(c._id, { name: 'Abonnement soutien', description: 'Chaque mois, un coup de pouce à la radio.', price: 500, period: 'month' });
  }
  const sites = seed.collectives.map((c) => `/${c.slug}`).join(', ');
  seed.notes.push(`Lespass sites: ${sites} (agenda, memberships, booking; sign-in links are written to the outbox)`);
}
