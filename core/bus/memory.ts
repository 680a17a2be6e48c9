import type { Bus, BusHandler } from './port.js';

/** In-process bus. Delivery is asynchronous (next microtask) and messages are copied, as over Redis. */
export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<BusHandler>>();
  return {
    async publish(channel, message) {
      const set = handlers.get(channel);
      if (!set?.size) return;
      const wire = JSON.stringify(message);
      queueMicrotask(() => {
        for (const h of [...set]) h(JSON.parse(wire), channel);
      });
    },
    async subscribe(channel, handler) {
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(handler);
      return async () => {
        set.delete(handler);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
