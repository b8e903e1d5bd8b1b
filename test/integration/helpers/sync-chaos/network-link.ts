import { createServer, type Server, Socket } from 'node:net';

/**
 * One desktop's network: a TCP relay between its socket.io client and the
 * hub. Cutting it closes every open connection and refuses new ones, so the
 * client sees what a pulled cable looks like (`transport close`, then its
 * own reconnect attempts failing) and socket.io's real reconnection runs. The
 * hub's port can change under it (a restarted hub listens anew).
 */
export type NetworkLink = {
  /** `http://127.0.0.1:<relay port>`: the hub URL this desktop is given. */
  url: string;
  readonly up: boolean;
  cut(): void;
  restore(): void;
  retarget(hubPort: number): void;
  close(): Promise<void>;
};

export async function openNetworkLink(hubPort: number): Promise<NetworkLink> {
  let target = hubPort;
  let up = true;
  const open = new Set<Socket>();

  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(target, '127.0.0.1', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no TCP port');

  const cutAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    get up() {
      return up;
    },
    cut() {
      up = false;
      cutAll();
    },
    restore() {
      up = true;
    },
    retarget(hubPort) {
      target = hubPort;
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
