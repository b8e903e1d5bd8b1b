import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * A bare socket.io server in its own process, the memory baseline for the hub
 * (bench/routing-load.ts reads this process's VmRSS). Prints its port on stdout.
 */
const http = createServer();
const server = new Server(http);
server.on('connection', (socket) => {
  socket.join(`client:${socket.id}`);
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`raw socket.io ready on ${(http.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  http.close(() => process.exit(0));
});
