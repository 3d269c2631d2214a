import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOrgMember } from "@/lib/auth/session";

export const metadata = { title: "Servers" };

export default async function ServersPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  await requireOrgMember(orgSlug);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Servers" description="The upstream MCP servers your agents reach through Toolgate." />
      <EmptyState title="No servers yet" description="Register an upstream MCP server to get its proxy URL, then mint a grant token for each agent." />
    </div>
  );
}
