import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';

/**
 * The baseline for change fan-out: a bare socket.io server that broadcasts one
 * small message to N connected clients, timed from emit to arrival at one
 * observing client. Whatever the hub adds on top is measured against this.
 */
export async function rawFanoutLatencies(clients: number, rounds: number): Promise<number[]> {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < clients; i += 1) {
      sockets.push(connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true }));
    }
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.on('connect', () => resolve()))));
    const observer = sockets[sockets.length - 1] as Socket;
    const samples: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      const arrived = new Promise<number>((resolve) => observer.once('change', (sentAt: number) => resolve(performance.now() - sentAt)));
      server.emit('change', performance.now());
      samples.push(await arrived);
    }
    return samples;
  } finally {
    for (const s of sockets) s.disconnect();
    server.close();
    http.close();
  }
}
