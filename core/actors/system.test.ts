import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../bus/memory.js';
import type { Bus } from '../bus/port.js';
import { createRedisBus } from '../bus/redis.js';
import { createMemoryLease } from '../lease/memory.js';
import type { Lease } from '../lease/port.js';
import { createRedisLease } from '../lease/redis.js';
import { AppError } from '../shared/errors.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';
import type { ActorKind } from './port.js';
import { ActorSystem, leaseKey, type ActorSystemOptions } from './system.js';

// A toy counter actor: its total lives in `world.saved` (the "store") between activations, and
// every lifecycle step is logged so tests can read the story of each counter.
type CounterMessage = { add: number; delayMs?: number } | { get: true } | { refuse: string };

interface World {
  saved: Map<string, number>;
  events: string[];
  activations: Array<{ nodeId: string; id: string; fence: number }>;
  /** Order in which `add` messages were processed, and how many ran at once at most. */
  processed: number[];
  mostAtOnce: number;
  passivateMs: number;
}

const newWorld = (): World => ({ saved: new Map(), events: [], activations: [], processed: [], mostAtOnce: 0, passivateMs: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counterKind(world: World): ActorKind<CounterMessage, number> {
  let running = 0;
  return {
    kind: 'counter',
    create(ctx) {
      let total = 0;
      return {
        async activate() {
          world.activations.push({ nodeId: ctx.nodeId, id: ctx.id, fence: ctx.fence });
          world.events.push(`activate ${ctx.id}@${ctx.nodeId}`);
          total = world.saved.get(ctx.id) ?? 0;
        },
        async receive(message) {
          if ('refuse' in message) throw new AppError('INSUFFICIENT_FUNDS', message.refuse, { missing: 5 });
          if (!('add' in message)) return total;
          world.mostAtOnce = Math.max(world.mostAtOnce, ++running);
          await sleep(message.delayMs ?? 0);
          total += message.add;
          world.processed.push(message.add);
          running--;
          return total;
        },
        async passivate() {
          world.events.push(`passivate ${ctx.id}@${ctx.nodeId}`);
          await sleep(world.passivateMs);
          world.saved.set(ctx.id, total);
          world.events.push(`saved ${ctx.id}@${ctx.nodeId}`);
        },
      };
    },
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startNode(world: World, bus: Bus, lease: Lease, options: Partial<ActorSystemOptions>): Promise<ActorSystem> {
  const system = new ActorSystem({ bus, lease, leaseTtlMs: 1_000, callTimeoutMs: 2_000, ...options }).register(counterKind(world));
  await system.start();
  cleanups.push(() => system.stop());
  return system;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('ActorSystem on the in-process bus and lease', () => {
  const memoryNode = (world: World, shared: { bus: Bus; lease: Lease }, options: Partial<ActorSystemOptions> = {}) =>
    startNode(world, shared.bus, shared.lease, options);
  const shared = () => ({ bus: createMemoryBus(), lease: createMemoryLease() });

  it('activates one actor per id however many calls race for it', async () => {
    const world = newWorld();
    const node = await memoryNode(world, shared(), { nodeId: 'n1' });
    const totals = await Promise.all(Array.from({ length: 10 }, () => node.call<number>('counter', 'c1', { add: 1 })));
    expect(totals.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await node.call('counter', 'c2', { add: 7 })).toBe(7);
    expect(world.activations.map((a) => a.id)).toEqual(['c1', 'c2']);
    expect(node.liveCount()).toBe(2);
  });

  it('two nodes sharing one bus and lease: one activation, the other node forwards', async () => {
    const world = newWorld();
    const adapters = shared();
    const [n1, n2] = [await memoryNode(world, adapters, { nodeId: 'n1' }), await memoryNode(world, adapters, { nodeId: 'n2' })];
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? n1 : n2).call<number>('counter', 'c1', { add: 1 }));
    expect((await Promise.all(calls)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(world.activations).toHaveLength(1);
    expect([n1.isLocal('counter', 'c1'), n2.isLocal('counter', 'c1')].filter(Boolean)).toHaveLength(1);
  });

  it('processes messages one at a time, in the order they were sent', async () => {
    const world = newWorld();
    const node = await memoryNode(world, shared(), { nodeId: 'n1' });
    const sent = Array.from({ length: 20 }, (_, i) => i + 1);
    // Later messages are quicker: a runtime that let them overlap would finish them first.
    const totals = await Promise.all(sent.map((n) => node.call<number>('counter', 'c1', { add: n, delayMs: (20 - n) % 4 })));
    expect(world.processed).toEqual(sent);
    expect(world.mostAtOnce).toBe(1);
    expect(totals).toEqual(sent.map((n) => (n * (n + 1)) / 2));
  });

  it('refuses calls beyond the mailbox length with OVERLOADED', async () => {
    const world = newWorld();
    const node = await memoryNode(world, shared(), { nodeId: 'n1', mailboxLength: 3 });
    await node.call('counter', 'c1', { get: true });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => node.call('counter', 'c1', { add: 1, delayMs: 30 })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect(outcomes[4]).toMatchObject({ reason: { code: 'OVERLOADED' } });
  });

  it('passivates an idle actor: saves its state, releases its lease, and reactivates on the next call', async () => {
    const world = newWorld();
    const adapters = shared();
    const node = await memoryNode(world, adapters, { nodeId: 'n1', idleMs: 100, leaseTtlMs: 300 });
    await node.call('counter', 'c1', { add: 5 });
    await waitFor(() => world.events.includes('saved c1@n1'));
    await waitFor(async () => (await adapters.lease.holder(leaseKey('counter', 'c1'))) === null);
    expect(node.liveCount()).toBe(0);
    expect(world.saved.get('c1')).toBe(5);
    expect(await node.call('counter', 'c1', { add: 1 })).toBe(6);
    expect(world.activations).toHaveLength(2);
  });

  it('a call arriving during passivation waits for the save, then lands on a new activation that holds the lease', async () => {
    const world = newWorld();
    world.passivateMs = 150;
    const adapters = shared();
    const node = await memoryNode(world, adapters, { nodeId: 'n1', idleMs: 60, leaseTtlMs: 300 });
    await node.call('counter', 'c1', { add: 1 });
    await waitFor(() => world.events.includes('passivate c1@n1'));
    expect(await node.call('counter', 'c1', { add: 1 })).toBe(2); // loaded after the save: nothing lost
    expect(world.events).toEqual(['activate c1@n1', 'passivate c1@n1', 'saved c1@n1', 'activate c1@n1']);
    expect(await adapters.lease.holder(leaseKey('counter', 'c1'))).toBe('n1');
    expect(node.isLocal('counter', 'c1')).toBe(true);
  });

  it('refuses calls once stopped', async () => {
    const node = await memoryNode(newWorld(), shared(), { nodeId: 'n1' });
    await node.stop();
    await expect(node.call('counter', 'c1', { get: true })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describeRedis('ActorSystem: two nodes over the Redis bus and lease', () => {
  const prefix = uniquePrefix();
  afterAll(() => deleteKeys(redisUrl!, prefix));

  /** One node as in production: its own bus and lease connections, the deployment's prefix. */
  async function redisNode(world: World, options: Partial<ActorSystemOptions> & { nodeId: string }): Promise<{ system: ActorSystem; lease: Lease }> {
    const bus = await createRedisBus({ url: redisUrl!, prefix });
    const lease = await createRedisLease({ url: redisUrl!, prefix });
    cleanups.push(async () => {
      await bus.close();
      await lease.close();
    });
    return { system: await startNode(world, bus, lease, options), lease };
  }
  let n = 0;
  const ids = () => ({ a: `A${++n}`, b: `B${n}`, actor: `c${n}` });

  it('a call on node B for an actor live on node A is forwarded there and answered, errors included', async () => {
    const world = newWorld();
    const id = ids();
    const { system: a } = await redisNode(world, { nodeId: id.a });
    const { system: b } = await redisNode(world, { nodeId: id.b });
    expect(await a.call('counter', id.actor, { add: 1 })).toBe(1);
    expect(await b.call('counter', id.actor, { add: 2 })).toBe(3);
    expect(a.isLocal('counter', id.actor)).toBe(true);
    expect(b.isLocal('counter', id.actor)).toBe(false);
    expect(world.activations).toEqual([{ nodeId: id.a, id: id.actor, fence: expect.any(Number) }]);
    const refused = b.call('counter', id.actor, { refuse: 'not enough' });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', message: 'not enough', details: { missing: 5 } });
  });

  it('keeps the order of messages forwarded from another node', async () => {
    const world = newWorld();
    const id = ids();
    const { system: a } = await redisNode(world, { nodeId: id.a });
    const { system: b } = await redisNode(world, { nodeId: id.b });
    await a.call('counter', id.actor, { get: true });
    const sent = Array.from({ length: 20 }, (_, i) => i + 1);
    await Promise.all(sent.map((k) => b.call('counter', id.actor, { add: k, delayMs: (20 - k) % 4 })));
    expect(world.processed).toEqual(sent);
    expect(world.mostAtOnce).toBe(1);
  });

  it('when node A stops, node B takes the actor over with its saved state and a higher fence', async () => {
    const world = newWorld();
    const id = ids();
    const { system: a } = await redisNode(world, { nodeId: id.a });
    const { system: b, lease } = await redisNode(world, { nodeId: id.b });
    await a.call('counter', id.actor, { add: 3 });
    await a.stop();
    expect(await lease.holder(leaseKey('counter', id.actor))).toBeNull();
    expect(await b.call('counter', id.actor, { add: 1 })).toBe(4);
    expect(b.isLocal('counter', id.actor)).toBe(true);
    expect(world.activations.map((x) => x.nodeId)).toEqual([id.a, id.b]);
    expect(world.activations[1].fence).toBeGreaterThan(world.activations[0].fence);
  });

  it('a call to a holder that does not answer fails with TIMEOUT; once its lease expires the actor moves', async () => {
    const world = newWorld();
    const id = ids();
    const { system: b, lease } = await redisNode(world, { nodeId: id.b, callTimeoutMs: 200 });
    // A node that took the lease and died: nothing listens on its channel.
    await lease.acquire(leaseKey('counter', id.actor), 'crashed-node', 600);
    const startMs = Date.now();
    await expect(b.call('counter', id.actor, { add: 1 })).rejects.toMatchObject({ code: 'TIMEOUT', details: { holder: 'crashed-node' } });
    expect(Date.now() - startMs).toBeGreaterThanOrEqual(190);
    expect(world.activations).toEqual([]);
    await waitFor(async () => (await lease.holder(leaseKey('counter', id.actor))) === null);
    expect(await b.call('counter', id.actor, { add: 1 })).toBe(1);
    expect(b.isLocal('counter', id.actor)).toBe(true);
  });

  it('stopping a node fails its pending forwarded calls at once with UNAVAILABLE', async () => {
    const id = ids();
    const { system: b, lease } = await redisNode(newWorld(), { nodeId: id.b, callTimeoutMs: 10_000 });
    await lease.acquire(leaseKey('counter', id.actor), 'crashed-node', 10_000);
    const pending = b.call('counter', id.actor, { add: 1 });
    await sleep(50);
    const startMs = Date.now();
    await b.stop();
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - startMs).toBeLessThan(1_000);
  });
});
