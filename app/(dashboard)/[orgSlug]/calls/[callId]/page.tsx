import Link from "next/link";
import { notFound } from "next/navigation";
import { DecisionBadge } from "@/components/decision-badge";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/session";
import { type CallDto, getCall } from "@/lib/db/calls";
import { listPolicies } from "@/lib/db/policies";
import { listServers } from "@/lib/db/servers";
import { AppError } from "@/lib/errors";

export const metadata = { title: "Call" };

async function loadCall(orgId: string, callId: string): Promise<CallDto> {
  try {
    return await getCall({ orgId, callId });
  } catch (error) {
    // Foreign and unknown ids look the same: Next's 404.
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function CallPage({ params }: { params: Promise<{ orgSlug: string; callId: string }> }) {
  const { orgSlug, callId } = await params;
  const { org } = await requireOrgMember(orgSlug);
  const [call, servers] = await Promise.all([loadCall(org.id, callId), listServers({ orgId: org.id })]);
  const server = servers.find((candidate) => candidate.id === call.serverId);
  const policies = server && call.policyId ? await listPolicies({ orgId: org.id, serverId: server.id }) : [];
  const policyName = policies.find((policy) => policy.id === call.policyId)?.name;
  const logs = `/${org.slug}/calls`;
  const link = (href: string, text: string) => (
    <Link key={href} className="text-accent-700 hover:underline" href={href}>
      {text}
    </Link>
  );
  const rows: Array<[string, React.ReactNode]> = [
    ["Time", `${call.createdAt.toISOString().replace("T", " ").slice(0, 23)} UTC`],
    ["Decision", <DecisionBadge key="d" decision={call.decision} />],
    ["Code", <code key="c">{call.code}</code>],
    ["Rule", call.rule ? <code key="r">{call.rule}</code> : "—"],
    ["Message", call.message ?? "—"],
    ["Method", <code key="m">{call.method}</code>],
    ["Tool", call.tool ? <code key="t">{call.tool}</code> : "—"],
    ["Argument keys", call.argumentKeys.length > 0 ? call.argumentKeys.join(", ") : "—"],
    [
      "Server",
      server ? (
        <Link key="s" className="text-accent-700 hover:underline" href={`/${org.slug}/servers/${server.id}`}>
          {server.name}
        </Link>
      ) : (
        `${call.serverId} (deleted)`
      ),
    ],
    ["Grant", link(`${logs}?grantId=${encodeURIComponent(call.grantId)}`, `${call.grantLabel}: all its calls →`)],
    [
      "Policy",
      call.policyId && server && policyName
        ? link(`/${org.slug}/servers/${server.id}/policies/${call.policyId}`, `${policyName} v${call.policyVersion ?? "?"}`)
        : call.policyId
          ? `${call.policyId} v${call.policyVersion ?? "?"} (deleted)`
          : "—",
    ],
    ["Session", call.sessionId ?? "—"],
    ["Request id", call.requestId ?? "—"],
    ["Upstream", call.upstreamStatus === null ? "not forwarded" : `HTTP ${call.upstreamStatus} in ${call.upstreamMs ?? "?"} ms`],
    ["Total", `${call.totalMs} ms`],
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={<Link href={`/${org.slug}/calls`}>← Logs</Link>}
        title={call.tool ? `${call.method} · ${call.tool}` : call.method}
        description="Argument values are never stored; only the names of the top-level arguments are kept."
      />
      <Card>
        <CardHeader>
          <CardTitle>Call #{call.id}</CardTitle>
        </CardHeader>
        <CardBody>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]" data-testid="call-detail">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm font-medium text-zinc-500">{label}</dt>
                <dd className="text-sm break-words text-zinc-900">{value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
    </div>
  );
}
