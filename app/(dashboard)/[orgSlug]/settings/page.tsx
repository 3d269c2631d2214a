import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { hasRole } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { getApprovalWebhook } from "@/lib/db/approval-webhook";
import { ApprovalWebhookForm } from "./_components/approval-webhook-form";
import { SettingsForm } from "./_components/settings-form";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org, role } = await requireOrgMember(orgSlug);
  const isAdmin = hasRole(role, "admin");
  const webhook = isAdmin ? await getApprovalWebhook({ orgId: org.id }) : null;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description="Organisation name, log retention and the admin audit trail." />
      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
        </CardHeader>
        <CardBody>
          <SettingsForm orgSlug={org.slug} name={org.name} retentionDays={org.retentionDays} isEditable={isAdmin} />
        </CardBody>
      </Card>
      {isAdmin ? (
        <Card>
          <CardHeader>
            <CardTitle>Admin events</CardTitle>
          </CardHeader>
          <CardBody>
            <Link className="text-indigo-700 hover:underline" href={`/${org.slug}/events`}>
              See every change made in this organisation →
            </Link>
          </CardBody>
        </Card>
      ) : null}
      {webhook ? (
        <Card>
          <CardHeader description="Announce each new approval request to a URL of yours (chat, paging), so an approver can act within the hold time.">
            <CardTitle>Approval webhook</CardTitle>
          </CardHeader>
          <CardBody>
            <ApprovalWebhookForm orgSlug={org.slug} url={webhook.url} />
          </CardBody>
        </Card>
      ) : null}
      {isAdmin ? (
        <Card>
          <CardHeader>
            <CardTitle>API keys</CardTitle>
          </CardHeader>
          <CardBody className="flex flex-col gap-2">
            <Link className="text-indigo-700 hover:underline" href={`/${org.slug}/settings/api-keys`}>
              Manage keys for the REST API and the toolgate command line →
            </Link>
            <Link className="text-indigo-700 hover:underline" href={`/${org.slug}/settings/api`}>
              API reference →
            </Link>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
