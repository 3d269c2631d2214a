/**
 * A TCP relay in front of the PostgreSQL server, so a test can cut this process's database
 * connections (and refuse new ones) without stopping the shared server other tests use.
 */
import net, { type AddressInfo } from "node:net";

export type TcpRelay = { port: number; cut: () => void; restore: () => void; close: () => Promise<void> };

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  let isCut = false;
  const server = net.createServer((client) => {
    if (isCut) return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      isCut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      isCut = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Puts a relay in front of the PostgreSQL server named by DATABASE_URL and points DATABASE_URL at
 * it. Call it at the top of a test file, before anything opens the database, so every connection
 * of the file goes through the relay. Without DATABASE_URL (embedded PGlite) there is nothing to
 * relay and it returns undefined.
 */
export async function relayDatabaseUrl(): Promise<TcpRelay | undefined> {
  const env = process.env as Record<string, string | undefined>;
  if (!env.DATABASE_URL) return undefined;
  const url = new URL(env.DATABASE_URL);
  const relay = await startTcpRelay({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${relay.port}`;
  env.DATABASE_URL = url.toString();
  return relay;
}
