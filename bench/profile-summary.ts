// Summarises a V8 profile of the bench: a .cpuprofile (time) or a .heapprofile (bytes allocated),
// by function: self (in the function itself) and total (with what it calls), so a cost spread
// over helpers is seen at its caller.
// Usage: tsx bench/profile-summary.ts bench/results/run-*.cpuprofile|.heapprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
}

interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** A stack (innermost frame first) and what it weighs: a CPU sample, or bytes allocated there. */
type Weighted = { stack: string[]; weight: number };

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
const file = positionals[0];
if (!file || positionals.length > 1) throw new Error('usage: tsx bench/profile-summary.ts <one .cpuprofile or .heapprofile> [--top 25]');
const raw = JSON.parse(readFileSync(file, 'utf8'));
const isHeap = 'head' in raw;
const weighted = isHeap ? heapStacks(raw.head as HeapNode) : cpuStacks(raw as { nodes: CpuNode[]; samples: number[] });

const self = new Map<string, number>();
const total = new Map<string, number>();
let sum = 0;
for (const { stack, weight } of weighted) {
  sum += weight;
  add(self, stack[0], weight);
  for (const key of new Set(stack)) add(total, key, weight); // once per stack, however deep the recursion
}
const unit = isHeap ? `${(sum / 1024 / 1024).toFixed(1)} MB allocated (sampled)` : `${sum} samples`;
print('self', self);
print('total (self + callees)', total);

function cpuStacks(profile: { nodes: CpuNode[]; samples: number[] }): Weighted[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  return profile.samples.map((id) => {
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) stack.push(keyOf(byId.get(at)!.callFrame));
    return { stack, weight: 1 };
  });
}

function heapStacks(head: HeapNode): Weighted[] {
  const out: Weighted[] = [];
  const walk = (node: HeapNode, outer: string[]) => {
    const stack = [keyOf(node.callFrame), ...outer];
    if (node.selfSize > 0) out.push({ stack, weight: node.selfSize });
    for (const child of node.children) walk(child, stack);
  };
  walk(head, []);
  return out;
}

function keyOf({ functionName, url }: CallFrame): string {
  const where = url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'node_modules/' : '')).slice(-60);
  return `${functionName || '(anonymous)'}  ${where}`;
}

function add(map: Map<string, number>, key: string, weight: number): void {
  map.set(key, (map.get(key) ?? 0) + weight);
}

function print(title: string, map: Map<string, number>): void {
  console.log(`\n${title}, of ${unit}:`);
  for (const [key, weight] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${((100 * weight) / sum).toFixed(1).padStart(5)}%  ${key}`);
}
