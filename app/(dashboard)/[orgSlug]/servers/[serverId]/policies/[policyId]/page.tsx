import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { PageHeader } from "@/components/layout/page-header";
import { DryRunForm } from "@/components/policy/dry-run-form";
import { PolicyJsonEditor } from "@/components/policy/policy-json-editor";
import { SimulatorForm } from "@/components/policy/simulator-form";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { hasRole } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { getPolicy, listPolicyVersions } from "@/lib/db/policies";
import { listTools } from "@/lib/db/tools";
import { listSchemaFields } from "@/lib/policy-builder/schema-fields";
import { formatPolicyDocument } from "@/lib/policy-format";
import { orNotFound } from "../../../_components/or-not-found";
import { deletePolicyAction, dryRunAction, savePolicyAction, simulateCallAction } from "../actions";
import { VersionsCard } from "./_components/versions-card";
import { VisualBuilder } from "./_components/visual-builder";

export const metadata = { title: "Policy" };

type Props = { params: Promise<{ orgSlug: string; serverId: string; policyId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PolicyPage({ params, searchParams }: Props) {
  const { orgSlug, serverId, policyId } = await params;
  const { org, role } = await requireOrgMember(orgSlug);
  const policy = await orNotFound(getPolicy({ orgId: org.id, policyId }));
  // A policy reached through another server's path is treated as missing.
  if (policy.serverId !== serverId) notFound();
  const [versions, tools] = await Promise.all([listPolicyVersions({ orgId: org.id, policyId }), listTools({ orgId: org.id, serverId })]);
  const query = await searchParams;
  const canEdit = hasRole(role, "policy_manager");
  const base = `/${org.slug}/servers/${serverId}`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={<Link href={base}>← Server</Link>}
        title={`Policy ${policy.name}`}
        description={`Version ${policy.version}. Saving validates the document and creates version ${policy.version + 1}; proxies serve it on their next request.`}
        actions={
          canEdit ? (
            // The action redirects to the server page on success; only a failure stays here.
            <ActionForm action={deletePolicyAction} fields={{ orgSlug: org.slug, policyId: policy.id }}>
              <ConfirmButton label="Delete policy" message="Grants using it will have no policy: their calls are denied." testId="delete-policy" />
            </ActionForm>
          ) : undefined
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Editor</CardTitle>
        </CardHeader>
        <CardBody>
          <PolicyJsonEditor
            orgSlug={org.slug}
            policyId={policy.id}
            initialText={formatPolicyDocument(policy.document)}
            saveAction={savePolicyAction}
            isReadOnly={!canEdit}
          />
        </CardBody>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader description="What the proxy would decide for one call under the current version, with the catalogue's input schema.">
            <CardTitle>Test a call</CardTitle>
          </CardHeader>
          <CardBody>
            <SimulatorForm
              orgSlug={org.slug}
              policyId={policy.id}
              toolNames={tools.map((tool) => tool.name)}
              draftSourceId="policy-document"
              simulateAction={simulateCallAction}
            />
          </CardBody>
        </Card>
        <VersionsCard
          orgSlug={org.slug}
          policy={policy}
          versions={versions}
          basePath={`${base}/policies/${policy.id}`}
          selected={{ view: Number(query.view) || null, diff: Number(query.diff) || null }}
          canEdit={canEdit}
        />
      </div>
      <Card>
        <CardHeader description="How the last days of real calls on this server would fare, tool by tool. Rows that change are highlighted.">
          <CardTitle>Dry run</CardTitle>
        </CardHeader>
        <CardBody>
          <DryRunForm orgSlug={org.slug} policyId={policy.id} draftSourceId="policy-document" dryRunAction={dryRunAction} />
        </CardBody>
      </Card>
      {canEdit ? (
        <VisualBuilder
          orgSlug={org.slug}
          policy={policy}
          tools={tools.map((tool) => ({ name: tool.name, riskClass: tool.riskClass, fields: listSchemaFields(tool.inputSchema) }))}
        />
      ) : null}
    </div>
  );
}
