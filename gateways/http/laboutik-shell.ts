// The LaBoutik terminal's service worker, served at /laboutik/sw.js: it keeps the app's page and
// its assets so a tablet reloaded (or rebooted) with no network still opens the till, reads its
// offline journal from IndexedDB and keeps selling within the offline policy. Network first:
// online, the page is always the current one; the cache only answers when the network fails.
// API calls and the socket never go through it. (Service workers exist only in secure contexts:
// https, or the tablet opening http://127.0.0.1 / localhost.)
import type { RequestHandler } from 'express';

export const laboutikShellPath = '/laboutik/sw.js';

const source = `
const cacheName = 'laboutik-shell-v1';
const shell = '/laboutik/';

async function precache() {
  const cache = await caches.open(cacheName);
  const page = await fetch(shell, { cache: 'no-store' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put(shell, page);
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\\/assets\\/[^"]+)"/g)].map((m) => m[1]))];
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => event.waitUntil(precache().catch(() => undefined).then(() => self.skipWaiting())));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io')) return;
  const page = request.mode === 'navigate';
  if (!page && !url.pathname.startsWith('/assets/')) return;
  const key = page ? shell : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(cacheName).then((cache) => cache.put(key, copy)));
        }
        return response;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});
`;

export const laboutikShell: RequestHandler = (_req, res) => {
  res.type('application/javascript').set({ 'Cache-Control': 'no-cache', 'Service-Worker-Allowed': '/laboutik/' }).send(source);
};
