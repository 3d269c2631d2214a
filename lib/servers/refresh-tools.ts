import "server-only";
/**
 * Reads a server's tool list from the upstream with its stored credentials and records it in the
 * catalogue (new tools, drift, removals). The private-address rule is checked again here, because
 * a host name that resolved to a public address at registration may resolve elsewhere today.
 */
import type { Actor } from "@/lib/audit";
import { getServerUpstreamConfig } from "@/lib/db/servers";
import { upsertToolCatalogue } from "@/lib/db/tools";
import { fetchUpstreamTools } from "@/lib/mcp/fetch-upstream-tools";
import { assertPublicUpstream } from "@/lib/net/ssrf";

export async function refreshServerTools({
  orgId,
  serverId,
  actor,
}: {
  orgId: string;
  serverId: string;
  actor: Actor;
}): Promise<{ count: number; added: string[]; drifted: string[]; removed: string[] }> {
  const { url, headers } = await getServerUpstreamConfig({ orgId, serverId });
  await assertPublicUpstream(url);
  const tools = await fetchUpstreamTools({ url, headers });
  const changes = await upsertToolCatalogue({ orgId, serverId, tools, actor });
  return { count: tools.length, ...changes };
}
