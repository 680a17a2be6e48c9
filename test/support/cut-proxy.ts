// A TCP proxy in front of an app node that can cut the terminals' socket while still serving
// the web app: what a tablet sees when the server stops answering it (the page itself still
// loads from the same address, so a reload works and shows what the device kept). Loopback only.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
  url: string;
  /** Closes every WebSocket and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function cutProxy(target: { host: string; port: number }): Promise<CutProxy> {
  let isCut = false;
  const upgrades = new Set<Socket>();
  const all = new Set<Socket>();
  const server: Server = createServer((client) => {
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of all) s.destroy();
        server.close(() => resolve());
      }),
  };
}
