import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { RiskBadge } from "@/components/risk-badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { hasRole } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { listPolicies } from "@/lib/db/policies";
import { getServer } from "@/lib/db/servers";
import { getTool } from "@/lib/db/tools";
import { classifyTool, RISK_CLASS_INFO, suggestedRuleFor } from "@/lib/policy/risk";
import { orNotFound } from "../../../_components/or-not-found";
import { ApplyRuleForm } from "./_components/apply-rule-form";
import { DriftCard } from "./_components/drift-card";
import { ToolHowTo } from "./_components/tool-how-to";

export const metadata = { title: "Tool" };

/** Tool names may contain any character; a malformed escape is looked up as written (and then 404s). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function ToolPage({ params }: { params: Promise<{ orgSlug: string; serverId: string; toolName: string }> }) {
  const { orgSlug, serverId, toolName: encoded } = await params;
  const toolName = safeDecode(encoded);
  const { org, role } = await requireOrgMember(orgSlug);
  const [server, tool] = await Promise.all([
    orNotFound(getServer({ orgId: org.id, serverId })),
    orNotFound(getTool({ orgId: org.id, serverId, name: toolName })),
  ]);
  const policies = await listPolicies({ orgId: org.id, serverId });
  const info = RISK_CLASS_INFO[tool.riskClass];
  const { reasons } = classifyTool({ name: tool.name, description: tool.description ?? undefined, annotations: tool.annotations ?? undefined });
  const recommended = JSON.stringify({ tools: { [tool.name]: suggestedRuleFor(tool.riskClass, tool.name) } }, null, 2);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={<Link href={`/${org.slug}/servers/${server.id}`}>← {server.name}</Link>}
        title={<span className="font-mono">{tool.name}</span>}
        description={tool.title ?? undefined}
        actions={<RiskBadge riskClass={tool.riskClass} suffix=" risk" />}
      />
      <Card>
        <CardHeader>
          <CardTitle>Risk: {info.label}</CardTitle>
        </CardHeader>
        <CardBody className="space-y-3 text-sm text-zinc-700">
          <p>{info.explanation}</p>
          <p className="text-zinc-500">Why this class: {reasons.join("; ")}.</p>
        </CardBody>
      </Card>
      {tool.drift ? (
        <DriftCard
          orgSlug={org.slug}
          serverId={server.id}
          toolName={tool.name}
          drift={tool.drift}
          driftedAt={tool.driftedAt}
          isAdmin={hasRole(role, "admin")}
        />
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Description</CardTitle>
        </CardHeader>
        <CardBody className="text-sm whitespace-pre-wrap text-zinc-700">{tool.description ?? "The server gives no description."}</CardBody>
      </Card>
      <CodeBlock code={JSON.stringify(tool.inputSchema ?? {}, null, 2)} title="Input schema" language="json" />
      <Card>
        <CardHeader description="The rule its risk class suggests. Applying it saves a new version of the chosen policy with this tool's rule replaced.">
          <CardTitle>Recommended rule</CardTitle>
        </CardHeader>
        <CardBody className="space-y-4">
          <CodeBlock code={recommended} title="policy fragment" language="json" />
          {hasRole(role, "policy_manager") ? (
            <ApplyRuleForm orgSlug={org.slug} serverId={server.id} toolName={tool.name} policies={policies.map((p) => ({ id: p.id, name: p.name }))} />
          ) : null}
        </CardBody>
      </Card>
      <ToolHowTo toolName={tool.name} />
    </div>
  );
}
