// Serves the built UIs (ui/dist, made by `npm run build:ui`): hashed assets as static files,
// and each single-page app's index.html for every path it owns, so deep links survive a reload:
//   /  → home      /admin/*, /laboutik/*, /display/*, /dashboard/* → that app
//   /<collective-slug>/* → lespass
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, type Router } from 'express';
import { reservedSlugs } from '../../core/collectives/schemas.js';
import { laboutikShell, laboutikShellPath } from './laboutik-shell.js';
import { publicRouter } from './tenant.js';

export const defaultUiDir = resolve(fileURLToPath(new URL('../../ui/dist', import.meta.url)));
export const uiApps = ['home', 'lespass', 'admin', 'laboutik', 'display', 'dashboard', 'door'] as const;
const prefixedApps = ['admin', 'laboutik', 'display', 'dashboard', 'door'] as const;

export function uiRoutes(uiDir = defaultUiDir): Router {
  const router = publicRouter();
  if (!existsSync(uiDir)) {
    router.get('/', (_req, res) => {
      res.type('html').send('<!doctype html><title>Pass</title><p>Pass is running. The web apps are not built: run <code>npm run build:ui</code> and restart.</p><p><a href="/healthz">/healthz</a> · <a href="/api/collectives">/api/collectives</a></p>');
    });
    return router;
  }
  router.use(
    express.static(uiDir, {
      index: false,
      // Vite names assets by content hash: they never change, index.html always may.
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  router.get(laboutikShellPath, laboutikShell); // before the /laboutik/* page: the terminal's offline shell
  router.get('/', spa(uiDir, 'home'));
  for (const app of prefixedApps) router.get(`/${app}{/*rest}`, spa(uiDir, app));
  router.get('/:slug{/*rest}', (req, res, next) => {
    const slug = String(req.params.slug);
    const last = req.path.split('/').pop() ?? '';
    // A missing file (/assets/x.js, /favicon.ico) or an API path stays a 404, not a page.
    if (reservedSlugs.has(slug) || last.includes('.')) return next();
    return spa(uiDir, 'lespass')(req, res, next);
  });
  return router;
}

function spa(uiDir: string, app: (typeof uiApps)[number]): RequestHandler {
  // Vite writes an entry where it sits under ui/: the home page may be ui/index.html (root).
  const candidates = app === 'home' ? [join(uiDir, 'home', 'index.html'), join(uiDir, 'index.html')] : [join(uiDir, app, 'index.html')];
  return (_req, res, next) => {
    const index = candidates.find((file) => existsSync(file));
    if (!index) return next();
    res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
  };
}
