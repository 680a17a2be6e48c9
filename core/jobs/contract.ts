// The Jobs contract, run on the in-process runner and on BullMQ: what background processors
// (Stripe credits, ticket mail, settlement, nightly Z) rely on.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobsRetention } from './defaults.js';
import type { JobInfo, Jobs } from './port.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `makeJobs` opens a fresh, empty Jobs (its own queues); the contract closes it. */
export function jobsContract(name: string, makeJobs: (retention?: JobsRetention) => Jobs): void {
  describe(`Jobs contract: ${name}`, () => {
    const opened: Jobs[] = [];
    const open = (retention?: JobsRetention) => {
      const jobs = makeJobs(retention);
      opened.push(jobs);
      return jobs;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((jobs) => jobs.close()));
    });

    it('runs a job with its name, a JSON copy of its data and attempt 1; enqueue returns its id', async () => {
      const jobs = open();
      const seen: JobInfo[] = [];
      await jobs.work('mail', async (job) => void seen.push(job));
      const data = { to: 'a@b.test', lines: [1, 2], at: new Date(Date.UTC(2026, 6, 14)) };
      const given = await jobs.enqueue('mail', 'ticket', data, { jobId: 'ticket-1' });
      data.lines.push(3); // after enqueue: the job keeps what was sent
      const generated = await jobs.enqueue('mail', 'ticket', { to: 'c@d.test' });
      await waitFor(() => seen.length === 2);
      expect(given).toBe('ticket-1');
      expect(generated).toEqual(expect.any(String));
      expect(generated).not.toBe(given);
      expect(seen).toEqual(
        expect.arrayContaining([
          { id: 'ticket-1', queue: 'mail', name: 'ticket', data: { to: 'a@b.test', lines: [1, 2], at: '2026-07-14T00:00:00.000Z' }, attempt: 1 },
          { id: generated, queue: 'mail', name: 'ticket', data: { to: 'c@d.test' }, attempt: 1 },
        ]),
      );
      await waitFor(async () => (await jobs.counts('mail')).completed === 2);
      expect(await jobs.counts('mail')).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 2, failed: 0 });
    });

    it('runs up to `concurrency` jobs of a queue at once', async () => {
      const jobs = open();
      let running = 0;
      let most = 0;
      let done = 0;
      await jobs.work(
        'email',
        async () => {
          most = Math.max(most, ++running);
          await sleep(80);
          running--;
          done++;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 6; i++) await jobs.enqueue('email', 'send', { i });
      await waitFor(() => done === 6);
      expect(most).toBe(3);
    });

    it('a job id is taken once while its job is kept, also after it completed; ids may hold ":", "%" and digits only', async () => {
      const jobs = open();
      const runs: string[] = [];
      const ids = ['evt:1', '42', '100%:3A'];
      for (const id of ids) {
        await jobs.enqueue('stripe', 'credit', { first: true }, { jobId: id });
        await jobs.enqueue('stripe', 'credit', { first: false }, { jobId: id }); // still waiting: ignored
      }
      await jobs.work('stripe', async (job) => void runs.push(`${job.id}=${(job.data as { first: boolean }).first}`));
      await waitFor(() => runs.length >= 3);
      for (const id of ids) await jobs.enqueue('stripe', 'credit', { first: false }, { jobId: id }); // completed: ignored
      await sleep(150);
      expect(runs.sort()).toEqual(['100%:3A=true', '42=true', 'evt:1=true']);
      expect((await jobs.counts('stripe')).completed).toBe(3);
    });

    it('keeps a bounded number of completed jobs; the id of a dropped one runs again', async () => {
      const jobs = open({ keepCompleted: 2 });
      const runs: string[] = [];
      await jobs.work('settle', async (job) => void runs.push(job.id));
      for (const id of ['a', 'b', 'c']) {
        await jobs.enqueue('settle', 'run', {}, { jobId: id });
        await waitFor(() => runs.includes(id));
      }
      await waitFor(async () => (await jobs.counts('settle')).completed === 2);
      await jobs.enqueue('settle', 'run', {}, { jobId: 'c' }); // kept: still deduplicated
      await jobs.enqueue('settle', 'run', {}, { jobId: 'a' }); // dropped: a new job
      await waitFor(() => runs.length === 4);
      await sleep(100);
      expect(runs).toEqual(['a', 'b', 'c', 'a']);
    });

    it('holds a delayed job until its delay has passed', async () => {
      const jobs = open();
      let ranAtMs = 0;
      await jobs.work('later', async () => void (ranAtMs = Date.now()));
      const startMs = Date.now();
      await jobs.enqueue('later', 'remind', {}, { delayMs: 250 });
      expect((await jobs.counts('later')).delayed).toBe(1);
      await waitFor(() => ranAtMs > 0);
      expect(ranAtMs - startMs).toBeGreaterThanOrEqual(240);
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const jobs = open();
      const tries: Array<{ attempt: number; atMs: number }> = [];
      await jobs.work('flaky', async (job) => {
        tries.push({ attempt: job.attempt, atMs: Date.now() });
        if (job.attempt < 3) throw new Error('smtp down');
      });
      await jobs.enqueue('flaky', 'send', {}, { jobId: 'f1', attempts: 4, backoffMs: 100 });
      await waitFor(async () => (await jobs.counts('flaky')).completed === 1);
      expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
      const firstWaitMs = tries[1].atMs - tries[0].atMs;
      const secondWaitMs = tries[2].atMs - tries[1].atMs;
      expect(firstWaitMs).toBeGreaterThanOrEqual(95); // backoffMs
      expect(secondWaitMs).toBeGreaterThanOrEqual(195); // then twice as long
      expect((await jobs.counts('flaky')).failed).toBe(0);
    });

    it('keeps a job that exhausted its attempts in failed() until retry() runs it again with fresh attempts', async () => {
      const jobs = open();
      let broken = true;
      const attempts: number[] = [];
      await jobs.work('z', async (job) => {
        attempts.push(job.attempt);
        if (broken) throw new Error(`register ${(job.data as { pos: string }).pos} locked`);
      });
      await jobs.enqueue('z', 'close', { pos: 'p1' }, { jobId: 'z:p1', attempts: 2, backoffMs: 20 });
      await waitFor(async () => (await jobs.counts('z')).failed === 1);
      await jobs.enqueue('z', 'close', { pos: 'p2' }, { jobId: 'z:p2', attempts: 1 });
      await waitFor(async () => (await jobs.counts('z')).failed === 2);
      expect(await jobs.failed('z')).toEqual([
        { id: 'z:p2', name: 'close', data: { pos: 'p2' }, error: 'register p2 locked', attempts: 1 }, // newest first
        { id: 'z:p1', name: 'close', data: { pos: 'p1' }, error: 'register p1 locked', attempts: 2 },
      ]);
      expect(await jobs.failed('z', 1)).toHaveLength(1);
      await jobs.enqueue('z', 'close', { pos: 'p1' }, { jobId: 'z:p1' }); // a failed job is kept: ignored
      await sleep(100);
      expect(attempts).toEqual([1, 2, 1]);

      expect(await jobs.retry('z', 'z:p1')).toBe(true); // still broken: both attempts again
      await waitFor(() => attempts.length === 5);
      await waitFor(async () => (await jobs.counts('z')).failed === 2);
      expect(attempts).toEqual([1, 2, 1, 1, 2]);

      broken = false;
      expect(await jobs.retry('z', 'z:p1')).toBe(true);
      expect(await jobs.retry('z', 'z:p2')).toBe(true);
      await waitFor(async () => (await jobs.counts('z')).completed === 2);
      expect(await jobs.failed('z')).toEqual([]);
      expect(await jobs.retry('z', 'z:p1')).toBe(false); // completed, not failed
      expect(await jobs.retry('z', 'z:unknown')).toBe(false);
    });

    it('runs a repeated job every period, once per key however often it is declared', async () => {
      const jobs = open();
      const runs: JobInfo[] = [];
      await jobs.work('nightly', async (job) => void runs.push(job));
      await jobs.repeat('nightly', 'close-registers', { tz: 'Europe/Paris' }, { everyMs: 100, key: 'z:nightly' });
      await jobs.repeat('nightly', 'close-registers', { tz: 'Europe/Paris' }, { everyMs: 100, key: 'z:nightly' });
      await sleep(650);
      // One schedule: about 6 runs in 650 ms (one at once, then every 100 ms); two would give ~12.
      expect(runs.length).toBeGreaterThanOrEqual(4);
      expect(runs.length).toBeLessThanOrEqual(8);
      expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
      for (const run of runs) expect(run).toMatchObject({ queue: 'nightly', name: 'close-registers', data: { tz: 'Europe/Paris' }, attempt: 1 });
      await jobs.close();
      const afterClose = runs.length;
      await sleep(250);
      expect(runs.length).toBe(afterClose);
    });

    it('close waits for the active job to finish and takes no new job', async () => {
      const jobs = open();
      let started!: () => void;
      const slowStarted = new Promise<void>((resolve) => (started = resolve));
      const finished: string[] = [];
      await jobs.work('slow', async (job) => {
        if (job.name === 'slow') started();
        await sleep(job.name === 'slow' ? 300 : 0);
        finished.push(job.name);
      });
      await jobs.enqueue('slow', 'slow', {});
      await slowStarted;
      await jobs.enqueue('slow', 'next', {});
      const closeStartMs = Date.now();
      await jobs.close();
      expect(finished).toEqual(['slow']);
      expect(Date.now() - closeStartMs).toBeGreaterThanOrEqual(200);
      await sleep(100);
      expect(finished).toEqual(['slow']);
    });
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('jobs: condition not met in time');
    await sleep(10);
  }
}
