// A store on the real MongoDB wire protocol for tests: a fresh embedded jongodb per call.
import { startJongodb } from '../../core/store/jongodb.js';
import { createMongoStore } from '../../core/store/mongo.js';
import type { Store } from '../../core/store/port.js';

export async function embeddedMongoStore(): Promise<{ store: Store; stop(): Promise<void> }> {
  const server = await startJongodb();
  const store = await createMongoStore({ url: server.uri, dbName: `test_${Date.now()}` });
  return {
    store,
    async stop() {
      await store.close();
      await server.stop();
    },
  };
}
