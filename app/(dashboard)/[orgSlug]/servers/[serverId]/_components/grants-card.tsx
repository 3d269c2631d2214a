import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { GrantDto } from "@/lib/db/grants";
import { formatDateTime } from "@/lib/format";
import { attachPolicyAction, revokeGrantAction } from "../actions";
import { MintGrantForm } from "./mint-grant-form";
import { RotateGrantButton } from "./rotate-grant-button";

type Props = { orgSlug: string; serverId: string; grants: GrantDto[]; policies: Array<{ id: string; name: string }>; isAdmin: boolean; canAttach: boolean };

function grantStatus(grant: GrantDto, now: Date) {
  if (grant.revokedAt) return <Badge tone="gray">Revoked</Badge>;
  if (grant.expiresAt && grant.expiresAt <= now) return <Badge tone="gray">Expired</Badge>;
  if (!grant.policyId) return <Badge tone="amber">No policy: calls denied</Badge>;
  return <Badge tone="green">Active</Badge>;
}

export function GrantsCard({ orgSlug, serverId, grants, policies, isAdmin, canAttach }: Props) {
  const now = new Date();
  return (
    <Card>
      <CardHeader description="One grant per agent. The token is shown once at mint and rotate; Toolgate keeps only its hash and the prefix below.">
        <CardTitle>Grants ({grants.length})</CardTitle>
      </CardHeader>
      {grants.length === 0 ? (
        <div className="p-5">
          <EmptyState title="No grants yet" description="Mint a grant for each agent, attach a policy, and give the agent the proxy URL with the token." />
        </div>
      ) : (
        <Table caption="Grants" data-testid="grants-table">
          <THead>
            <TR>
              <TH>Label</TH>
              <TH>Status</TH>
              <TH>Policy</TH>
              <TH>Expires</TH>
              <TH>Last used</TH>
              {isAdmin ? <TH className="text-right">Actions</TH> : null}
            </TR>
          </THead>
          <TBody>
            {grants.map((grant) => {
              const isLive = !grant.revokedAt;
              return (
                <TR key={grant.id} data-testid={`grant-${grant.label}`}>
                  <TD>
                    <div className="font-medium">{grant.label}</div>
                    <div className="font-mono text-xs text-zinc-500">{grant.prefix}…</div>
                  </TD>
                  <TD>{grantStatus(grant, now)}</TD>
                  <TD>
                    {canAttach && isLive ? (
                      <ActionForm action={attachPolicyAction} fields={{ orgSlug, grantId: grant.id }} successMessage="Saved.">
                        <Select name="policyId" defaultValue={grant.policyId ?? ""} aria-label={`Policy of ${grant.label}`} className="w-44">
                          <option value="">No policy</option>
                          {policies.map((policy) => (
                            <option key={policy.id} value={policy.id}>
                              {policy.name}
                            </option>
                          ))}
                        </Select>
                        <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…">
                          Attach
                        </SubmitButton>
                      </ActionForm>
                    ) : (
                      (grant.policyName ?? "—")
                    )}
                  </TD>
                  <TD>{grant.expiresAt ? formatDateTime(grant.expiresAt) : "Never"}</TD>
                  <TD>{formatDateTime(grant.lastUsedAt)}</TD>
                  {isAdmin ? (
                    <TD className="text-right">
                      {isLive ? (
                        <div className="flex flex-col items-end gap-2">
                          <Link
                            href={`/${orgSlug}/servers/${serverId}/grants/${grant.id}/edit`}
                            className={buttonClassName("secondary", "sm")}
                            aria-label={`Edit label and expiry of ${grant.label}`}
                            data-testid={`edit-${grant.label}`}
                          >
                            Edit
                          </Link>
                          <RotateGrantButton orgSlug={orgSlug} grantId={grant.id} label={grant.label} />
                          <ActionForm action={revokeGrantAction} fields={{ orgSlug, grantId: grant.id }}>
                            <ConfirmButton label="Revoke" message="The agent loses access on its next call." testId={`revoke-${grant.label}`} />
                          </ActionForm>
                        </div>
                      ) : null}
                    </TD>
                  ) : null}
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      {isAdmin ? (
        <CardBody className="border-t border-zinc-200">
          <MintGrantForm orgSlug={orgSlug} serverId={serverId} policies={policies} />
        </CardBody>
      ) : null}
    </Card>
  );
}
