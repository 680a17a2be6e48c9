// `npm run verify-z -- <export.json | closure-archive.zip>`: checks offline a Z chain export
// (numbering, links, content hashes) or a closure archive (signature, file hashes, closure and Z
// hashes, totals). Exit code 0 when intact, 1 when tampered or malformed, 2 on usage errors.
import { readFileSync } from 'node:fs';
import { verifyClosureArchive } from '../closures/archive.js';
import { verifyZExport } from './z-print.js';

function main(argv: string[]): number {
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: npm run verify-z -- <z-chain-export.json>\n');
    return 2;
  }
  if (file.endsWith('.zip')) return checkArchive(file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const result = verifyZExport(data);
  if (result.ok) {
    process.stdout.write(`OK: ${result.count} Z ticket(s), chain intact\n`);
    return 0;
  }
  process.stdout.write(`TAMPERED: ${result.errors.length} problem(s) in ${result.count} Z ticket(s)\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  return 1;
}

function checkArchive(file: string): number {
  let zip: Buffer;
  try {
    zip = readFileSync(file);
  } catch (err) {
    process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const result = verifyClosureArchive(zip);
  const what = result.closure ? `${result.closure.kind} ${result.closure.period}, ${result.closure.zCount} Z ticket(s)` : file;
  if (result.ok) {
    process.stdout.write(`OK: closure archive ${what}, signed by key ${result.keyFingerprint}, intact\n`);
    return 0;
  }
  process.stdout.write(`TAMPERED: ${result.errors.length} problem(s) in ${what}\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
