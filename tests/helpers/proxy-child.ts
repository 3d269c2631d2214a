/**
 * A proxy instance in its own process (for multi-process limits and the SIGKILL test). Run with
 * `node --import ./scripts/node-hooks.mjs tests/helpers/proxy-child.ts`; it inherits the database
 * and secrets from the environment and prints `ready <url>` once it serves.
 */
import { createProxy } from "@/proxy/create-proxy";
import { startProxyServer } from "./proxy-server";

const proxy = createProxy();
await proxy.ready;
const server = await startProxyServer(proxy);
process.stdout.write(`ready ${server.url}\n`);
process.on("SIGTERM", async () => {
  await server.close();
  await proxy.close();
  process.exit(0);
});
