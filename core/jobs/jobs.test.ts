import { afterAll } from 'vitest';
import { createMemoryJobs } from './memory.js';
import { createBullJobs } from './bullmq.js';
import { jobsContract } from './contract.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';

jobsContract('memory', () => createMemoryJobs());

describeRedis('BullMQ jobs', () => {
  const prefix = uniquePrefix();
  afterAll(() => deleteKeys(redisUrl!, prefix));
  let n = 0;
  jobsContract('bullmq', () => createBullJobs({ url: redisUrl!, prefix: `${prefix}:${++n}` }));
});
