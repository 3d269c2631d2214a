/**
 * The route handlers of /mcp/[serverId]: one proxy instance per process, created on first use
 * (never at import time: `next build` imports route modules in worker processes).
 */
import { createProxy, type ToolgateProxy } from "./create-proxy";
import type { RouteContext } from "./request-facts";

const globalForProxy = globalThis as unknown as { toolgateProxy?: ToolgateProxy };

function getProxy(): ToolgateProxy {
  globalForProxy.toolgateProxy ??= createProxy();
  return globalForProxy.toolgateProxy;
}

export function GET(request: Request, context: RouteContext): Promise<Response> {
  return getProxy().GET(request, context);
}

export function POST(request: Request, context: RouteContext): Promise<Response> {
  return getProxy().POST(request, context);
}

export function DELETE(request: Request, context: RouteContext): Promise<Response> {
  return getProxy().DELETE(request, context);
}
