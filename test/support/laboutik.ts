// A booted app node (HTTP + Socket.IO, port 0) with two collectives A and B, each with a signed-in
// admin, a local currency and Pass cards: what LaBoutik tests (API, terminals, browser) start from.
import { io as connectClient } from 'socket.io-client';
import type { Currencies } from '../../core/money/currencies.js';
import type { Ledger } from '../../core/money/ledger.js';
import type { Cards } from '../../core/pass/cards.js';
import type { Core } from '../../core/runtime/boot.js';
import type { PosRoutesCore } from '../../gateways/http/routes/pos.js';
import type { TerminalCore } from '../../gateways/socket/terminal.js';
import { boot, collectiveWithAdmin, login, type BootOptions, type BootedNode } from './boot.js';
import type { TerminalClient } from './terminal.js';

export type LaBoutikCore = Core & PosRoutesCore & TerminalCore & { currencies: Currencies; cards: Cards; ledger: Ledger };

export interface Tenant {
  collectiveId: string;
  cookie: string;
  cards: string[];
}

export interface LaBoutikNode extends BootedNode {
  core: LaBoutikCore;
  a: Tenant;
  b: Tenant;
  /** JSON API call; `cookie` signs it in (omit for a public call). */
  api(method: string, path: string, options?: { cookie?: string; body?: unknown }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  /** A terminal client on /terminal, connected (rejects with the refusal code). */
  terminal(token: unknown): Promise<TerminalClient>;
}

export async function bootLaBoutik(options: BootOptions = {}): Promise<LaBoutikNode> {
  const node = await boot(options);
  const core = node.core as LaBoutikCore;
  if (!core.pos || !core.terminals || !core.pass) {
    await node.close();
    throw new Error('the Core has no pass/pos modules yet (core/runtime/services.ts)');
  }
  const clients: TerminalClient[] = [];
  const tenant = async (name: string, prefix: string): Promise<Tenant> => {
    const admin = await collectiveWithAdmin(node.core, name);
    await core.currencies.defineCollectiveCurrencies(admin.collectiveId, `Local ${name}`, name);
    const cards: string[] = [];
    for (let i = 0; i < 3; i++) {
      const uid = `${prefix}${i.toString(16).toUpperCase().padStart(6, '0')}`;
      await core.pass.registerCard({ uid, number: `${prefix}-${i}`, issuerId: admin.collectiveId });
      cards.push(uid);
    }
    return { collectiveId: admin.collectiveId, cookie: await login(node.url, admin.email, admin.password), cards };
  };
  const a = await tenant('Alpha', 'A1');
  const b = await tenant('Beta', 'B1');

  return {
    ...node,
    core,
    a,
    b,
    async api(method, path, { cookie, body } = {}) {
      const res = await fetch(`${node.url}${path}`, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: parseJson(text), text, headers: res.headers };
    },
    terminal(token) {
      const client: TerminalClient = connectClient(`${node.url}/terminal`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
      clients.push(client);
      return new Promise((resolve, reject) => {
        client.once('connect', () => resolve(client));
        client.once('connect_error', reject);
      });
    },
    async close() {
      clients.forEach((c) => c.close());
      await node.close();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON (HTML, PDF, CSV): read `text`
  }
}
