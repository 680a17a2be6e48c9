// Summarises a V8 .cpuprofile: the functions with the most self time, and where they live.
// Usage: tsx bench/profile-summary.ts bench/results/CPU.*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, , topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const byFrame = new Map<string, number>();
const hits = new Map<number, number>();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
let total = 0;
for (const node of profile.nodes) {
  const count = hits.get(node.id) ?? 0;
  total += count;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'node_modules/' : '')).slice(-60);
  const key = `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`;
  byFrame.set(key, (byFrame.get(key) ?? 0) + count);
}
const rows = [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`self time of ${total} samples:`);
for (const [key, count] of rows) console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
