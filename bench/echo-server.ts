// The bare transport ceiling: a Socket.IO server that only acks `echo`. Run as a child process
// so it costs what the app would cost in its own process; prints its port on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'] });
io.of('/terminal').on('connection', (socket) => {
  socket.on('echo', (payload: unknown, ack?: (r: unknown) => void) => ack?.({ ok: true, payload }));
});
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ECHO_PORT=${(httpServer.address() as AddressInfo).port}\n`);
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
