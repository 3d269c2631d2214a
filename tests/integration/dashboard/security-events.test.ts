/**
 * The security view lists an organisation's security events (SPEC §3) to its admins only: newest
 * first, keyset-paged in the database, never another organisation's rows nor rows without an
 * organisation. The page itself is run as a server component with a chosen signed-in user.
 */
import type { ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import SecurityEventsPage from "@/app/(dashboard)/[orgSlug]/events/security/page";
import { getDb } from "@/lib/db/client";
import { insertSecurityEvent } from "@/lib/db/proxy-store";
import { listSecurityEvents, type SecurityEventDto } from "@/lib/db/security-events";
import { createServer } from "@/lib/db/servers";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

afterEach(() => signInAs(null));

async function setup(prefix: string) {
  const tenant = await createTestOrg(prefix);
  const server = await createServer({ orgId: tenant.org.id, data: { name: `${prefix}-crm`, url: "https://example.test/mcp" }, actor: tenant.actor });
  return { ...tenant, server };
}

/** Runs the page as Next would and returns the events handed to its table (the page's element tree, unrendered). */
async function renderPage(orgSlug: string, cursor?: string): Promise<SecurityEventDto[]> {
  const tree = await SecurityEventsPage({ params: Promise.resolve({ orgSlug }), searchParams: Promise.resolve(cursor ? { cursor } : {}) });
  const found: SecurityEventDto[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object" || !("props" in node)) return;
    const props = (node as ReactElement<{ events?: SecurityEventDto[]; children?: unknown }>).props;
    if (props.events) found.push(...props.events);
    walk(props.children);
  };
  walk(tree);
  return found;
}

async function notFoundDigest(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { digest?: unknown }).digest ?? error);
  }
  return "resolved";
}

describe("security events in the dashboard", () => {
  it("shows an admin their organisation's events newest first, and never another organisation's or unowned ones", async () => {
    const a = await setup("sec-a");
    const b = await setup("sec-b");
    await insertSecurityEvent({ orgId: a.org.id, serverId: a.server.id, kind: "auth.missing_token", ip: "198.51.100.1", detail: "first A" });
    await insertSecurityEvent({ orgId: b.org.id, serverId: b.server.id, kind: "auth.invalid_token", ip: "198.51.100.2", detail: "only B" });
    await insertSecurityEvent({ orgId: null, serverId: a.server.id, kind: "auth.invalid_token", ip: "198.51.100.3", detail: "no org" });
    await insertSecurityEvent({ orgId: a.org.id, serverId: a.server.id, kind: "auth.wrong_server", ip: "198.51.100.4", detail: "second A" });

    signInAs(a.user);
    const shown = await renderPage(a.org.slug);
    expect(shown.map((event) => event.detail)).toEqual(["second A", "first A"]);
    expect(shown[0]).toMatchObject({ kind: "auth.wrong_server", serverId: a.server.id, serverName: "sec-a-crm", ip: "198.51.100.4" });

    signInAs(b.user);
    expect((await renderPage(b.org.slug)).map((event) => event.detail)).toEqual(["only B"]);
  });

  it("pages with a keyset cursor, including rows written in the same millisecond", async () => {
    const { org, server } = await setup("sec-page");
    const db = await getDb();
    const at = new Date("2026-01-02T03:04:05.678Z");
    await db.securityEvent.createMany({
      data: Array.from({ length: 5 }, (_, index) => ({ orgId: org.id, serverId: server.id, kind: "auth.invalid_token", detail: `e${index}`, createdAt: at })),
    });
    await db.securityEvent.create({ data: { orgId: org.id, kind: "auth.missing_token", detail: "older", createdAt: new Date(at.getTime() - 1000) } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSecurityEvents({ orgId: org.id, cursor, limit: 2 });
      seen.push(...page.items.map((item) => item.detail ?? ""));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["e4", "e3", "e2", "e1", "e0", "older"]);
    // A garbled cursor reads as the first page rather than failing.
    expect((await listSecurityEvents({ orgId: org.id, cursor: "x'; drop", limit: 1 })).items.map((item) => item.detail)).toEqual(["e4"]);
  });

  it("refuses viewers, policy managers and non-members with a 404", async () => {
    const { org } = await setup("sec-roles");
    await insertSecurityEvent({ orgId: org.id, kind: "auth.missing_token", ip: null, detail: "secret-ish" });
    for (const role of ["viewer", "policy_manager"] as const) {
      const member = await createTestUser(`sec-${role}`);
      await addMember(org.id, member, role);
      signInAs(member);
      expect(await notFoundDigest(renderPage(org.slug))).toMatch(/404/);
    }
    const other = await setup("sec-other");
    signInAs(other.user);
    expect(await notFoundDigest(renderPage(org.slug))).toMatch(/404/);
  });
});
