// The store a command-line tool reads: MongoDB at MONGO_URL, else the embedded SQLite file in
// DATA_DIR, opened as a reader (no lock: safe beside a running Pass, WAL gives a snapshot).
import type { Config } from '../config/config.js';
import { sqlitePathOf } from '../config/config.js';
import type { Store } from '../store/port.js';

export async function openToolStore(config: Config): Promise<{ store: Store; where: string }> {
  if (config.MONGO_URL) {
    const { createMongoStore } = await import('../store/mongo.js');
    return { store: await createMongoStore({ url: config.MONGO_URL }), where: 'MONGO_URL' };
  }
  const { createSqliteStore } = await import('../store/sqlite.js');
  const path = sqlitePathOf(config);
  return { store: await createSqliteStore({ path, mode: 'reader' }), where: path };
}
