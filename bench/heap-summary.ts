// What a heap snapshot holds, by kind of object: how many and how many bytes (self size), so the
// objects that make a major GC long (it marks every live object) can be found.
// Usage: tsx bench/heap-summary.ts bench/results/run-*.heapsnapshot [--top 30]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '30' } }, allowPositionals: true });
if (positionals.length !== 1) throw new Error('usage: tsx bench/heap-summary.ts <one .heapsnapshot> [--top 30]');
const snapshot = JSON.parse(readFileSync(positionals[0], 'utf8')) as {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
};
const fields = snapshot.snapshot.meta.node_fields;
const types = snapshot.snapshot.meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
const byKind = new Map<string, { count: number; bytes: number }>();
let objects = 0;
let bytes = 0;
for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
  const type = types[snapshot.nodes[i + typeAt]];
  // Strings and numbers are grouped by type: their "name" is their content.
  const kind = ['string', 'concatenated string', 'sliced string', 'number', 'code', 'hidden'].includes(type) ? `(${type})` : `${snapshot.strings[snapshot.nodes[i + nameAt]]} (${type})`;
  const size = snapshot.nodes[i + sizeAt];
  const entry = byKind.get(kind) ?? { count: 0, bytes: 0 };
  entry.count++;
  entry.bytes += size;
  byKind.set(kind, entry);
  objects++;
  bytes += size;
}
console.log(`${objects} objects, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
console.log('by count:');
for (const [kind, e] of [...byKind].sort((a, b) => b[1].count - a[1].count).slice(0, Number(values.top))) {
  console.log(`${String(e.count).padStart(9)}  ${(e.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB  ${kind.slice(0, 90)}`);
}
