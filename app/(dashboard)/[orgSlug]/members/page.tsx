import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { listPendingInvitations } from "@/lib/db/invitations";
import { listMembers } from "@/lib/db/members";
import { formatDateTime } from "@/lib/format";
import { InviteForm } from "./_components/invite-form";
import { MemberRowActions } from "./_components/member-row-actions";
import { RevokeInvitationButton } from "./_components/revoke-invitation-button";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org, role, user } = await requireOrgMember(orgSlug);
  const isAdmin = hasRole(role, "admin");
  const [members, invitations] = await Promise.all([listMembers({ orgId: org.id }), isAdmin ? listPendingInvitations({ orgId: org.id }) : []]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Members"
        description="Viewers read everything but secrets; policy managers also edit policies and decide approvals; admins manage servers, grants, members and keys."
      />
      {isAdmin ? (
        <Card>
          <CardHeader>
            <CardTitle>Invite a member</CardTitle>
          </CardHeader>
          <CardBody>
            <InviteForm orgSlug={org.slug} />
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{members.length === 1 ? "1 member" : `${members.length} members`}</CardTitle>
        </CardHeader>
        <Table caption="Members">
          <THead>
            <TR>
              <TH>Member</TH>
              <TH>Role</TH>
              <TH>Joined</TH>
              {isAdmin ? <TH className="text-right">Actions</TH> : null}
            </TR>
          </THead>
          <TBody>
            {members.map((member) => (
              <TR key={member.id} data-testid={`member-${member.email}`}>
                <TD>
                  <div className="font-medium">{member.name ?? member.email}</div>
                  <div className="text-xs text-zinc-500">
                    {member.email}
                    {member.userId === user.id ? " (you)" : ""}
                  </div>
                </TD>
                <TD>
                  <Badge tone={member.role === "admin" ? "blue" : "neutral"} data-testid="member-role">
                    {ROLE_LABELS[member.role]}
                  </Badge>
                </TD>
                <TD>{formatDateTime(member.createdAt)}</TD>
                {isAdmin ? (
                  <TD className="text-right">
                    <MemberRowActions orgSlug={org.slug} membershipId={member.id} role={member.role} email={member.email} />
                  </TD>
                ) : null}
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
      {isAdmin && invitations.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
          </CardHeader>
          <Table caption="Pending invitations">
            <THead>
              <TR>
                <TH>For</TH>
                <TH>Role</TH>
                <TH>Expires</TH>
                <TH className="text-right">Actions</TH>
              </TR>
            </THead>
            <TBody>
              {invitations.map((invitation) => (
                <TR key={invitation.id}>
                  <TD>{invitation.email ?? "Anyone with the link"}</TD>
                  <TD>{ROLE_LABELS[invitation.role]}</TD>
                  <TD>{formatDateTime(invitation.expiresAt)}</TD>
                  <TD className="text-right">
                    <RevokeInvitationButton orgSlug={org.slug} invitationId={invitation.id} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
