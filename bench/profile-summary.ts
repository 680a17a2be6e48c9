// Summarises a V8 .cpuprofile: the functions with the most self time, and with the most total
// time (self + what they call), so a cost spread over helpers is seen at its caller.
// Usage: tsx bench/profile-summary.ts bench/results/run-*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
const top = Number(values.top);
const file = positionals[0];
if (!file || positionals.length > 1) throw new Error('usage: tsx bench/profile-summary.ts <one .cpuprofile> [--top 25]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const id of profile.samples) {
  add(self, keyOf(byId.get(id)!));
  // Each function on the sample's stack once, however deep its recursion.
  const onStack = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) onStack.add(keyOf(byId.get(at)!));
  for (const key of onStack) add(total, key);
}

const samples = profile.samples.length;
print('self time', self);
print('total time (self + callees)', total);

function keyOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  const where = url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'node_modules/' : '')).slice(-60);
  return `${functionName || '(anonymous)'}  ${where}`;
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function print(title: string, map: Map<string, number>): void {
  console.log(`\n${title}, of ${samples} samples:`);
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * count) / samples).toFixed(1).padStart(5)}%  ${key}`);
}
