/**
 * The approvals inbox: policy managers and admins approve or deny held calls, viewers see the list
 * without arguments and cannot decide, a second decision is a conflict, and another organisation's
 * approval looks exactly like a missing one and is left untouched.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decideApprovalAction } from "@/app/(dashboard)/[orgSlug]/approvals/actions";
import { removeApprovalWebhookAction, setApprovalWebhookAction } from "@/app/(dashboard)/[orgSlug]/settings/actions";
import { loadApprovalInbox } from "@/lib/approvals/inbox";
import type { Role } from "@/lib/auth/roles";
import { getApprovalWebhook } from "@/lib/db/approval-webhook";
import { countPendingApprovals, findOrCreatePendingApproval, getApproval } from "@/lib/db/approvals";
import { getDb } from "@/lib/db/client";
import { mintGrant } from "@/lib/db/grants";
import { createServer } from "@/lib/db/servers";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { formData, redirectTargetOf, revalidatedPaths, signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

const ARGS = { to: "ceo@example.test", amount: 1200, memo: { reason: "refund" } };

async function setup(prefix: string) {
  const { user, org, actor } = await createTestOrg(prefix);
  const server = await createServer({ orgId: org.id, data: { name: "payments", url: "https://example.test/mcp" }, actor });
  const { grant } = await mintGrant({ orgId: org.id, serverId: server.id, label: "billing-bot", actor });
  const hold = (tool = "send_payment", args: Record<string, unknown> = ARGS, timeoutMs = 600_000) =>
    findOrCreatePendingApproval({
      orgId: org.id,
      serverId: server.id,
      grantId: grant.id,
      tool,
      args,
      callHash: randomBytes(16).toString("hex"),
      timeoutMs,
    }).then(({ approval }) => approval);
  const member = async (role: Role) => {
    const user = await createTestUser(`${prefix}-${role}`);
    await addMember(org.id, user, role);
    return user;
  };
  return { admin: user, org, server, grant, hold, member };
}

async function countDecisionEvents(orgId: string): Promise<number> {
  const db = await getDb();
  return db.adminEvent.count({ where: { orgId, action: { in: ["approval.approved", "approval.denied"] } } });
}

afterEach(() => signInAs(null));

describe("deciding approvals from the dashboard", () => {
  it("lets a policy manager approve with a note and deny, records both and returns to the inbox", async () => {
    const { org, hold, member } = await setup("apr-decide");
    const [first, second] = [await hold("send_payment"), await hold("delete_invoice")];
    const manager = await member("policy_manager");
    signInAs(manager);

    const target = await redirectTargetOf(
      decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: first.id, decision: "approve", note: "  looks right " })),
    );
    expect(target).toBe(`/${org.slug}/approvals`);
    expect(revalidatedPaths).toContain(`/${org.slug}`);
    expect(await getApproval({ orgId: org.id, approvalId: first.id })).toMatchObject({
      status: "approved",
      note: "looks right",
      decidedByLabel: manager.email,
      decidedAt: expect.any(Date),
    });

    await redirectTargetOf(decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: second.id, decision: "deny", note: "" })));
    expect(await getApproval({ orgId: org.id, approvalId: second.id })).toMatchObject({ status: "denied", note: null });

    const db = await getDb();
    const event = await db.adminEvent.findFirstOrThrow({ where: { orgId: org.id, action: "approval.approved", targetId: first.id } });
    expect(event).toMatchObject({ actorUserId: manager.id, ip: "203.0.113.7" });
    expect(await countDecisionEvents(org.id)).toBe(2);
  });

  it("answers a second decision with a conflict and keeps the first", async () => {
    const { admin, org, hold } = await setup("apr-twice");
    const approval = await hold();
    signInAs(admin);
    await redirectTargetOf(decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: approval.id, decision: "deny" })));
    const again = await decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: approval.id, decision: "approve", note: "oops" }));
    expect(again).toMatchObject({ ok: false, code: "conflict", error: "This approval is already denied and can no longer be decided." });
    // The note typed into the form comes back so it is not lost.
    expect(again.ok ? null : again.values).toMatchObject({ note: "oops" });
    expect(await getApproval({ orgId: org.id, approvalId: approval.id })).toMatchObject({ status: "denied" });
    expect(await countDecisionEvents(org.id)).toBe(1);
  });

  it("refuses a viewer and a visitor without a session, and changes nothing", async () => {
    const { org, hold, member } = await setup("apr-viewer");
    const approval = await hold();
    signInAs(await member("viewer"));
    const asViewer = await decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: approval.id, decision: "approve" }));
    expect(asViewer).toMatchObject({ ok: false, code: "forbidden", error: "This needs the policy manager role or higher." });
    signInAs(null);
    const anonymous = await decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: approval.id, decision: "deny" }));
    expect(anonymous).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await getApproval({ orgId: org.id, approvalId: approval.id })).toMatchObject({ status: "pending", decidedAt: null });
    expect(await countDecisionEvents(org.id)).toBe(0);
  });

  it("keeps organisations apart: another organisation's approval is not found and stays pending", async () => {
    const a = await setup("apr-a");
    const b = await setup("apr-b");
    const foreignApproval = await b.hold();
    signInAs(a.admin);
    const foreign = await decideApprovalAction(null, formData({ orgSlug: a.org.slug, approvalId: foreignApproval.id, decision: "approve" }));
    const missing = await decideApprovalAction(null, formData({ orgSlug: a.org.slug, approvalId: "apr_missing", decision: "approve" }));
    expect(foreign).toMatchObject({ ok: false, code: "not_found", error: "Approval not found." });
    expect(missing).toMatchObject({ ok: false, code: "not_found", error: "Approval not found." });
    const otherOrg = await decideApprovalAction(null, formData({ orgSlug: b.org.slug, approvalId: foreignApproval.id, decision: "deny" }));
    expect(otherOrg).toMatchObject({ ok: false, code: "not_found", error: "Organisation not found." });
    const smuggled = await decideApprovalAction(null, formData({ orgSlug: a.org.slug, orgId: b.org.id, approvalId: foreignApproval.id, decision: "deny" }));
    expect(smuggled).toMatchObject({ ok: false, code: "not_found" });

    expect(await getApproval({ orgId: b.org.id, approvalId: foreignApproval.id })).toMatchObject({ status: "pending", decidedAt: null });
    expect(await countDecisionEvents(a.org.id)).toBe(0);
    expect(await countDecisionEvents(b.org.id)).toBe(0);
    // Nor does A's inbox show it.
    expect((await loadApprovalInbox({ orgId: a.org.id, role: "admin", view: "history" })).history?.items).toEqual([]);
    expect((await loadApprovalInbox({ orgId: a.org.id, role: "admin", view: "pending" })).pending).toEqual([]);
  });

  it("rejects an unknown decision and an over-long note next to the fields", async () => {
    const { admin, org, hold } = await setup("apr-invalid");
    const approval = await hold();
    signInAs(admin);
    const submit = (fields: Record<string, string>) => decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: approval.id, ...fields }));
    expect(await submit({ decision: "maybe" })).toMatchObject({ ok: false, code: "validation_failed", fieldErrors: { decision: ["Choose approve or deny."] } });
    expect(await submit({ decision: "approve", note: "x".repeat(501) })).toMatchObject({
      fieldErrors: { note: ["Keep the note under 500 characters."] },
    });
    expect(await getApproval({ orgId: org.id, approvalId: approval.id })).toMatchObject({ status: "pending" });
  });
});

describe("the inbox's data", () => {
  it("shows arguments to policy managers and admins only, and lets only them decide", async () => {
    const { org, hold } = await setup("apr-inbox");
    const approval = await hold();
    const asViewer = await loadApprovalInbox({ orgId: org.id, role: "viewer", view: "pending" });
    expect(asViewer).toMatchObject({ canDecide: false, canSeeArguments: false });
    expect(asViewer.pending).toEqual([
      expect.objectContaining({ id: approval.id, tool: "send_payment", grantLabel: "billing-bot", serverName: "payments", arguments: null }),
    ]);
    expect(JSON.stringify(asViewer)).not.toContain("ceo@example.test");
    for (const role of ["policy_manager", "admin"] as const) {
      const inbox = await loadApprovalInbox({ orgId: org.id, role, view: "pending" });
      expect(inbox).toMatchObject({ canDecide: true, canSeeArguments: true });
      expect(inbox.pending[0]?.arguments).toEqual(ARGS);
    }
  });

  it("lists waiting calls newest first, moves decided and expired ones to the history, and counts the badge", async () => {
    const { admin, org, hold } = await setup("apr-history");
    const decided = await hold("first");
    const expired = await hold("second");
    const waiting = await hold("third");
    // Request times a minute apart, and the second held call already past its expiry (no sleeping).
    const db = await getDb();
    const base = Date.now() - 10 * 60_000;
    for (const [index, approval] of [decided, expired, waiting].entries()) {
      await db.approval.update({ where: { id: approval.id }, data: { requestedAt: new Date(base + index * 60_000) } });
    }
    await db.approval.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    signInAs(admin);
    await redirectTargetOf(decideApprovalAction(null, formData({ orgSlug: org.slug, approvalId: decided.id, decision: "approve" })));
    const now = new Date();
    const inbox = await loadApprovalInbox({ orgId: org.id, role: "admin", view: "history", now });
    expect(inbox.pending.map((item) => item.id)).toEqual([waiting.id]);
    expect(inbox.history?.items.map((item) => [item.id, item.status])).toEqual([
      [expired.id, "expired"],
      [decided.id, "approved"],
    ]);
    expect(await countPendingApprovals({ orgId: org.id })).toEqual({ count: 1, isCapped: false });
  });
});

describe("the approval webhook setting", () => {
  it("lets an admin set it, shows the signing secret once, rotates it on save, and removes it", async () => {
    const { admin, org } = await setup("apr-hook");
    signInAs(admin);
    const saved = await setApprovalWebhookAction(null, formData({ orgSlug: org.slug, url: " https://hooks.example.test/toolgate " }));
    expect(saved).toMatchObject({ ok: true, data: { url: "https://hooks.example.test/toolgate", secret: expect.stringMatching(/^whsec_/) } });
    expect(await getApprovalWebhook({ orgId: org.id })).toEqual({ url: "https://hooks.example.test/toolgate" });
    const rotated = await setApprovalWebhookAction(null, formData({ orgSlug: org.slug, url: "https://hooks.example.test/toolgate" }));
    expect(rotated.ok && rotated.data.secret).not.toBe(saved.ok && saved.data.secret);
    // The secret is masked in the admin event.
    const db = await getDb();
    const events = await db.adminEvent.findMany({ where: { orgId: org.id, action: "approval_webhook.updated" } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events.map((event) => [event.before, event.after]))).not.toContain(saved.ok ? saved.data.secret : "never");

    expect(await removeApprovalWebhookAction(null, formData({ orgSlug: org.slug }))).toMatchObject({ ok: true, data: null });
    expect(await getApprovalWebhook({ orgId: org.id })).toEqual({ url: null });
  });

  it("refuses a policy manager and an invalid URL, and another organisation's slug", async () => {
    const a = await setup("apr-hook-a");
    const b = await setup("apr-hook-b");
    signInAs(await a.member("policy_manager"));
    expect(await setApprovalWebhookAction(null, formData({ orgSlug: a.org.slug, url: "https://hooks.example.test/x" }))).toMatchObject({
      ok: false,
      code: "forbidden",
      error: "This needs the admin role or higher.",
    });
    signInAs(a.admin);
    expect(await setApprovalWebhookAction(null, formData({ orgSlug: a.org.slug, url: "ftp://hooks.example.test" }))).toMatchObject({
      ok: false,
      fieldErrors: { url: ["Enter an http:// or https:// URL."] },
    });
    expect(await setApprovalWebhookAction(null, formData({ orgSlug: b.org.slug, url: "https://evil.example.test/" }))).toMatchObject({
      ok: false,
      error: "Organisation not found.",
    });
    expect(await getApprovalWebhook({ orgId: a.org.id })).toEqual({ url: null });
    expect(await getApprovalWebhook({ orgId: b.org.id })).toEqual({ url: null });
  });
});
