// `npm run backup -- FILE`: a consistent copy of the embedded data file (DATA_DIR/pass.sqlite),
// made while Pass runs. Restore: stop Pass, put the copy in place of DATA_DIR/pass.sqlite (and
// remove pass.sqlite-wal and pass.sqlite-shm beside it), start Pass. Exit 0 when written, 1 if
// the backup failed, 2 on a usage error.
import { loadConfig, sqlitePathOf } from '../config/config.js';
import { backupSqlite } from './sqlite-backup.js';

function main(argv: string[]): number {
  const target = argv[0];
  if (!target || argv.length > 1) {
    process.stderr.write('usage: npm run backup -- FILE   (copies DATA_DIR/pass.sqlite to FILE while Pass runs)\n');
    return 2;
  }
  try {
    const report = backupSqlite(sqlitePathOf(loadConfig()), target);
    process.stdout.write(`backup of ${report.source} written to ${report.target}: ${report.documents} documents, ${(report.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`backup failed: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
