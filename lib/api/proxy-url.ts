import { getEnv } from "@/lib/env";

/** The MCP endpoint agents use for a server: the configured public URL, else this request's origin. */
export function proxyUrlFor({ request, serverId }: { request: Request; serverId: string }): string {
  const base = getEnv().TOOLGATE_PUBLIC_URL ?? new URL(request.url).origin;
  return `${base.replace(/\/+$/, "")}/mcp/${serverId}`;
}
