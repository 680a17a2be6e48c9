// What `npm start` prints once the node answers: where each app is, how to sign in, and what
// kind of store keeps the data.
import type { DemoSeed } from '../core/demo/seed.js';
import type { Core } from '../core/runtime/boot.js';

export function startBanner(core: Core, url: string, seed: DemoSeed | null): string {
  const base = (core.config.PUBLIC_URL ?? url.replace('//0.0.0.0:', '//localhost:')).replace(/\/$/, '');
  const lines = [
    '',
    `Pass is running at ${base}/  (node ${core.nodeId}, role ${core.role})`,
    '',
    `  Home                ${base}/`,
    `  Admin               ${base}/admin/`,
    `  LaBoutik (terminal) ${base}/laboutik/`,
    `  Display (balances)  ${base}/display/`,
    `  Dashboard (live)    ${base}/dashboard/`,
  ];
  for (const c of seed?.collectives ?? []) lines.push(`  Lespass ${c.name.padEnd(12)} ${base}/${c.slug}/`);
  lines.push(`  API                 ${base}/api/collectives`, `  Health              ${base}/healthz  ${base}/readyz`);
  if (seed) {
    lines.push('', 'Demo logins (POST /api/auth/login or the admin app):');
    for (const l of seed.logins) lines.push(`  ${l.email.padEnd(30)} ${l.password.padEnd(16)} ${l.collective ? `admin of ${l.collective.name}` : 'operator (whole installation)'}`);
    for (const note of seed.notes) lines.push(`  ${note}`);
    if (core.adapters.storeKind === 'sqlite') lines.push('  These passwords are printed this once: the data file keeps only their hashes.');
  } else if (core.adapters.storeKind === 'sqlite') {
    lines.push('', 'Data from earlier runs was found, so no demo was seeded. Demo logins are printed only by the start', 'that seeds them (passwords are kept hashed). To start a fresh demo, stop Pass and move the data file away.');
  }
  lines.push('', storeNote(core), '');
  return lines.join('\n');
}

function storeNote(core: Core): string {
  switch (core.adapters.storeKind) {
    case 'sqlite':
      return [
        `Data: ${core.adapters.storeWhere} (SQLite; every acknowledged payment is on disk before its answer).`,
        '      Back it up while running: npm run backup -- FILE. Several nodes: MongoDB (MONGO_URL) and Redis (REDIS_URL).',
      ].join('\n');
    case 'embedded-mongo':
      return 'WARNING: STORE=mongo without MONGO_URL: the built-in MongoDB-compatible server (jongodb) keeps data IN MEMORY ONLY:\n         everything is lost when this process stops. For trying the MongoDB path only; unset STORE for the durable SQLite file.';
    case 'memory':
      return 'WARNING: STORE=memory keeps data in this process only: everything is lost when it stops.';
    case 'remote':
      return 'WARNING: STORE=remote uses the harness store server at STORE_URL (memory only): for benchmarks and chaos runs, not production.';
    default:
      return `Store: MongoDB at MONGO_URL; ${core.adapters.redis ? 'bus, leases and jobs: Redis at REDIS_URL' : 'bus, leases and jobs in process (set REDIS_URL to run several nodes)'}.`;
  }
}
