// A TCP proxy in front of an app node, on loopback: `cut` closes the terminals' sockets while the
// web app still loads (the server stops answering the till); `down` stops listening altogether
// and closes every connection (the server is gone for the browser), `up` listens again on the
// same port.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
  url: string;
  /** Closes every WebSocket and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function cutProxy(target: { host: string; port: number }): Promise<CutProxy> {
  let isCut = false;
  const upgrades = new Set<Socket>();
  const all = new Set<Socket>();
  const server: Server = createServer();
  server.on('connection', (client) => {
    all.add(client);
    client.on('close', () => all.delete(client));
    client.once('data', (first) => {
      const head = first.subarray(0, 2048).toString('latin1');
      const isUpgrade = /^upgrade:\s*websocket/im.test(head) || head.startsWith('GET /socket.io');
      if (isUpgrade && isCut) return client.destroy();
      const upstream = connect(target.port, target.host);
      if (isUpgrade) upgrades.add(client);
      client.on('close', () => {
        upgrades.delete(client);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.write(first);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      isCut = true;
      for (const s of upgrades) s.destroy();
    },
    restore() {
      isCut = false;
    },
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of all) s.destroy();
      }),
    up: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of all) s.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
