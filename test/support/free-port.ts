// A TCP port free on 127.0.0.1 right now, for a child server that must be told its port up front
// (redis-server, a second app node). Another process could take it before the child binds it;
// on a test machine that window is negligible.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
