// The HTTP face of one node: JSON API, health probes, built UIs. Every answer that is not a
// page is JSON; every error goes through the one error middleware (errors.ts).
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Core } from '../../core/runtime/boot.js';
import { limits } from '../../core/shared/limits.js';
import { logger } from '../../core/shared/logger.js';
import { trustProxy } from './client-address.js';
import { errorHandler, notFound } from './errors.js';
import { sameOriginWrites } from './same-origin.js';
import { securityHeaders } from './security-headers.js';
import { authRoutes } from './routes/auth.js';
import { adminCollectiveRoutes, publicCollectiveRoutes } from './routes/collectives.js';
import { adminOfflineRoutes } from './routes/offline.js';
import { adminPosRoutes, publicPosRoutes } from './routes/pos.js';
import { lespassRoutes } from './routes/lespass.js';
import { lespassAdminRoutes } from './routes/lespass-admin.js';
import { promotionRoutes } from './routes/promotions.js';
import { loyaltyRoutes } from './routes/loyalty.js';
import { adminSubscriptionRoutes, publicSubscriptionRoutes } from './routes/subscriptions.js';
import { adminStaffRoutes } from './routes/staff.js';
import { adminSettlementRoutes } from './routes/settlements.js';
import { paymentRoutes } from './routes/payments.js';
import { adminCurrencyRoutes } from './routes/currencies.js';
import { opsRoutes } from './routes/ops.js';
import { adminCardRoutes } from './routes/cards.js';
import { adminCardDeskRoutes } from './routes/card-desk.js';
import { adminPaybackRoutes, publicPaybackRoutes } from './routes/payback.js';
import { isDemoProvider } from '../../core/payments/from-config.js';
import { adminDoorRoutes, publicDoorRoutes } from './routes/door.js';
import { adminRouter, publicRouter } from './tenant.js';
import { uiRoutes } from './ui.js';

export interface HttpAppOptions {
  /** Folder of the built UIs; default ui/dist. */
  uiDir?: string;
  /** Answers /readyz 503 once the node is draining (set by the server on shutdown). */
  isStopping?: () => boolean;
}

export function createHttpApp(core: Core, options: HttpAppOptions = {}): Express {
  const app = express();
  app.locals.core = core;
  app.disable('x-powered-by');
  // X-Forwarded-For only from the proxies TRUST_PROXY names (none by default): client-address.ts.
  const trusted = trustProxy(core.config.TRUST_PROXY);
  app.set('trust proxy', (address: string) => trusted(address));
  app.use(requestLogger());
  app.use(securityHeaders({ publicUrl: core.config.PUBLIC_URL }));

  const probes = publicRouter();
  probes.get('/healthz', (_req, res) => {
    res.json({ ok: true, nodeId: core.nodeId });
  });
  probes.get('/readyz', async (_req, res) => {
    const report = await core.ready();
    const ok = report.ok && !options.isStopping?.();
    res.status(ok ? 200 : 503).json({ ok, nodeId: core.nodeId, checks: report.checks, ...(options.isStopping?.() ? { stopping: true } : {}) });
  });
  app.use(probes);

  // Before any JSON parser: the webhook signature is over the raw body.
  const payments = publicRouter(); // Stripe signs its webhooks; demo pages are the payer's own
  payments.use(paymentRoutes({ jobs: core.jobs, provider: core.payments, demo: isDemoProvider(core.payments) ? core.payments : undefined }));
  app.use(payments);

  app.use('/api', sameOriginWrites({ publicUrl: core.config.PUBLIC_URL }));
  app.use('/api', express.json({ limit: limits.httpBodyBytes }));
  const publicApi = publicRouter();
  authRoutes(publicApi, core);
  publicCollectiveRoutes(publicApi, core);
  publicPosRoutes(publicApi, core);
  lespassRoutes(publicApi, core);
  publicSubscriptionRoutes(publicApi, core);
  publicPaybackRoutes(publicApi, core);
  publicDoorRoutes(publicApi, core);
  app.use('/api', publicApi);

  const adminApi = adminRouter();
  adminCollectiveRoutes(adminApi, core);
  adminPosRoutes(adminApi, core);
  adminOfflineRoutes(adminApi, core);
  lespassAdminRoutes(adminApi, core);
  promotionRoutes(adminApi, core);
  loyaltyRoutes(adminApi, core);
  adminSubscriptionRoutes(adminApi, core);
  adminDoorRoutes(adminApi, core);
  adminStaffRoutes(adminApi, core);
  adminSettlementRoutes(adminApi, core);
  adminCurrencyRoutes(adminApi, core);
  opsRoutes(adminApi, core);
  adminCardRoutes(adminApi, core);
  adminCardDeskRoutes(adminApi, core);
  adminPaybackRoutes(adminApi, core);
  app.use('/api', adminApi);

  app.use(uiRoutes(options.uiDir));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/** pino-http with a request id: the caller's x-request-id if sane, else a new one; echoed back. */
function requestLogger() {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
  });
}
