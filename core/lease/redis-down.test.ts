// Redis gone while a node runs: lease and bus calls answer UNAVAILABLE (which terminals resend),
// not an internal error. A private redis-server, so the shared one stays up for other tests.
import { expect, it } from 'vitest';
import { createRedisBus } from '../bus/redis.js';
import { describeRedis } from '../../test/support/redis.js';
import { hasRedisServer, startRedisServer } from '../../test/support/redis-server.js';
import { createRedisLease } from './redis.js';

describeRedis('Redis down', () => {
  it.skipIf(!hasRedisServer)('lease and bus calls fail as UNAVAILABLE (needs the redis-server binary)', async () => {
    const server = await startRedisServer();
    const lease = await createRedisLease({ url: server.url, prefix: 'down' });
    const bus = await createRedisBus({ url: server.url, prefix: 'down' });
    expect(await lease.acquire('k', 'n1', 5_000)).toMatchObject({ owner: 'n1' });
    await server.stop();
    const unavailable = { code: 'UNAVAILABLE' };
    // At once: each waits out the client's retries. (A failed renewal answers "not kept": the
    // node drops those actors rather than assume it still holds them.)
    await Promise.all([
      expect(lease.acquire('k2', 'n1', 5_000)).rejects.toMatchObject(unavailable),
      expect(lease.holder('k')).rejects.toMatchObject(unavailable),
      expect(lease.release('k', 'n1')).rejects.toMatchObject(unavailable),
      expect(lease.renewMany(['k'], 'n1', 5_000)).resolves.toEqual([false]),
      expect(bus.publish('c', { x: 1 })).rejects.toMatchObject(unavailable),
    ]);
    await Promise.all([lease.close(), bus.close()]);
  }, 30_000);
});
