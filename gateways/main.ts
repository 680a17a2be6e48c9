// `npm start`: one app node. With no environment it runs embedded (jongodb store spawned here,
// in-process bus, leases and jobs) and seeds the demo; with MONGO_URL/REDIS_URL it is one node
// of the distributed shape (docker-compose.yml, `npm run start:cluster`).
import { seedDemo, shouldSeedDemo, type DemoSeed } from '../core/demo/seed.js';
import { bootCore } from '../core/runtime/boot.js';
import { configOrExit, exitOnConfigError, guardProcess, stopOnSignals } from '../core/runtime/entry.js';
import { logger } from '../core/shared/logger.js';
import { startBanner } from './banner.js';
import { startHttpServer } from './http/server.js';
import { startBackgroundWork } from '../workers/start.js';

async function main(): Promise<void> {
  guardProcess();
  const config = configOrExit();
  if (config.ROLE === 'worker') {
    process.stderr.write('ROLE=worker runs the job worker: use `npm run start:worker` (workers/main.ts)\n');
    process.exit(1);
  }
  const core = await bootCore(config).catch(exitOnConfigError);
  let seed: DemoSeed | null = null;
  try {
    if (core.runsJobs) await startBackgroundWork(core); // embedded: one process does it all
    if (await shouldSeedDemo(core)) seed = await seedDemo(core);
  } catch (err) {
    await core.close();
    throw err;
  }
  const http = await startHttpServer(core).catch(async (err) => {
    await core.close();
    throw err;
  });
  stopOnSignals(() => http.stop());
  process.stdout.write(startBanner(core, http.url, seed) + '\n');
}

main().catch((err) => {
  logger.fatal({ err }, 'start-up failed');
  process.stderr.write(`start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
