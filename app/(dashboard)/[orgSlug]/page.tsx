import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/session";
import { getOrganizationCounts } from "@/lib/db/orgs";
import { formatNumber } from "@/lib/format";

export const metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org } = await requireOrgMember(orgSlug);
  const counts = await getOrganizationCounts({ orgId: org.id });
  const checklist = [
    { done: counts.servers > 0, label: "Register an upstream MCP server", href: `/${org.slug}/servers` },
    { done: counts.policies > 0, label: "Write a policy for it", href: `/${org.slug}/servers` },
    { done: counts.grants > 0, label: "Mint a grant token for an agent", href: `/${org.slug}/servers` },
    { done: counts.callsLast24h > 0, label: "Point the agent at the proxy URL and make a call", href: `/${org.slug}/calls` },
    { done: counts.members > 1, label: "Invite your team", href: `/${org.slug}/members` },
  ];
  const stats = [
    { label: "Servers", value: counts.servers },
    { label: "Active grants", value: counts.grants },
    { label: "Calls (24 h)", value: counts.callsLast24h },
    { label: "Denials (24 h)", value: counts.denialsLast24h },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={org.name} description="What your agents did, and what Toolgate stopped." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((stat) => (
          <Card key={stat.label}>
            <CardBody>
              <div className="text-sm text-zinc-500">{stat.label}</div>
              <div className="text-2xl font-semibold" data-testid={`stat-${stat.label}`}>
                {formatNumber(stat.value)}
              </div>
            </CardBody>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Set-up checklist</CardTitle>
        </CardHeader>
        <CardBody>
          <ol className="flex flex-col gap-2">
            {checklist.map((item) => (
              <li key={item.label} className="flex items-center gap-3">
                <span aria-hidden className={item.done ? "text-green-600" : "text-zinc-400"}>
                  {item.done ? "✓" : "○"}
                </span>
                <Link href={item.href} className={item.done ? "text-zinc-500 line-through" : "text-indigo-700 hover:underline"}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ol>
        </CardBody>
      </Card>
    </div>
  );
}
