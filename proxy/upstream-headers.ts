/**
 * Headers for a forwarded request: the client's MCP headers (allow list) plus the server's
 * upstream credentials, decrypted from the instance cache. A credential that cannot be read throws:
 * forwarding without it would send an unauthenticated request the admin did not intend.
 */
import type { ProxyGrant } from "@/lib/db/proxy-store";
import type { ProxyInstance } from "./context";
import { buildUpstreamHeaders } from "./headers";

export async function upstreamHeadersFor(proxy: ProxyInstance, request: Request, grant: ProxyGrant): Promise<Record<string, string>> {
  const credentials = await proxy.lookups.findCredentials(grant.orgId, grant.serverId);
  return buildUpstreamHeaders(request, credentials);
}
