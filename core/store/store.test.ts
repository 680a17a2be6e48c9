import { describe, it } from 'vitest';
import { createMongoStore } from './mongo.js';
import { createMemoryStore } from './memory.js';
import { storeContract } from './contract.js';
import { embeddedMongoStore } from '../../test/support/mongo.js';

storeContract('memory', async () => ({ store: createMemoryStore(), stop: async () => undefined }));
storeContract('embedded jongodb (MongoDB wire protocol)', embeddedMongoStore);

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  storeContract('MongoDB at MONGO_URL', async () => {
    const store = await createMongoStore({ url: mongoUrl, dbName: `contract_${Date.now()}` });
    return { store, stop: () => store.close() };
  });
} else {
  console.warn('SKIPPED (MONGO_URL unset): Store contract against a real MongoDB');
  describe.skip('Store contract: MongoDB at MONGO_URL', () => it('needs MONGO_URL', () => undefined));
}
