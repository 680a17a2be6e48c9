// The Jobs contract: what background processors rely on, on the in-process runner and BullMQ.
import { afterEach, describe, expect, it } from 'vitest';
import type { Jobs } from './port.js';

const waitFor = async (check: () => boolean | Promise<boolean>, ms = 8_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
};

export function jobsContract(name: string, open: () => Jobs): void {
  describe(`Jobs contract: ${name}`, () => {
    let jobs: Jobs | undefined;
    afterEach(async () => {
      await jobs?.close();
      jobs = undefined;
    });

    it('runs jobs once per job id, with ids containing colons', async () => {
      jobs = open();
      const seen: string[] = [];
      await jobs.work('q1', async (job) => void seen.push(`${job.id}:${(job.data as { n: number }).n}`));
      await jobs.enqueue('q1', 'x', { n: 1 }, { jobId: 'ticket:1' });
      await jobs.enqueue('q1', 'x', { n: 2 }, { jobId: 'ticket:1' });
      await jobs.enqueue('q1', 'x', { n: 3 }, { jobId: 'ticket:2' });
      await waitFor(() => seen.length >= 2);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.sort()).toEqual(['ticket:1:1', 'ticket:2:3']);
    });

    it('retries with backoff until success; an exhausted job stays failed until retried', async () => {
      jobs = open();
      let attempts = 0;
      let flaky = 0;
      await jobs.work('q2', async (job) => {
        if (job.name === 'flaky' && ++flaky < 3) throw new Error('not yet');
        if (job.name === 'doomed') {
          attempts++;
          if (attempts <= 2) throw new Error('broken');
        }
      });
      await jobs.enqueue('q2', 'flaky', {}, { jobId: 'f1', attempts: 5, backoffMs: 20 });
      await jobs.enqueue('q2', 'doomed', { x: 1 }, { jobId: 'd1', attempts: 2, backoffMs: 20 });
      await waitFor(async () => flaky === 3 && (await jobs!.failed('q2')).length === 1);
      const [failed] = await jobs.failed('q2');
      expect(failed).toMatchObject({ id: 'd1', name: 'doomed', error: 'broken', attempts: 2 });
      expect(await jobs.retry('q2', 'd1')).toBe(true);
      await waitFor(async () => (await jobs!.failed('q2')).length === 0 && attempts === 3);
      expect((await jobs.counts('q2')).failed).toBe(0);
    });

    it('repeats a job on a period, and close waits for the running job', async () => {
      jobs = open();
      let runs = 0;
      let finished = false;
      await jobs.work('q3', async (job) => {
        runs++;
        if (job.name === 'slow') {
          await new Promise((r) => setTimeout(r, 300));
          finished = true;
        }
      });
      await jobs.repeat('q3', 'tick', {}, { everyMs: 100, key: 'tick:q3' });
      await waitFor(() => runs >= 3);
      await jobs.enqueue('q3', 'slow', {}, { jobId: 'slow1' });
      await waitFor(() => runs >= 4 && !finished, 3_000).catch(() => undefined);
      await jobs.close();
      jobs = undefined;
      expect(finished).toBe(true);
    });
  });
}
