import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { acceptInvitation, createInvitation, previewInvitation, revokeInvitation } from "@/lib/db/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/lib/db/members";
import { listOrganizationsForUser } from "@/lib/db/orgs";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";

describe("organisations and members", () => {
  it("creates an organisation with its creator as admin and an admin event", async () => {
    const { user, org } = await createTestOrg("acme");
    const orgs = await listOrganizationsForUser({ userId: user.id });
    expect(orgs).toEqual([expect.objectContaining({ id: org.id, role: "admin" })]);
    const db = await getDb();
    const events = await db.adminEvent.findMany({ where: { orgId: org.id } });
    expect(events.map((event) => event.action)).toEqual(["org.created"]);
  });

  it("invites by one-time link, joins with the invited role, and the link cannot be reused", async () => {
    const { org, actor } = await createTestOrg("inv");
    const { token } = await createInvitation({ orgId: org.id, role: "viewer", actor });
    expect(token).toMatch(/^tgi_/);
    expect(await previewInvitation({ token })).toMatchObject({ role: "viewer" });
    const invitee = await createTestUser("invitee");
    await acceptInvitation({ token, user: invitee });
    const members = await listMembers({ orgId: org.id });
    expect(members.find((member) => member.userId === invitee.id)?.role).toBe("viewer");
    const other = await createTestUser("other");
    await expect(acceptInvitation({ token, user: other })).rejects.toMatchObject({ code: "not_found" });
    expect(await previewInvitation({ token })).toBeNull();
  });

  it("stores only a hash of the invitation token", async () => {
    const { org, actor } = await createTestOrg("hash");
    const { token } = await createInvitation({ orgId: org.id, role: "admin", actor });
    const db = await getDb();
    const row = await db.invitation.findFirstOrThrow({ where: { orgId: org.id } });
    expect(row.tokenHash).not.toContain(token.slice(4));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("refuses an invitation addressed to another email, and a revoked one", async () => {
    const { org, actor } = await createTestOrg("addr");
    const { token } = await createInvitation({ orgId: org.id, role: "viewer", email: "someone@example.test", actor });
    const stranger = await createTestUser("stranger");
    await expect(acceptInvitation({ token, user: stranger })).rejects.toMatchObject({ code: "forbidden" });
    const { invitation, token: second } = await createInvitation({ orgId: org.id, role: "viewer", actor });
    await revokeInvitation({ orgId: org.id, invitationId: invitation.id, actor });
    await expect(acceptInvitation({ token: second, user: stranger })).rejects.toMatchObject({ code: "not_found" });
  });

  it("changes roles and removes members, recording admin events", async () => {
    const { org, actor } = await createTestOrg("roles");
    const member = await createTestUser("member");
    const membershipId = await addMember(org.id, member, "viewer");
    const updated = await changeMemberRole({ orgId: org.id, membershipId, role: "policy_manager", actor });
    expect(updated.role).toBe("policy_manager");
    await removeMember({ orgId: org.id, membershipId, actor });
    expect((await listMembers({ orgId: org.id })).some((m) => m.userId === member.id)).toBe(false);
    const db = await getDb();
    const actions = (await db.adminEvent.findMany({ where: { orgId: org.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["org.created", "member.role_changed", "member.removed"]);
  });

  it("keeps at least one admin", async () => {
    const { user, org, actor } = await createTestOrg("last");
    const [self] = await listMembers({ orgId: org.id });
    expect(self?.userId).toBe(user.id);
    await expect(changeMemberRole({ orgId: org.id, membershipId: self!.id, role: "viewer", actor })).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember({ orgId: org.id, membershipId: self!.id, actor })).rejects.toMatchObject({ code: "conflict" });
  });

  it("treats another organisation's membership id as not found", async () => {
    const a = await createTestOrg("a");
    const b = await createTestOrg("b");
    const [bAdmin] = await listMembers({ orgId: b.org.id });
    await expect(changeMemberRole({ orgId: a.org.id, membershipId: bAdmin!.id, role: "viewer", actor: a.actor })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeMember({ orgId: a.org.id, membershipId: bAdmin!.id, actor: a.actor })).rejects.toMatchObject({ code: "not_found" });
    expect((await listMembers({ orgId: b.org.id })).length).toBe(1);
  });
});
