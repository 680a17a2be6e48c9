// Payment ack → dashboard latency: a real /dashboard client (admin session cookie) subscribed to
// the bench collective notes when each ledger row first reaches it in a `board:delta`
// (rows[].txId); set against the instants the terminals got their acks (LoadResult.paymentAcks,
// Date.now() in this same process) it gives how long an organizer waits to see a sale.
// Usage from bench/run.ts:
//   const probe = await watchDashboard(app.url, { cookie: await signIn(app.url, email, password), collectiveId });
//   ... run the load ...
//   const dashboard = probe.report(result.paymentAcks); probe.close();
import { io, type Socket } from 'socket.io-client';
import { Histogram } from './histogram.js';

export interface DashboardLatencyReport {
  /** ms from a payment's ack to the delta carrying its row (0 when the delta came first). */
  latencyMs: { count: number; p50: number; p95: number; p99: number; max: number };
  /** Acked payments never seen in a delta while the probe listened. */
  missing: number;
  /** Deltas whose row arrived before the terminal's ack (both are sent once the row is durable). */
  beforeAck: number;
  deltas: number;
}

export interface DashboardProbe {
  /** txId → instant (Date.now()) its row first arrived in a delta. */
  readonly seen: Map<string, number>;
  report(paymentAcks: Map<string, number>): DashboardLatencyReport;
  close(): void;
}

/** Signs in through the API and returns the Cookie header value for the dashboard socket. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`dashboard sign-in answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

export async function watchDashboard(url: string, options: { cookie: string; collectiveId: string; timeoutMs?: number }): Promise<DashboardProbe> {
  const seen = new Map<string, number>();
  let deltas = 0;
  const socket: Socket = io(`${url}/dashboard`, { transports: ['websocket'], extraHeaders: { cookie: options.cookie }, forceNew: true });
  socket.on('board:delta', (delta: { rows: Array<{ txId: string }> }) => {
    const now = Date.now();
    deltas++;
    for (const row of delta.rows) if (!seen.has(row.txId)) seen.set(row.txId, now);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(new Error(`dashboard probe refused: ${err.message}`)));
  });
  const ack = await socket.timeout(options.timeoutMs ?? 10_000).emitWithAck('subscribe', { collectiveId: options.collectiveId });
  if (!ack?.ok) throw new Error(`dashboard probe subscribe refused: ${ack?.code}`);

  return {
    seen,
    report(paymentAcks) {
      const latency = new Histogram();
      let missing = 0;
      let beforeAck = 0;
      for (const [txId, ackedAt] of paymentAcks) {
        const at = seen.get(txId);
        if (at === undefined) {
          missing++;
          continue;
        }
        if (at < ackedAt) beforeAck++;
        latency.record(Math.max(0, at - ackedAt));
      }
      return { latencyMs: latency.summary(), missing, beforeAck, deltas };
    },
    close: () => void socket.close(),
  };
}
