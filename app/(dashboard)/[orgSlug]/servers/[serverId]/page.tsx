import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { listGrants } from "@/lib/db/grants";
import { listPolicies } from "@/lib/db/policies";
import { getServer } from "@/lib/db/servers";
import { listTools } from "@/lib/db/tools";
import { getPublicOrigin } from "@/lib/public-origin";
import { orNotFound } from "../_components/or-not-found";
import { GrantsCard } from "./_components/grants-card";
import { PoliciesCard } from "./_components/policies-card";
import { ProxyUrlCard } from "./_components/proxy-url-card";
import { ServerSettingsCard } from "./_components/server-settings-card";
import { ToolsCard } from "./_components/tools-card";

export const metadata = { title: "Server" };

export default async function ServerPage({ params }: { params: Promise<{ orgSlug: string; serverId: string }> }) {
  const { orgSlug, serverId } = await params;
  const { org, role } = await requireOrgMember(orgSlug);
  const server = await orNotFound(getServer({ orgId: org.id, serverId }));
  const [tools, policies, grants, origin] = await Promise.all([
    listTools({ orgId: org.id, serverId }),
    listPolicies({ orgId: org.id, serverId }),
    listGrants({ orgId: org.id, serverId }),
    getPublicOrigin(),
  ]);
  const base = `/${org.slug}/servers/${server.id}`;
  const can = { admin: hasRole(role, "admin"), policies: hasRole(role, "policy_manager") };
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={<Link href={`/${org.slug}/servers`}>← Servers</Link>}
        title={server.name}
        description={<span className="font-mono text-xs break-all">{server.url}</span>}
        actions={
          <Link href={`/${org.slug}/calls?serverId=${server.id}`} className="text-sm text-accent-700 hover:underline">
            View this server's logs →
          </Link>
        }
      />
      <ProxyUrlCard proxyUrl={`${origin}/mcp/${server.id}`} serverName={server.name} />
      <ToolsCard orgSlug={org.slug} serverId={server.id} basePath={base} tools={tools} isAdmin={can.admin} refreshedAt={server.toolsRefreshedAt} />
      <PoliciesCard orgSlug={org.slug} serverId={server.id} basePath={base} policies={policies} canEdit={can.policies} />
      <GrantsCard
        orgSlug={org.slug}
        serverId={server.id}
        grants={grants}
        policies={policies.map((policy) => ({ id: policy.id, name: policy.name }))}
        isAdmin={can.admin}
        canAttach={can.policies}
      />
      {can.admin ? <ServerSettingsCard orgSlug={org.slug} server={server} /> : null}
    </div>
  );
}
