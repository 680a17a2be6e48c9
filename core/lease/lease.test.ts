import { createMemoryLease } from './memory.js';
import { createRedisLease } from './redis.js';
import { leaseContract } from './contract.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';

leaseContract('memory', async () => ({ lease: createMemoryLease(), stop: async () => undefined }));

describeRedis('Redis lease', () => {
  leaseContract('redis', async () => {
    const prefix = uniquePrefix();
    const lease = await createRedisLease({ url: redisUrl!, prefix });
    return { lease, stop: async () => (await lease.close(), await deleteKeys(redisUrl!, prefix)) };
  });
});
