// The Redis adapter of the Bus port. One connection publishes and one subscribes (a subscribed
// Redis connection can do nothing else); channels carry the deployment's prefix. Each Redis
// channel is subscribed once however many local handlers it has, so every handler gets each
// message once; ioredis re-subscribes by itself after a reconnect.
import { Redis } from 'ioredis';
import { unavailable } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { Bus, BusHandler } from './port.js';
import { deliver, toWire } from './wire.js';

export async function createRedisBus(options: { url: string; prefix: string }): Promise<Bus> {
  const publisher = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  for (const c of [publisher, subscriber]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis bus connection error'));
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (err) {
    publisher.disconnect();
    subscriber.disconnect();
    throw err;
  }

  const channelPrefix = `${options.prefix}:`;
  const channels = new Map<string, Channel>();
  subscriber.on('message', (redisChannel: string, wire: string) => {
    if (!redisChannel.startsWith(channelPrefix)) return;
    const channel = redisChannel.slice(channelPrefix.length);
    const entry = channels.get(channel);
    if (!entry?.handlers.size) return;
    try {
      JSON.parse(wire);
    } catch {
      return logger.warn({ channel }, 'bus message is not JSON: dropped');
    }
    for (const h of [...entry.handlers]) deliver(h.handler, wire, channel);
  });

  let closing: Promise<void> | undefined;
  return {
    async publish(channel, message) {
      await publisher.publish(channelPrefix + channel, toWire(message)).catch(unavailable('bus'));
    },

    async subscribe(channel, handler) {
      let entry = channels.get(channel);
      if (!entry) {
        const created: Channel = { handlers: new Set(), confirmed: subscriber.subscribe(channelPrefix + channel).then(() => undefined) };
        // A refused SUBSCRIBE must not poison the channel for later subscribers.
        created.confirmed.catch(() => channels.get(channel) === created && channels.delete(channel));
        channels.set(channel, (entry = created));
      }
      const subscription = { handler };
      entry.handlers.add(subscription);
      try {
        // Every subscriber waits for the confirmation, also the ones that found the channel open.
        await entry.confirmed;
      } catch (err) {
        entry.handlers.delete(subscription);
        throw err;
      }
      const subscribed = entry;
      return async () => {
        if (!subscribed.handlers.delete(subscription) || subscribed.handlers.size) return;
        if (channels.get(channel) !== subscribed) return;
        channels.delete(channel);
        // Commands on one connection run in order: a later SUBSCRIBE to this channel wins.
        await subscriber.unsubscribe(channelPrefix + channel).catch(() => undefined);
      };
    },

    close() {
      closing ??= (async () => {
        channels.clear();
        await Promise.all([quit(publisher), quit(subscriber)]);
      })();
      return closing;
    },
  };
}

interface Channel {
  handlers: Set<{ handler: BusHandler }>;
  /** Resolves once Redis confirmed the SUBSCRIBE. */
  confirmed: Promise<void>;
}

async function quit(connection: Redis): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}
