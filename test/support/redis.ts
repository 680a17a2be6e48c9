// The rule for tests that need Redis: with REDIS_URL they run; without it they are skipped with a
// visible message, unless REQUIRE_REDIS=1 (CI), where a missing Redis fails the run.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

export const redisUrl: string | undefined = process.env.REDIS_URL || undefined;

export function describeRedis(name: string, fn: () => void): void {
  if (redisUrl) return void describe(name, fn);
  if (process.env.REQUIRE_REDIS === '1') {
    describe(name, () => it('needs Redis: REQUIRE_REDIS=1 but REDIS_URL is unset', () => {
      throw new Error('REDIS_URL is required when REQUIRE_REDIS=1');
    }));
    return;
  }
  console.warn(`SKIPPED (REDIS_URL unset): ${name}`);
  describe.skip(name, fn);
}

export function uniquePrefix(): string {
  return `test:${randomUUID()}`;
}

/** Deletes every key under a test's prefix. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
