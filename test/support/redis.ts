// The one rule for tests that need Redis: with REDIS_URL they run; without it they are skipped
// with a visible message, unless REQUIRE_REDIS=1 (CI), where a missing Redis fails the run.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

export const redisUrl: string | undefined = process.env.REDIS_URL || undefined;

export function describeRedis(name: string, fn: () => void): void {
  if (redisUrl) return void describe(name, fn);
  if (process.env.REQUIRE_REDIS === '1') {
    describe(name, () => {
      it('needs Redis: REQUIRE_REDIS=1 but REDIS_URL is unset', () => {
        throw new Error(`REDIS_URL is required when REQUIRE_REDIS=1 (suite "${name}")`);
      });
    });
    return;
  }
  console.warn(`SKIPPED (REDIS_URL unset): ${name}`);
  describe.skip(name, fn);
}

/** A key prefix of one's own, so test files running in parallel never share Redis keys. */
export function uniquePrefix(): string {
  return `test:${randomUUID()}`;
}

/** Deletes every key under `<prefix>:`, as the adapters name them. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${globEscape(prefix)}:*`, 'COUNT', 1_000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
