// The load generator: N terminals as real Socket.IO clients speaking terminal protocol v1.
// Closed loop: each terminal sends its next command when the previous one is acked (maximum
// throughput). Open loop: commands leave on a fixed schedule whatever the acks, and latency is
// measured from the scheduled send time, so a slow server cannot hide its queueing
// (no coordinated omission).
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { Histogram } from './histogram.js';

export type Op = 'pay' | 'topup' | 'balance';

export interface Workload {
  cards: string[];
  products: string[];
  mix: Record<Op, number>;
  /** share of traffic sent to the hot cards, and the share of cards that are hot */
  hotTraffic: number;
  hotCards: number;
}

export interface LoadResult {
  elapsedMs: number;
  sent: Record<Op, number>;
  ok: Record<Op, number>;
  errors: Record<string, number>;
  latency: Record<Op, Histogram>;
  /** txId of each acked payment → the instant its ack arrived (dashboard latency) */
  paymentAcks: Map<string, number>;
  /** Every command's latency since the last progress line: where in the run a tail happens. */
  window: Histogram;
}

const ackTimeoutMs = 10_000;

export async function connectTerminals(url: string, auths: Array<Record<string, string>>, namespace = '/terminal'): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const batch = 50; // connect in waves: a storm of handshakes is not what we measure
  for (let i = 0; i < auths.length; i += batch) {
    const wave = auths.slice(i, i + batch).map(
      (auth) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(`${url}${namespace}`, { transports: ['websocket'], auth, forceNew: true, reconnection: false });
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        }),
    );
    sockets.push(...(await Promise.all(wave)));
  }
  return sockets;
}

export function newResult(): LoadResult {
  return {
    elapsedMs: 0,
    sent: { pay: 0, topup: 0, balance: 0 },
    ok: { pay: 0, topup: 0, balance: 0 },
    errors: {},
    latency: { pay: new Histogram(), topup: new Histogram(), balance: new Histogram() },
    paymentAcks: new Map(),
    window: new Histogram(),
  };
}

export async function closedLoop(sockets: Socket[], work: Workload, durationMs: number, onTick?: (r: LoadResult) => void): Promise<LoadResult> {
  const result = newResult();
  const start = performance.now();
  const deadline = start + durationMs;
  const ticker = setInterval(() => onTick?.(result), 1000);
  await Promise.all(
    sockets.map(async (socket) => {
      while (performance.now() < deadline) await send(socket, work, result, performance.now());
    }),
  );
  clearInterval(ticker);
  result.elapsedMs = performance.now() - start;
  return result;
}

export async function openLoop(sockets: Socket[], work: Workload, durationMs: number, ratePerSec: number, onTick?: (r: LoadResult) => void): Promise<LoadResult> {
  const result = newResult();
  const start = performance.now();
  const intervalMs = (1000 * sockets.length) / ratePerSec; // each terminal's own period
  const ticker = setInterval(() => onTick?.(result), 1000);
  const inflight: Promise<void>[] = [];
  await Promise.all(
    sockets.map(async (socket, i) => {
      for (let k = 0; ; k++) {
        const scheduled = start + (i / sockets.length) * intervalMs + k * intervalMs;
        if (scheduled >= start + durationMs) return;
        const wait = scheduled - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        inflight.push(send(socket, work, result, scheduled));
      }
    }),
  );
  await Promise.all(inflight);
  clearInterval(ticker);
  result.elapsedMs = performance.now() - start;
  return result;
}

/** Bare transport: each socket echoes in a closed loop. */
export async function echoLoop(sockets: Socket[], durationMs: number): Promise<{ acks: number; elapsedMs: number; latency: Histogram }> {
  const latency = new Histogram();
  let acks = 0;
  const start = performance.now();
  await Promise.all(
    sockets.map(async (socket) => {
      while (performance.now() < start + durationMs) {
        const t0 = performance.now();
        await socket.timeout(ackTimeoutMs).emitWithAck('echo', { txId: randomUUID(), cardUid: '04A1B2C3' });
        latency.record(performance.now() - t0);
        acks++;
      }
    }),
  );
  return { acks, elapsedMs: performance.now() - start, latency };
}

async function send(socket: Socket, work: Workload, result: LoadResult, fromMs: number): Promise<void> {
  const op = pickOp(work.mix);
  const cardUid = pickCard(work);
  const txId = randomUUID();
  let event: string;
  let payload: Record<string, unknown>;
  if (op === 'pay') {
    const lines = Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => ({ productId: work.products[Math.floor(Math.random() * work.products.length)], qty: 1 }));
    event = 'sale';
    payload = { txId, lines, payments: [{ method: 'pass', cardUid }] };
  } else if (op === 'topup') {
    event = 'topup';
    payload = { txId, cardUid, asset: 'local', amount: 1000, method: Math.random() < 0.5 ? 'cash' : 'card' };
  } else {
    event = 'balance';
    payload = { cardUid };
  }
  result.sent[op]++;
  try {
    const ack = await socket.timeout(ackTimeoutMs).emitWithAck(event, payload);
    const now = performance.now();
    result.latency[op].record(now - fromMs);
    result.window.record(now - fromMs);
    if (ack?.ok) {
      result.ok[op]++;
      if (op === 'pay') result.paymentAcks.set(txId, Date.now());
    } else result.errors[ack?.code ?? 'NO_CODE'] = (result.errors[ack?.code ?? 'NO_CODE'] ?? 0) + 1;
  } catch {
    result.errors.ACK_TIMEOUT = (result.errors.ACK_TIMEOUT ?? 0) + 1;
  }
}

function pickOp(mix: Record<Op, number>): Op {
  const r = Math.random() * (mix.pay + mix.topup + mix.balance);
  if (r < mix.pay) return 'pay';
  return r < mix.pay + mix.topup ? 'topup' : 'balance';
}

function pickCard(work: Workload): string {
  const hot = Math.max(1, Math.floor(work.cards.length * work.hotCards));
  if (Math.random() < work.hotTraffic) return work.cards[Math.floor(Math.random() * hot)];
  return work.cards[hot + Math.floor(Math.random() * (work.cards.length - hot))];
}
