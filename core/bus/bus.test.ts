import { createMemoryBus } from './memory.js';
import { createRedisBus } from './redis.js';
import { busContract } from './contract.js';
import { describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';

busContract('memory', async () => {
  const bus = createMemoryBus();
  return { a: bus, b: bus, stop: () => bus.close() };
});

describeRedis('Redis bus', () => {
  busContract('redis', async () => {
    const prefix = uniquePrefix();
    const a = await createRedisBus({ url: redisUrl!, prefix });
    const b = await createRedisBus({ url: redisUrl!, prefix });
    return { a, b, stop: async () => void (await Promise.all([a.close(), b.close()])) };
  });
});
