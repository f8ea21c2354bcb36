import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface SilentHost {
  port: number;
  /** Drops every connection and stops listening. */
  close(): void;
}

/** A TCP server on 127.0.0.1 that accepts connections and never says a word (a stalled git host). */
export async function startSilentHost(): Promise<SilentHost> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
