/**
 * Editing a grant's label and expiry from the dashboard: only admins of the grant's organisation
 * may, a foreign grant id looks exactly like a missing one, the expiry must be in the future (or
 * never), every edit leaves an admin event, and the proxy sees the new expiry on its next request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { editGrantAction } from "@/app/(dashboard)/[orgSlug]/servers/[serverId]/actions";
import { getDb } from "@/lib/db/client";
import { getGrant, mintGrant } from "@/lib/db/grants";
import type { ChangeNotice } from "@/lib/db/notify";
import { createServer } from "@/lib/db/servers";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { type SdkUpstream, startSdkUpstream } from "../../helpers/mcp-upstream";
import { createGrantWithPolicy, createTenant, type RunningProxy, startProxy } from "../proxy/fixtures";
import { formData, redirectTargetOf, revalidatedPaths, signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

const HOUR_MS = 3_600_000;
/** A `datetime-local` value (UTC, minutes), as the form sends it. */
const dateInput = (date: Date) => date.toISOString().slice(0, 16);

async function setup(prefix: string) {
  const { user, org, actor } = await createTestOrg(prefix);
  const server = await createServer({ orgId: org.id, data: { name: "crm", url: "https://example.test/mcp" }, actor });
  const { grant } = await mintGrant({ orgId: org.id, serverId: server.id, label: "support-bot", actor });
  return { admin: user, org, server, grant };
}

async function countGrantEvents(orgId: string): Promise<number> {
  const db = await getDb();
  return db.adminEvent.count({ where: { orgId, action: "grant.updated" } });
}

afterEach(() => {
  signInAs(null);
  vi.useRealTimers();
});

describe("editing a grant's label and expiry", () => {
  it("lets an admin change both, records the change and returns to the server page", async () => {
    const { admin, org, server, grant } = await setup("edit");
    signInAs(admin);
    const expiresAt = new Date(Math.floor((Date.now() + 48 * HOUR_MS) / 60_000) * 60_000);
    const target = await redirectTargetOf(
      editGrantAction(null, formData({ orgSlug: org.slug, grantId: grant.id, label: "  billing-bot ", expiry: "at", expiresAt: dateInput(expiresAt) })),
    );
    expect(target).toBe(`/${org.slug}/servers/${server.id}`);
    expect(revalidatedPaths).toContain(`/${org.slug}`);
    const edited = await getGrant({ orgId: org.id, grantId: grant.id });
    expect(edited).toMatchObject({ label: "billing-bot", expiresAt, prefix: grant.prefix, policyId: grant.policyId, revokedAt: null });

    const db = await getDb();
    const event = await db.adminEvent.findFirstOrThrow({ where: { orgId: org.id, action: "grant.updated", targetId: grant.id } });
    expect(event).toMatchObject({ actorUserId: admin.id, targetType: "grant", ip: "203.0.113.7" });
    expect(event.before).toMatchObject({ label: "support-bot", expiresAt: null });
    expect(event.after).toMatchObject({ label: "billing-bot", expiresAt: expiresAt.toISOString() });

    // "Never" removes the expiry again, whatever the date field still holds.
    await redirectTargetOf(
      editGrantAction(null, formData({ orgSlug: org.slug, grantId: grant.id, label: "billing-bot", expiry: "never", expiresAt: "2001-01-01T00:00" })),
    );
    expect((await getGrant({ orgId: org.id, grantId: grant.id })).expiresAt).toBeNull();
  });

  it.each(["viewer", "policy_manager"] as const)("refuses a %s and changes nothing", async (role) => {
    const { org, grant } = await setup(`edit-${role}`);
    const member = await createTestUser(role);
    await addMember(org.id, member, role);
    signInAs(member);
    const result = await editGrantAction(null, formData({ orgSlug: org.slug, grantId: grant.id, label: "renamed", expiry: "never" }));
    expect(result).toMatchObject({ ok: false, code: "forbidden", error: "This needs the admin role or higher." });
    expect(await getGrant({ orgId: org.id, grantId: grant.id })).toEqual(grant);
    expect(await countGrantEvents(org.id)).toBe(0);
  });

  it("refuses without a session", async () => {
    const { org, grant } = await setup("edit-anon");
    const result = await editGrantAction(null, formData({ orgSlug: org.slug, grantId: grant.id, label: "renamed", expiry: "never" }));
    expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await getGrant({ orgId: org.id, grantId: grant.id })).toEqual(grant);
  });

  it("keeps organisations apart: another organisation's grant is not found, and its slug is not open to outsiders", async () => {
    const a = await setup("edit-a");
    const b = await setup("edit-b");
    signInAs(a.admin);
    // A's admin, in A's organisation, with B's grant id: the same answer as an id that does not exist.
    const foreign = await editGrantAction(null, formData({ orgSlug: a.org.slug, grantId: b.grant.id, label: "stolen", expiry: "never" }));
    const missing = await editGrantAction(null, formData({ orgSlug: a.org.slug, grantId: "c-no-such-grant", label: "stolen", expiry: "never" }));
    expect(foreign).toMatchObject({ ok: false, code: "not_found", error: "Grant not found." });
    expect(missing).toMatchObject({ ok: false, code: "not_found", error: "Grant not found." });
    // A's admin aiming at B's organisation: not a member, so the organisation itself is not found.
    const otherOrg = await editGrantAction(null, formData({ orgSlug: b.org.slug, grantId: b.grant.id, label: "stolen", expiry: "never" }));
    expect(otherOrg).toMatchObject({ ok: false, code: "not_found", error: "Organisation not found." });
    // An orgId smuggled into the form is ignored: the tenant comes from the session and the slug.
    const smuggled = await editGrantAction(null, formData({ orgSlug: a.org.slug, orgId: b.org.id, grantId: b.grant.id, label: "stolen", expiry: "never" }));
    expect(smuggled).toMatchObject({ ok: false, code: "not_found" });

    expect(await getGrant({ orgId: b.org.id, grantId: b.grant.id })).toEqual(b.grant);
    expect(await countGrantEvents(a.org.id)).toBe(0);
    expect(await countGrantEvents(b.org.id)).toBe(0);
  });

  it("rejects a past, missing or invalid expiry and an empty label with messages next to the fields", async () => {
    const { admin, org, grant } = await setup("edit-invalid");
    signInAs(admin);
    const submit = (fields: Record<string, string>) => editGrantAction(null, formData({ orgSlug: org.slug, grantId: grant.id, label: "bot", ...fields }));

    const past = await submit({ expiry: "at", expiresAt: dateInput(new Date(Date.now() - HOUR_MS)) });
    expect(past).toMatchObject({ ok: false, code: "validation_failed", fieldErrors: { expiresAt: ["The expiry must be in the future."] } });
    // The submitted values come back, so the form keeps what the user typed.
    expect(past.ok ? null : past.values).toMatchObject({ label: "bot", expiry: "at" });

    expect(await submit({ expiry: "at", expiresAt: "" })).toMatchObject({
      fieldErrors: { expiresAt: ["Choose the date and time the grant expires, or Never."] },
    });
    expect(await submit({ expiry: "at", expiresAt: "tomorrow-ish" })).toMatchObject({ fieldErrors: { expiresAt: ["Enter a valid date and time."] } });
    expect(await submit({ expiry: "sometime" })).toMatchObject({ fieldErrors: { expiry: ["Choose Never or a date."] } });
    expect(await submit({ label: "   ", expiry: "never" })).toMatchObject({ fieldErrors: { label: ["Give the grant a label, e.g. the agent's name."] } });

    expect(await getGrant({ orgId: org.id, grantId: grant.id })).toEqual(grant);
    expect(await countGrantEvents(org.id)).toBe(0);
  });
});

describe("the proxy after an expiry edit", () => {
  let upstream: SdkUpstream;
  let running: RunningProxy;

  beforeAll(async () => {
    [upstream, running] = await Promise.all([startSdkUpstream(), startProxy()]);
  });

  afterAll(async () => {
    await running?.close();
    await upstream?.close();
  });

  const ping = (token: string, serverId: string) =>
    fetch(running.http.urlFor(serverId), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });

  function nextGrantInvalidation(grantId: string): Promise<void> {
    return new Promise((resolve) => {
      const stop = running.proxy.lookups.onInvalidate((notice: ChangeNotice) => {
        if (notice.kind === "grant" && notice.id === grantId) {
          stop();
          resolve();
        }
      });
    });
  }

  it("refuses the grant once its edited expiry has passed, even though it was cached without one, and accepts it again after Never", async () => {
    const tenant = await createTenant(upstream.url);
    const { token, grantId } = await createGrantWithPolicy(tenant, { version: "1", default: "allow" });
    const db = await getDb();
    const org = await db.organization.findUniqueOrThrow({ where: { id: tenant.orgId }, select: { slug: true } });
    const admin = await db.membership.findFirstOrThrow({ where: { orgId: tenant.orgId, role: "admin" }, select: { userId: true } });
    signInAs({ id: admin.userId });

    // Authenticated and forwarded (the stateful upstream itself refuses a ping outside a session);
    // the grant, still without an expiry, is now in the proxy's cache.
    expect((await ping(token, tenant.serverId)).status).toBe(400);

    // The dashboard accepts only future expiries, so the edit is made with the clock an hour back,
    // choosing a time that has passed by the real clock: as if the admin set it and time went by.
    const expiresAt = new Date(Date.now() - 60_000);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() - HOUR_MS));
    const invalidated = nextGrantInvalidation(grantId);
    await redirectTargetOf(
      editGrantAction(null, formData({ orgSlug: org.slug, grantId, label: "agent", expiry: "at", expiresAt: expiresAt.toISOString().slice(0, 19) })),
    );
    vi.useRealTimers();
    await invalidated;
    const expired = await ping(token, tenant.serverId);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(/^Bearer/);

    const reopened = nextGrantInvalidation(grantId);
    await redirectTargetOf(editGrantAction(null, formData({ orgSlug: org.slug, grantId, label: "agent", expiry: "never" })));
    await reopened;
    expect((await ping(token, tenant.serverId)).status).toBe(400);
  });
});
