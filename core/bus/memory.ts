import type { Bus, BusHandler } from './port.js';
import { deliver, toWire } from './wire.js';

/**
 * In-process bus, for one node (embedded mode) and tests. It behaves like the Redis one where
 * callers could notice: delivery is asynchronous (a later microtask), in publish order, and each
 * subscription gets its own JSON copy, so nothing can rely on sharing objects with the publisher.
 */
export function createMemoryBus(): Bus {
  const channels = new Map<string, Set<Subscription>>();
  return {
    async publish(channel, message) {
      const subscriptions = channels.get(channel);
      if (!subscriptions?.size) return;
      const wire = toWire(message);
      queueMicrotask(() => {
        for (const s of [...subscriptions]) deliver(s.handler, wire, channel);
      });
    },
    async subscribe(channel, handler) {
      let subscriptions = channels.get(channel);
      if (!subscriptions) channels.set(channel, (subscriptions = new Set()));
      // A wrapper per call: the same function subscribed twice is two subscriptions, and each
      // unsubscribe removes only its own.
      const subscription: Subscription = { handler };
      subscriptions.add(subscription);
      return async () => {
        subscriptions.delete(subscription);
      };
    },
    async close() {
      channels.clear();
    },
  };
}

interface Subscription {
  handler: BusHandler;
}
