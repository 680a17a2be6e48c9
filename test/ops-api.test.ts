import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, collectiveWithAdmin, login, type BootedNode } from './support/boot.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from './support/redis.js';

describe('operators API: queues and ledger verification', () => {
  let node: BootedNode;
  let operator: string;
  let admin: string;

  const call = async (method: string, path: string, cookie?: string) => {
    const res = await fetch(`${node.url}${path}`, { method, headers: cookie ? { cookie } : {} });
    return { status: res.status, body: await res.json() };
  };
  const failedOf = async (queue: string) => (await call('GET', '/api/ops/queues', operator)).body.queues.find((q: any) => q.name === queue);

  beforeAll(async () => {
    node = await boot();
    await node.core.accounts.create({ role: 'operator', email: 'op@pass.test', password: 'operator-secret' });
    const a = await collectiveWithAdmin(node.core, 'Alpha');
    operator = await login(node.url, 'op@pass.test', 'operator-secret');
    admin = await login(node.url, a.email, a.password);
  });
  afterAll(() => node?.close());

  it('lists every queue of the installation with its counts', async () => {
    const res = await call('GET', '/api/ops/queues', operator);
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: any) => q.name)).toEqual(['stripe', 'email', 'settlement', 'z-closing', 'ticketing']);
    expect(res.body.queues[0]).toEqual({ name: 'stripe', counts: { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 }, failed: [] });
  });

  it('shows a failed job until it is retried, then runs it again', async () => {
    let smtpUp = false;
    const runs: number[] = [];
    await node.core.jobs.work('email', async (job) => {
      runs.push(job.attempt);
      if (!smtpUp) throw new Error('SMTP is down');
    });
    await node.core.jobs.enqueue('email', 'ticket', { ticketId: 't1' }, { jobId: 'ticket:t1', attempts: 1 });
    await expect.poll(async () => (await failedOf('email')).counts.failed).toBe(1);
    const email = await failedOf('email');
    expect(email.failed).toEqual([{ id: 'ticket:t1', name: 'ticket', data: { ticketId: 't1' }, error: 'SMTP is down', attempts: 1 }]);
    // Still there on a later look: nothing drops it but a retry.
    expect((await failedOf('email')).failed).toHaveLength(1);

    smtpUp = true;
    const retried = await call('POST', '/api/ops/queues/email/jobs/ticket%3At1/retry', operator);
    expect(retried.status).toBe(200);
    expect(retried.body.retried).toBe(true);
    await expect.poll(async () => (await failedOf('email')).counts).toMatchObject({ failed: 0, completed: 1 });
    expect((await failedOf('email')).failed).toEqual([]);
    expect(runs).toEqual([1, 1]);

    const again = await call('POST', '/api/ops/queues/email/jobs/ticket%3At1/retry', operator);
    expect([again.status, again.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await call('POST', '/api/ops/queues/nope/jobs/x/retry', operator)).status).toBe(404);
  });

  it('verifies the ledger on demand', async () => {
    const res = await call('GET', '/api/ops/verify-ledger', operator);
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ ok: true, errors: [], warnings: [], rows: 0, chains: 0 });
    expect(res.body.report.checkedAt).toEqual(expect.any(Number));
  });

  it("refuses a collective admin (403) and anyone signed out (401), and retries nothing for them", async () => {
    await node.core.jobs.work('settlement', async () => {
      throw new Error('village unreachable');
    });
    await node.core.jobs.enqueue('settlement', 'daily', {}, { jobId: 'settle-1', attempts: 1 });
    await expect.poll(async () => (await failedOf('settlement')).counts.failed).toBe(1);
    for (const [method, path] of [
      ['GET', '/api/ops/queues'],
      ['POST', '/api/ops/queues/settlement/jobs/settle-1/retry'],
      ['GET', '/api/ops/verify-ledger'],
    ]) {
      const asAdmin = await call(method, path, admin);
      expect([path, asAdmin.status, asAdmin.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
      expect((await call(method, path)).status).toBe(401);
    }
    expect((await failedOf('settlement')).failed.map((j: any) => j.id)).toEqual(['settle-1']);
  });
});

describeRedis('operators API over BullMQ (real Redis)', () => {
  let node: BootedNode;
  let operator: string;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    node = await boot({ env: { REDIS_URL: redisUrl!, REDIS_PREFIX: prefix } });
    await node.core.accounts.create({ role: 'operator', email: 'op@pass.test', password: 'operator-secret' });
    operator = await login(node.url, 'op@pass.test', 'operator-secret');
  });
  afterAll(async () => {
    await node?.close();
    await deleteKeys(redisUrl!, prefix);
  });

  it('shows a failed job kept by Redis until an operator retries it', async () => {
    const get = async () => {
      const res = await fetch(`${node.url}/api/ops/queues`, { headers: { cookie: operator } });
      return ((await res.json()) as { queues: Array<{ name: string; counts: Record<string, number>; failed: Array<{ id: string; error: string }> }> }).queues.find((q) => q.name === 'settlement')!;
    };
    let up = false;
    await node.core.jobs.work('settlement', async () => {
      if (!up) throw new Error('statement store unreachable');
    });
    await node.core.jobs.enqueue('settlement', 'daily', { periodKey: '2026-07-14' }, { jobId: 'settle-2026-07-14', attempts: 1 });
    await expect.poll(async () => (await get()).failed.map((j) => [j.id, j.error]), { timeout: 10_000 }).toEqual([['settle-2026-07-14', 'statement store unreachable']]);
    up = true;
    const retried = await fetch(`${node.url}/api/ops/queues/settlement/jobs/settle-2026-07-14/retry`, { method: 'POST', headers: { cookie: operator } });
    expect(retried.status).toBe(200);
    await expect.poll(async () => (await get()).counts, { timeout: 10_000 }).toMatchObject({ failed: 0, completed: 1 });
  });
});
