import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryJobs } from './memory.js';
import { bullJobId, createBullJobs, decodeJobId } from './bullmq.js';
import { jobsContract } from './contract.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';

jobsContract('memory', (retention) => createMemoryJobs(retention));

describeRedis('BullMQ jobs', () => {
  const prefix = uniquePrefix();
  afterAll(() => deleteKeys(redisUrl!, prefix));
  let n = 0;
  // Each Jobs of the contract gets its own queues under the file's prefix.
  jobsContract('bullmq', (retention) => createBullJobs({ url: redisUrl!, prefix: `${prefix}:${++n}`, ...retention }));
});

describe('BullMQ job ids', () => {
  it('maps our ids to ids BullMQ accepts and back, including its scheduler runs', () => {
    for (const id of ['evt_1', 'ticket:42', '42', '-7', '100%', '%N1', 'a%3Ab', 'repeat:z:nightly:1700000000000', 'repeat:x']) {
      const bull = bullJobId(id);
      expect(decodeJobId(bull)).toBe(id);
      expect(`${parseInt(bull, 10)}`).not.toBe(bull);
      // BullMQ takes ':' only in its own scheduler-run shape, `repeat:<key>:<ms>`.
      if (bull.includes(':')) expect(bull).toMatch(/^repeat:[^:]+:\d+$/);
    }
    expect(decodeJobId('repeat:z%3Anightly:1700000000000')).toBe('repeat:z:nightly:1700000000000');
  });
});
