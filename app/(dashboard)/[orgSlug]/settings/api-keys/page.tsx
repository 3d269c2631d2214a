import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { type ApiKeyDto, listApiKeys } from "@/lib/db/api-keys";
import { formatDateTime } from "@/lib/format";
import { CreateApiKeyForm } from "./_components/create-api-key-form";
import { RevokeApiKeyButton } from "./_components/revoke-api-key-button";

export const metadata = { title: "API keys" };

function keyStatus(key: ApiKeyDto, now: Date): { label: string; tone: "green" | "gray" | "red" } {
  if (key.revokedAt) return { label: "Revoked", tone: "red" };
  if (key.expiresAt && key.expiresAt <= now) return { label: "Expired", tone: "gray" };
  return { label: "Active", tone: "green" };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org } = await requireOrgMember(orgSlug, "admin");
  const keys = await listApiKeys({ orgId: org.id });
  const now = new Date();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="API keys"
        description="Keys for the REST API and the toolgate command line. Each acts with one role in this organisation; every change it makes is recorded under its name in the admin events."
        actions={
          <Link className="text-sm text-indigo-700 hover:underline" href={`/${org.slug}/settings/api`}>
            API reference →
          </Link>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Create a key</CardTitle>
        </CardHeader>
        <CardBody>
          <CreateApiKeyForm orgSlug={org.slug} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Keys</CardTitle>
        </CardHeader>
        {keys.length === 0 ? (
          <CardBody>
            <EmptyState title="No API keys yet" description="Create one above for a CI pipeline or a script." />
          </CardBody>
        ) : (
          <Table caption="API keys">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Key</TH>
                <TH>Role</TH>
                <TH>Status</TH>
                <TH>Last used</TH>
                <TH>Expires</TH>
                <TH className="text-right">Actions</TH>
              </TR>
            </THead>
            <TBody>
              {keys.map((key) => {
                const status = keyStatus(key, now);
                return (
                  <TR key={key.id} data-testid={`api-key-${key.name}`}>
                    <TD className="font-medium">{key.name}</TD>
                    <TD>
                      <code className="text-xs">{key.prefix}…</code>
                    </TD>
                    <TD>{ROLE_LABELS[key.role]}</TD>
                    <TD>
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </TD>
                    <TD>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</TD>
                    <TD>{key.expiresAt ? formatDateTime(key.expiresAt) : "Never"}</TD>
                    <TD className="text-right">{status.label === "Active" ? <RevokeApiKeyButton orgSlug={org.slug} apiKeyId={key.id} /> : null}</TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
