// A Store that counts calls per collection and method, around any adapter: the benchmark's view
// of what a payment costs the database (group commit is judged by it).
import type { Collection, Doc, Store } from './port.js';

export interface CountingStore extends Store {
  callsByKind(): Record<string, number>;
}

export function countingStore(inner: Store): CountingStore {
  const counts = new Map<string, number>();
  const wrapped = new Map<string, Collection<Doc>>();
  return {
    ...inner,
    kind: inner.kind,
    collection<T extends Doc>(name: string): Collection<T> {
      let c = wrapped.get(name);
      if (!c) {
        const target = inner.collection<Doc>(name);
        c = new Proxy(target, {
          get(obj, prop, receiver) {
            const value = Reflect.get(obj, prop, receiver);
            if (typeof value !== 'function') return value;
            const key = `${name}.${String(prop)}`;
            return (...args: unknown[]) => {
              counts.set(key, (counts.get(key) ?? 0) + 1);
              return value.apply(obj, args);
            };
          },
        });
        wrapped.set(name, c);
      }
      return c as unknown as Collection<T>;
    },
    callCount: () => inner.callCount(),
    ping: () => inner.ping(),
    dropAll: () => inner.dropAll(),
    close: () => inner.close(),
    callsByKind: () => Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])),
  };
}
