// The Redis adapter of the Bus port: one connection publishes, one subscribes (a subscribed
// Redis connection can do nothing else). Channels carry the deployment's prefix.
import { Redis } from 'ioredis';
import { logger } from '../shared/logger.js';
import type { Bus, BusHandler } from './port.js';

export async function createRedisBus(options: { url: string; prefix: string }): Promise<Bus> {
  const pub = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis bus connection error'));
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Map<string, Set<BusHandler>>();
  const full = (channel: string) => `${options.prefix}:bus:${channel}`;
  const strip = full('').length;
  sub.on('message', (channel: string, raw: string) => {
    const set = handlers.get(channel.slice(strip));
    if (!set?.size) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return logger.warn({ channel }, 'bus message is not JSON: dropped');
    }
    for (const h of [...set]) h(structuredClone(message), channel.slice(strip));
  });
  return {
    async publish(channel, message) {
      await pub.publish(full(channel), JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await sub.subscribe(full(channel));
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (!set.size && handlers.get(channel) === set) {
          handlers.delete(channel);
          await sub.unsubscribe(full(channel)).catch(() => undefined);
        }
      };
    },
    async close() {
      handlers.clear();
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}
