// An online backup of the SQLite data file, safe while Pass runs: one read transaction of the
// WAL (VACUUM INTO) writes a consistent, compact copy beside the target, the copy is checked,
// then renamed into place, so a backup file is either whole or absent.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteFile, StoreOpenError } from './sqlite-file.js';

export interface BackupReport {
  source: string;
  target: string;
  bytes: number;
  documents: number;
}

export function backupSqlite(sourcePath: string, targetPath: string): BackupReport {
  const target = resolve(targetPath);
  if (resolve(sourcePath) === target) throw new StoreOpenError('the backup must go to another file than the data file');
  if (existsSync(target)) throw new StoreOpenError(`${target} exists already: name a new file (a backup never overwrites one)`);
  if (!existsSync(dirname(target))) throw new StoreOpenError(`folder ${dirname(target)} does not exist`);
  const partial = `${target}.partial-${process.pid}`;
  const source = openSqliteFile({ path: sourcePath, mode: 'reader' });
  try {
    rmSync(partial, { force: true });
    source.db.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  try {
    const copy = new Database(partial, { readonly: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
      const documents = countDocuments(copy);
      copy.close();
      renameSync(partial, target);
      return { source: resolve(sourcePath), target, bytes: statSync(target).size, documents };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function countDocuments(db: Database.Database): number {
  const tables = db.prepare('SELECT tbl FROM _collections').all() as Array<{ tbl: string }>;
  return tables.reduce((sum, { tbl }) => sum + (db.prepare(`SELECT count(*) AS n FROM "${tbl}"`).get() as { n: number }).n, 0);
}
