// `npm run start:worker`: a job worker of the distributed shape. It boots the same core as an
// app node (actors included: processors act through them) and consumes the job queues.
// Processors are registered by workers/start.ts, here and in the embedded `npm start` process.
// It answers /healthz and /readyz on PORT for the orchestrator, and nothing else.
import { createServer } from 'node:http';
import type { Core } from '../core/runtime/boot.js';
import { bootCore } from '../core/runtime/boot.js';
import { configOrExit, exitOnConfigError, guardProcess, stopOnSignals } from '../core/runtime/entry.js';
import { logger } from '../core/shared/logger.js';
import { startBackgroundWork } from './start.js';

async function main(): Promise<void> {
  guardProcess();
  const config = configOrExit({ ...process.env, ROLE: process.env.ROLE || 'worker' });
  if (!config.REDIS_URL || !config.MONGO_URL) {
    process.stderr.write('a worker shares jobs through Redis and data through MongoDB: set REDIS_URL and MONGO_URL (embedded `npm start` runs jobs in process)\n');
    process.exit(1);
  }
  const core = await bootCore(config).catch(exitOnConfigError);
  await startBackgroundWork(core);
  const probes = await listenForProbes(core);
  stopOnSignals(async () => {
    await new Promise((resolve) => probes.close(resolve));
    await core.close();
  });
  logger.info({ nodeId: core.nodeId, port: config.PORT }, 'worker ready: consuming job queues');
}

function listenForProbes(core: Core): Promise<ReturnType<typeof createServer>> {
  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/healthz') return answer(200, { ok: true, nodeId: core.nodeId });
    if (req.url !== '/readyz') return answer(404, { error: { code: 'NOT_FOUND', message: 'workers answer /healthz and /readyz only' } });
    core.ready().then(
      (report) => answer(report.ok ? 200 : 503, { ...report, nodeId: core.nodeId }),
      () => answer(503, { ok: false }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(core.config.PORT, core.config.HOST, () => resolve(server));
  });
}

main().catch((err) => {
  logger.fatal({ err }, 'worker start-up failed');
  process.stderr.write(`worker start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
