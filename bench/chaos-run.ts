// One chaos run: N app nodes over Redis and the shared store server, terminals paying while
// nodes are killed (-9) and restarted, Redis restarts, connections drop and commands are
// duplicated and delayed; then the money invariants (chaos-checks.ts). `npm run chaos` and
// test/chaos.test.ts both call `runChaos`. Everything is bounded by `timeoutMs`, and every
// child process is gone when it returns.
import { localAsset } from '../core/money/assets.js';
import { createRemoteStore } from '../core/store/remote.js';
import type { Store } from '../core/store/port.js';
import { checkInvariants, type Invariant } from './chaos-checks.js';
import { ChaosCluster } from './chaos-cluster.js';
import { ChaosTerminal, type CommandRecord, type TerminalStats } from './chaos-terminal.js';

export interface ChaosOptions {
  payments: number;
  terminals: number;
  nodes: number;
  killEveryMs: number;
  seed: number;
  /** Most node kills in the run (default: no limit). */
  maxKills?: number;
  /** 0 or 1 Redis restart, when 40% of the payments are done (default 1). */
  redisRestarts?: number;
  cards?: number;
  pointsOfSale?: number;
  /** Share of sends followed by a duplicate of the same command after a random delay. */
  duplicateRate?: number;
  /** A random terminal drops its connection this often. */
  dropEveryMs?: number;
  ackTimeoutMs?: number;
  leaseTtlMs?: number;
  /** A random terminal loses the network this often, for `partitionMs`, and sells offline meanwhile (0: never). */
  partitionEveryMs?: number;
  partitionMs?: number;
  /** The whole run, setup and checks included. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  ok: boolean;
  elapsedMs: number;
  payments: { sent: number; accepted: number; refused: number };
  topups: { sent: number; accepted: number };
  /** Sales partitioned terminals decided alone: accepted (then synced), refused there, and the shortfalls booked as debts. */
  offline: { partitions: number; accepted: number; refusedLocally: Record<string, number>; shortfalls: number; shortfallTotal: number; repaid: number };
  paymentsPerSec: number;
  kills: number;
  redisRestarts: number;
  stats: TerminalStats;
  maxOutboxAgeMs: number;
  invariants: Invariant[];
  error?: string;
}

const initialBalance = 5_000;
const richTopUp = 2_000_000;
const topUpRate = 0.1;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const run = new Run(options, log, Date.now() + timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`global timeout: the run took more than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([run.execute(), timedOut]);
  } catch (err) {
    return run.report([], String((err as Error)?.message ?? err));
  } finally {
    clearTimeout(timer);
    await run.cleanUp();
  }
}

class Run {
  private readonly cluster: ChaosCluster;
  private readonly terminals: ChaosTerminal[] = [];
  private readonly records: CommandRecord[] = [];
  private readonly stats: TerminalStats = { resends: 0, duplicates: 0, drops: 0, reconnects: 0, unanswered: 0, transient: {} };
  private readonly random: () => number;
  private store: Store | null = null;
  private kills = 0;
  private partitions = 0;
  private readonly refusedLocally: Record<string, number> = {};
  private redisRestarts = 0;
  private redisRestart: Promise<void> = Promise.resolve();
  private paymentsDone = 0;
  private workloadDone = false;
  private readonly startedAt = Date.now();
  private workloadMs = 0;

  constructor(
    private readonly o: ChaosOptions,
    private readonly log: (line: string) => void,
    private readonly deadlineMs: number,
  ) {
    this.random = seeded(o.seed);
    this.cluster = new ChaosCluster({ nodes: o.nodes, leaseTtlMs: o.leaseTtlMs ?? 1_500, log });
  }

  async execute(): Promise<ChaosReport> {
    const o = this.o;
    this.log(`starting the store server, a throw-away redis-server and ${o.nodes} app nodes`);
    await this.cluster.start();
    this.store = await createRemoteStore({ url: this.cluster.storeUrl });
    const cards = o.cards ?? Math.max(20, 2 * o.terminals);
    this.log(`seeding on ${this.cluster.nodes[0]!.nodeId}: ${cards} cards, ${o.pointsOfSale ?? 3} points of sale, ${o.terminals} paired terminals`);
    const setup = await this.cluster.nodes[0]!.request<{ collectiveId: string; tokens: string[]; offline: Array<{ terminalId: string; offlineKey: string }>; uids: string[]; products: string[] }>('setup', {
      setup: { cards, terminals: o.terminals, pointsOfSale: o.pointsOfSale ?? 3, balance: initialBalance },
    });
    const workloadDeadline = this.deadlineMs - Math.min(60_000, (this.deadlineMs - Date.now()) * 0.25);
    const asset = localAsset(setup.collectiveId);
    setup.tokens.forEach((token, index) => this.terminals.push(this.terminal(index, token, workloadDeadline, setup.offline[index], asset)));
    const deck = new CardDeck(setup.uids);
    await this.readPrices();
    await this.topUpRichCards(deck);

    this.log(`${o.payments} payments from ${o.terminals} terminals; kill -9 every ~${o.killEveryMs} ms, redis restart at 40%`);
    const workStart = Date.now();
    const faults = [this.killNodes(), this.dropConnections(), this.partitionTerminals()];
    const quotas = this.terminals.map((_, i) => Math.floor(o.payments / o.terminals) + (i < o.payments % o.terminals ? 1 : 0));
    await Promise.all(this.terminals.map((t, i) => this.pay(t, i, quotas[i], deck, setup.products)));
    this.workloadMs = Date.now() - workStart;
    this.workloadDone = true;
    await Promise.all([...faults, this.redisRestart]);
    this.log(`partitions healed: syncing ${this.terminals.reduce((n, t) => n + t.unsynced, 0)} offline sales`);
    await Promise.all(this.terminals.map((t) => t.syncJournal()));
    await Promise.all(this.terminals.map((t) => t.settle()));

    this.log('checking the invariants against the store server');
    const liveBalances = await this.liveBalances(setup.uids, asset);
    const unresolved = this.terminals.reduce((n, t) => n + t.outbox.size, 0);
    const invariants = await checkInvariants({ store: this.store, records: this.records, unresolved, uids: setup.uids, asset, initialBalance, liveBalances });
    return this.report(invariants);
  }

  report(invariants: Invariant[], error?: string): ChaosReport {
    const sales = this.records.filter((r) => r.event === 'sale' || r.event === 'offline');
    const topups = this.records.filter((r) => r.event === 'topup');
    const offline = this.records.filter((r) => r.event === 'offline' && r.final?.ok);
    const shortfalls = offline.map((r) => Number(r.final!.shortfall ?? 0)).filter((x) => x > 0);
    const refusedHere = Object.values(this.refusedLocally).reduce((s, n) => s + n, 0);
    const ages = this.records.map((r) => (r.resolvedAtMs ?? Date.now()) - r.createdAtMs);
    const accepted = sales.filter((r) => r.final?.ok).length;
    return {
      ok: !error && invariants.length > 0 && invariants.every((i) => i.ok),
      elapsedMs: Date.now() - this.startedAt,
      // Sales a cut-off terminal refused alone count as sent (the cashier rang them up) and refused.
      payments: { sent: sales.length + refusedHere, accepted, refused: sales.filter((r) => r.final && !r.final.ok).length + refusedHere },
      topups: { sent: topups.length, accepted: topups.filter((r) => r.final?.ok).length },
      offline: {
        partitions: this.partitions,
        accepted: offline.length,
        refusedLocally: this.refusedLocally,
        shortfalls: shortfalls.length,
        shortfallTotal: shortfalls.reduce((s, x) => s + x, 0),
        repaid: topups.reduce((s, r) => s + Number(r.final?.repaid ?? 0), 0),
      },
      paymentsPerSec: this.workloadMs ? Math.round((sales.length / this.workloadMs) * 1000) : 0,
      kills: this.kills,
      redisRestarts: this.redisRestarts,
      stats: this.stats,
      maxOutboxAgeMs: ages.length ? Math.max(...ages) : 0,
      invariants,
      error,
    };
  }

  async cleanUp(): Promise<void> {
    this.workloadDone = true;
    for (const t of this.terminals) t.close();
    await this.store?.close().catch(() => undefined);
    await this.cluster.stop();
  }

  private terminal(index: number, token: string, deadlineMs: number, offline: { terminalId: string; offlineKey: string }, asset: string): ChaosTerminal {
    return new ChaosTerminal({
      index,
      token,
      offline,
      asset,
      pickNode: () => {
        const live = this.cluster.live();
        return live.length ? live[Math.floor(this.random() * live.length)].url : null;
      },
      ackTimeoutMs: this.o.ackTimeoutMs ?? 3_000,
      duplicateRate: this.o.duplicateRate ?? 0.05,
      maxDuplicateDelayMs: 400,
      random: seeded(this.o.seed * 1_000 + index + 1),
      stats: this.stats,
      deadlineMs,
    });
  }

  /** Each terminal reads its catalog once: it prices the sales it makes alone. */
  private async readPrices(): Promise<void> {
    await Promise.all(
      this.terminals.map(async (t) => {
        const ack = await t.ask('catalog', {});
        const products = (ack?.ok ? ack.products : []) as Array<{ id: string; price: number }>;
        t.prices = new Map(products.map((p) => [p.id, p.price]));
      }),
    );
  }

  /** Before the faults: all but the tight cards get a large top-up (through the terminals). */
  private async topUpRichCards(deck: CardDeck): Promise<void> {
    await Promise.all(
      this.terminals.map(async (t, i) => {
        for (let k = i; k < deck.rich.length; k += this.terminals.length) {
          await t.submit(this.command(i, `r${k}`, 'topup', deck.rich[k], { asset: 'local', amount: richTopUp, method: 'cash' }));
        }
      }),
    );
  }

  private async pay(t: ChaosTerminal, i: number, quota: number, deck: CardDeck, products: string[]): Promise<void> {
    const random = seeded(this.o.seed * 7_919 + i);
    for (let k = 0; k < quota; k++) {
      t.beginPartition();
      if (random() < topUpRate && !t.partitioned) {
        const cardUid = random() < 0.7 ? deck.pickTight(random) : deck.pickAny(random);
        await t.submit(this.command(i, `u${k}`, 'topup', cardUid, { asset: 'local', amount: 500 + Math.floor(random() * 2_500), method: random() < 0.5 ? 'cash' : 'card' }));
      }
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ productId: products[Math.floor(random() * products.length)], qty: 1 + Math.floor(random() * 2) }));
      const cardUid = deck.pickForSale(random);
      if (t.partitioned) {
        // Cut off: the terminal decides alone; an accepted sale waits in its journal for the sync.
        const record = this.command(i, `o${k}`, 'offline', cardUid, { lines, payments: [{ method: 'pass', cardUid }] });
        const refused = t.sellOffline(record);
        if (refused) {
          this.records.splice(this.records.indexOf(record), 1); // never sent: nothing to check on the server
          this.refusedLocally[refused] = (this.refusedLocally[refused] ?? 0) + 1;
        }
        await sleep(5); // a cashier, not a loop
      } else {
        await t.submit(this.command(i, `p${k}`, 'sale', cardUid, { lines, payments: [{ method: 'pass', cardUid }] }));
      }
      this.paymentsDone++;
      this.maybeRestartRedis();
    }
  }

  private command(terminal: number, n: string, event: CommandRecord['event'], cardUid: string, body: Record<string, unknown>): CommandRecord {
    const txId = `cx${this.o.seed}-t${terminal}-${n}`;
    const payload = event === 'topup' ? { txId, cardUid, ...body } : { txId, ...body };
    const record: CommandRecord = { txId, event, payload, cardUid, terminal, createdAtMs: Date.now(), acks: [], sends: 0, duplicates: 0 };
    this.records.push(record);
    return record;
  }

  private maybeRestartRedis(): void {
    if (this.redisRestarts >= (this.o.redisRestarts ?? 1) || this.paymentsDone < 0.4 * this.o.payments) return;
    this.redisRestarts++;
    this.log(`restarting redis (kill -9, 1 s down, empty on return) at ${this.paymentsDone} payments`);
    this.redisRestart = this.cluster.restartRedis(1_000).catch((err) => this.log(`redis restart failed: ${String(err)}`));
  }

  /** kill -9 every few seconds; the victim restarts in the background (its terminals move meanwhile). */
  private async killNodes(): Promise<void> {
    const restarts: Array<Promise<void>> = [];
    while (!this.workloadDone) {
      await this.pauseDuringWork(this.o.killEveryMs * (0.75 + 0.5 * this.random()));
      if (this.workloadDone || this.kills >= (this.o.maxKills ?? Infinity)) continue;
      const live = this.cluster.live();
      if (live.length < 2) continue; // someone must stay up to serve
      const victim = live[Math.floor(this.random() * live.length)];
      this.kills++;
      const sameId = this.random() < 0.5;
      this.log(`kill -9 ${victim.nodeId} at ${this.paymentsDone} payments; restarting it ${sameId ? 'with the same' : 'with a new'} NODE_ID`);
      restarts.push(
        this.cluster.killAndRestart(victim.slot, sameId).then(
          (fresh) => this.log(`${fresh.nodeId} is up`),
          (err) => this.log(`restart failed: ${String(err)}`),
        ),
      );
    }
    await Promise.all(restarts);
  }

  /** Cuts one terminal off now and then; it syncs its journal once the partition heals. */
  private async partitionTerminals(): Promise<void> {
    const everyMs = this.o.partitionEveryMs ?? 1_000;
    if (!everyMs) return;
    const syncs: Array<Promise<void>> = [];
    while (!this.workloadDone) {
      await this.pauseDuringWork(everyMs * (0.5 + this.random()));
      const t = this.terminals[Math.floor(this.random() * this.terminals.length)];
      if (this.workloadDone || !t || t.partitionPending) continue;
      const ms = (this.o.partitionMs ?? 1_500) * (0.5 + this.random());
      this.partitions++;
      t.partition(ms);
      syncs.push(sleep(ms + 50).then(() => t.syncJournal()));
    }
    await Promise.all(syncs);
  }

  private async dropConnections(): Promise<void> {
    const everyMs = this.o.dropEveryMs ?? 500;
    while (!this.workloadDone) {
      await this.pauseDuringWork(everyMs * (0.5 + this.random()));
      this.terminals[Math.floor(this.random() * this.terminals.length)]?.drop();
    }
  }

  /** Sleeps `ms`, or less if the workload ends meanwhile. */
  private async pauseDuringWork(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.workloadDone && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
  }

  /** What the live actors say each card holds, asked through the terminals after the run. */
  private async liveBalances(uids: string[], asset: string): Promise<Map<string, number | undefined>> {
    const balances = new Map<string, number | undefined>();
    await Promise.all(
      this.terminals.map(async (t, i) => {
        for (let k = i; k < uids.length; k += this.terminals.length) {
          const ack = await t.ask('balance', { cardUid: uids[k] });
          const lines = (ack?.ok ? ack.balances : undefined) as Array<{ asset: string; amount: number }> | undefined;
          balances.set(uids[k], lines ? (lines.find((l) => l.asset === asset)?.amount ?? 0) : undefined);
        }
      }),
    );
    return balances;
  }
}

/** Tight cards live on small top-ups (refusals happen); two hot cards take a tenth of the sales. */
class CardDeck {
  readonly tight: string[];
  readonly rich: string[];
  private readonly hot: string[];

  constructor(uids: string[]) {
    const tightCount = Math.max(1, Math.floor(uids.length / 10));
    this.tight = uids.slice(0, tightCount);
    this.rich = uids.slice(tightCount);
    this.hot = this.rich.slice(0, 2);
  }

  pickTight(random: () => number): string {
    return this.tight[Math.floor(random() * this.tight.length)];
  }

  pickAny(random: () => number): string {
    return this.rich[Math.floor(random() * this.rich.length)];
  }

  pickForSale(random: () => number): string {
    const r = random();
    if (r < 0.1) return this.hot[Math.floor(random() * this.hot.length)];
    return r < 0.3 ? this.pickTight(random) : this.pickAny(random);
  }
}

/** mulberry32: a small seeded PRNG, so a run's choices repeat with its --seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
