import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/session";
import { getGrant } from "@/lib/db/grants";
import { getServer } from "@/lib/db/servers";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "../../../../_components/or-not-found";
import { EditGrantForm } from "./_components/edit-grant-form";

export const metadata = { title: "Edit grant" };

type Props = { params: Promise<{ orgSlug: string; serverId: string; grantId: string }> };

/** Editing a grant is an admin power, like minting it: other roles get the same 404 as a foreign or unknown grant. */
export default async function EditGrantPage({ params }: Props) {
  const { orgSlug, serverId, grantId } = await params;
  const { org } = await requireOrgMember(orgSlug, "admin");
  const [server, grant] = await Promise.all([orNotFound(getServer({ orgId: org.id, serverId })), orNotFound(getGrant({ orgId: org.id, grantId }))]);
  // A grant reached through another server's path is treated as missing.
  if (grant.serverId !== server.id) notFound();
  const isExpired = grant.expiresAt !== null && grant.expiresAt.getTime() <= Date.now();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        eyebrow={<Link href={`/${org.slug}/servers/${server.id}`}>← {server.name}</Link>}
        title={`Edit grant ${grant.label}`}
        description={
          <>
            Token <span className="font-mono">{grant.prefix}…</span> keeps working; a new expiry applies to the agent's next call.
            {grant.revokedAt ? ` This grant was revoked on ${formatDateTime(grant.revokedAt)}; editing it does not restore access.` : null}
          </>
        }
      />
      <Card>
        <CardBody>
          <EditGrantForm
            orgSlug={org.slug}
            grantId={grant.id}
            label={grant.label}
            // datetime-local shows minutes in UTC, as the field's label says.
            expiresAt={grant.expiresAt ? grant.expiresAt.toISOString().slice(0, 16) : null}
            isExpired={isExpired}
            cancelHref={`/${org.slug}/servers/${server.id}`}
          />
        </CardBody>
      </Card>
    </div>
  );
}
