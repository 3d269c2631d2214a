import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClassName } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { listServers } from "@/lib/db/servers";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Servers" };

export default async function ServersPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org, role } = await requireOrgMember(orgSlug);
  const servers = await listServers({ orgId: org.id });
  const isAdmin = hasRole(role, "admin");
  const addLink = isAdmin ? (
    <Link href={`/${org.slug}/servers/new`} className={buttonClassName("primary")} data-testid="add-server">
      Add server
    </Link>
  ) : undefined;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Servers" description="The upstream MCP servers your agents reach through Toolgate." actions={addLink} />
      {servers.length === 0 ? (
        <EmptyState
          title="No servers yet"
          description={
            isAdmin
              ? "Add an upstream MCP server: Toolgate tests the connection, lists its tools and gives you a proxy URL. Then mint a grant token for each agent."
              : "An admin of this organisation adds upstream MCP servers; they appear here with their tools and policies."
          }
          action={addLink}
        />
      ) : (
        <Table caption="Servers" data-testid="servers-table">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Upstream URL</TH>
              <TH>Tools refreshed</TH>
              <TH>Added</TH>
            </TR>
          </THead>
          <TBody>
            {servers.map((server) => (
              <TR key={server.id}>
                <TD>
                  <Link href={`/${org.slug}/servers/${server.id}`} className="font-medium text-accent-700 hover:underline">
                    {server.name}
                  </Link>
                </TD>
                <TD className="font-mono text-xs break-all">{server.url}</TD>
                <TD>{formatDateTime(server.toolsRefreshedAt)}</TD>
                <TD>{formatDateTime(server.createdAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
