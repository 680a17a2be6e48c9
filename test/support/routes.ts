// Lists the routes an Express app really has, by walking its router stack (Express 5 /
// router 2): tests that must cover every route find routes added later by themselves.
import type { Express } from 'express';
import { isPublicRouter } from '../../gateways/http/tenant.js';

export interface RouteInfo {
  method: string;
  /** Express path syntax, mount paths included: /api/collectives/:collectiveId */
  path: string;
  /** Registered on a publicRouter() (anyone may call it). */
  isPublic: boolean;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | RegExp;
}

export function listRoutes(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', false, out);
  return out;
}

function walk(stack: Layer[], prefix: string, isPublic: boolean, out: RouteInfo[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method !== '_all') out.push({ method: method.toUpperCase(), path: joinPath(prefix, layer.route.path), isPublic });
      }
    } else if (layer.handle?.stack) {
      if (typeof layer.rawPath !== 'string') throw new Error('listRoutes: a router mounted on a RegExp path cannot be listed');
      walk(layer.handle.stack, joinPath(prefix, layer.rawPath), isPublic || isPublicRouter(layer.handle), out);
    }
  }
}

/** A concrete URL path for a route: each `:name` / `*name` from `values` (else a made-up id), optional parts kept. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/[{}]/g, '').replace(/[:*](\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? `${name}-of-nobody`));
}

function joinPath(a: string, b: string): string {
  const joined = `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
