import { afterAll, describe } from 'vitest';
import { createMemoryLease } from './memory.js';
import { createRedisLease } from './redis.js';
import { leaseContract } from './contract.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';

describe('memory lease', () => {
  // One process, one lease table: every "node" of the test shares it.
  const lease = createMemoryLease();
  leaseContract('memory', async () => lease);
});

describeRedis('Redis lease', () => {
  const prefix = uniquePrefix();
  afterAll(() => deleteKeys(redisUrl!, prefix));
  leaseContract('redis', () => createRedisLease({ url: redisUrl!, prefix }));
});
