import Link from "next/link";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { CreatePolicyForm } from "./create-policy-form";

type PolicyRow = { id: string; name: string; version: number; updatedAt: Date; grantCount: number };

export function PoliciesCard({
  orgSlug,
  serverId,
  basePath,
  policies,
  canEdit,
}: {
  orgSlug: string;
  serverId: string;
  basePath: string;
  policies: PolicyRow[];
  canEdit: boolean;
}) {
  return (
    <Card>
      <CardHeader description="A policy decides which tools a grant may call, with which arguments and how often. Every save is a new version.">
        <CardTitle>Policies ({policies.length})</CardTitle>
      </CardHeader>
      {policies.length === 0 ? (
        <div className="p-5">
          <EmptyState
            title="No policies yet"
            description="Without a policy, a grant's calls are denied. Create one from the suggested starter: default deny, with a rule per tool based on its risk."
          />
        </div>
      ) : (
        <Table caption="Policies" data-testid="policies-table">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Version</TH>
              <TH>Grants</TH>
              <TH>Updated</TH>
            </TR>
          </THead>
          <TBody>
            {policies.map((policy) => (
              <TR key={policy.id}>
                <TD>
                  <Link href={`${basePath}/policies/${policy.id}`} className="font-medium text-accent-700 hover:underline">
                    {policy.name}
                  </Link>
                </TD>
                <TD>v{policy.version}</TD>
                <TD>{policy.grantCount}</TD>
                <TD>{formatDateTime(policy.updatedAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {canEdit ? (
        <CardBody className="border-t border-zinc-200">
          <CreatePolicyForm orgSlug={orgSlug} serverId={serverId} />
        </CardBody>
      ) : null}
    </Card>
  );
}
