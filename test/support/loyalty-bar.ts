// A one-node bar with a coffee loyalty program, for the loyalty tests: cards of c1 (the first
// topped up with 50.00 local), a coffee (10 % VAT) and a crêpe (5.5 %), a stamp per coffee,
// rewards "free-coffee" (9 stamps) and "two-euros" (5 stamps, 2.00 off).
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock/port.js';
import { createMemoryStore } from '../../core/store/memory.js';
import { moneyNode, seedCards, type MoneyNode } from './money.js';

export interface LoyaltyBar {
  node: MoneyNode;
  uids: string[];
  posId: string;
  coffee: string;
  crepe: string;
}

export async function loyaltyBar(options: { cards: number; clock?: Clock; program?: Record<string, unknown> }): Promise<LoyaltyBar> {
  const node = await moneyNode(createMemoryStore(), { groupCommitMs: 1, clock: options.clock });
  const uids = await seedCards(node, 'c1', options.cards);
  const posId = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
  const coffee = (await node.catalog.createProduct('c1', { name: 'Café', category: 'Cafés', price: 200, vatRate: 1000 }))._id;
  const crepe = (await node.catalog.createProduct('c1', { name: 'Crêpe', category: 'Food', price: 450, vatRate: 550 }))._id;
  await node.catalog.assign(posId, coffee, 'c1');
  await node.catalog.assign(posId, crepe, 'c1');
  await node.pass.topUp({ txId: randomUUID(), cardUid: uids[0], asset: 'local', amount: 5000, method: 'cash', collectiveId: 'c1', posId });
  await node.loyalty.configure('c1', {
    name: 'Carte café',
    stamps: { categories: ['Cafés'] },
    rewards: [
      { id: 'free-coffee', name: 'Café offert', cost: 9, productId: coffee },
      { id: 'two-euros', name: '2 € offerts', cost: 5, discount: 200 },
    ],
    ...options.program,
  });
  return { node, uids, posId, coffee, crepe };
}
