import { describe } from 'vitest';
import { createMemoryBus } from './memory.js';
import { createRedisBus } from './redis.js';
import { busContract } from './contract.js';
import { describeRedis, redisUrl, uniquePrefix } from '../../test/support/redis.js';

describe('memory bus', () => {
  // Every node of one process shares the one in-process bus.
  const bus = createMemoryBus();
  busContract('memory', async () => bus);
});

describeRedis('Redis bus', () => {
  // Pub/sub leaves no keys behind; the prefix keeps parallel test files on their own channels.
  const prefix = uniquePrefix();
  busContract('redis', () => createRedisBus({ url: redisUrl!, prefix }));
});
