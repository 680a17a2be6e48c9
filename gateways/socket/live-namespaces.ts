// Attaches the live views to an app node: /display (public) and /dashboard (admin session
// cookie from the handshake, the same session as the HTTP API).
import type { Server } from 'socket.io';
import type { Core } from '../../core/runtime/boot.js';
import { clientAddress, trustProxy } from '../http/client-address.js';
import { crossSiteRefusal } from '../http/same-origin.js';
import { principalFromCookieHeader } from '../http/session.js';
import { attachDashboardNamespace } from './dashboard.js';
import { attachDisplayNamespace } from './display.js';

export async function attachLiveNamespaces(io: Server, core: Core): Promise<void> {
  const trusted = trustProxy(core.config.TRUST_PROXY);
  await attachDisplayNamespace(io, {
    pass: core.pass,
    bus: core.bus,
    addressOf: (socket) => clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trusted),
  });
  attachDashboardNamespace(io, {
    live: core.live,
    bus: core.bus,
    authenticate: async (socket) => {
      // The cookie is ambient: a page of another site could open this socket with it.
      if (crossSiteRefusal(socket.handshake.headers, core.config.PUBLIC_URL)) return null;
      const who = await principalFromCookieHeader(core, socket.handshake.headers.cookie);
      if (!who) return null;
      return { collectiveId: who.role === 'operator' ? null : who.collectiveId };
    },
    openRegisters: async (collectiveId) => (await core.pos.openSessions(collectiveId)).map((s) => ({ posId: s.posId, openedAt: s.openedAt, float: s.float })),
    currencyNames: async (assets) => Object.fromEntries(await Promise.all(assets.map(async (asset) => [asset, await core.currencies.name(asset)] as const))),
  });
}
