import { afterEach, describe, expect, it } from 'vitest';
import { api, bootLespass, type LespassNode } from '../../test/support/lespass.js';
import { seedDemo } from './seed.js';

describe('demo Lespass', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('gives each demo site an agenda with free and member prices, and memberships across the village', async () => {
    node = await bootLespass();
    const seed = await seedDemo(node.core);
    const [first] = seed.collectives;
    const agenda = await api(node, 'GET', `/api/sites/${first.slug}/agenda?scope=village`);
    expect(agenda.body.events).toHaveLength(6);
    expect(agenda.body.events.flatMap((e: { prices: Array<{ membersOnly: boolean; amount: number }> }) => e.prices).some((p: { membersOnly: boolean }) => p.membersOnly)).toBe(true);
    const memberships = await api(node, 'GET', `/api/sites/${first.slug}/memberships`);
    expect(memberships.body.mine).toHaveLength(1);
    expect(memberships.body.village.flatMap((v: { memberships: unknown[] }) => v.memberships)).toHaveLength(3);
    expect(seed.notes.some((n) => n.startsWith('Lespass sites:'))).toBe(true);
  });
});
