// A store on the real MongoDB wire protocol for tests: a fresh embedded jongodb per call, so
// test files running in parallel never share a server. Keep each test's documents few (jongodb
// slows down past ~1,000 documents).
import { randomUUID } from 'node:crypto';
import { startJongodb } from '../../core/store/jongodb.js';
import { createMongoStore } from '../../core/store/mongo.js';
import type { Store } from '../../core/store/port.js';

export interface EmbeddedMongoStore {
  store: Store;
  /** The server's mongodb:// URI, for child processes that open their own store. */
  uri: string;
  /** Closes the store and kills the server; safe to call twice. */
  stop(): Promise<void>;
}

export async function embeddedMongoStore(): Promise<EmbeddedMongoStore> {
  const server = await startJongodb();
  try {
    const store = await createMongoStore({ url: server.uri, dbName: `test_${randomUUID().slice(0, 8)}` });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= store.close().finally(() => server.stop()));
    return { store, uri: server.uri, stop };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
