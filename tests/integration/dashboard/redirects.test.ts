/**
 * Creating and deleting servers and policies end with a server-side redirect from the action
 * itself, so the forms work without JavaScript (a plain POST gets a 303 to the new page). Failures
 * do not redirect: they come back as results that the form shows next to its fields.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPolicyAction } from "@/app/(dashboard)/[orgSlug]/servers/[serverId]/actions";
import { deletePolicyAction } from "@/app/(dashboard)/[orgSlug]/servers/[serverId]/policies/actions";
import { createServerAction, deleteServerAction } from "@/app/(dashboard)/[orgSlug]/servers/actions";
import { getPolicy, listPolicies } from "@/lib/db/policies";
import { createServer, getServer, listServers } from "@/lib/db/servers";
import { listTools } from "@/lib/db/tools";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { type SdkUpstream, startSdkUpstream } from "../../helpers/mcp-upstream";
import { formData, redirectTargetOf, revalidatedPaths, signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

let upstream: SdkUpstream;

beforeAll(async () => {
  upstream = await startSdkUpstream();
});

afterAll(async () => {
  await upstream?.close();
});

afterEach(() => {
  signInAs(null);
  revalidatedPaths.length = 0;
});

async function setup(prefix: string) {
  const { user, org, actor } = await createTestOrg(prefix);
  const server = await createServer({ orgId: org.id, data: { name: "crm", url: "https://example.test/mcp" }, actor });
  signInAs(user);
  return { admin: user, org, server };
}

describe("servers", () => {
  it("creating one redirects to its page after discovering its tools", async () => {
    const { org } = await setup("redirect-create");
    const target = await redirectTargetOf(createServerAction(null, formData({ orgSlug: org.slug, name: "live", url: upstream.url, headers: "" })));
    const created = (await listServers({ orgId: org.id })).find((server) => server.name === "live");
    expect(target).toBe(`/${org.slug}/servers/${created?.id}`);
    expect((await listTools({ orgId: org.id, serverId: created?.id as string })).length).toBeGreaterThan(0);
    // The organisation's pages are refreshed before the browser is sent on.
    expect(revalidatedPaths).toEqual([`/${org.slug}`]);
  });

  it("a failed create stays on the form with the error next to the URL", async () => {
    const { org } = await setup("redirect-create-fail");
    const result = await createServerAction(null, formData({ orgSlug: org.slug, name: "dead", url: "http://127.0.0.1:9/mcp", headers: "" }));
    expect(result).toMatchObject({ ok: false, values: { name: "dead", url: "http://127.0.0.1:9/mcp" } });
    expect(result.ok ? null : result.fieldErrors?.url?.length).toBeGreaterThan(0);
    expect((await listServers({ orgId: org.id })).map((server) => server.name)).toEqual(["crm"]);
    expect(revalidatedPaths).toEqual([]);
  });

  it("deleting one redirects to the server list; another organisation's server is not found and stays", async () => {
    const { org, server } = await setup("redirect-delete");
    const other = await createTestOrg("redirect-delete-b");
    const foreign = await createServer({ orgId: other.org.id, data: { name: "theirs", url: "https://example.test/mcp" }, actor: other.actor });
    expect(await deleteServerAction(null, formData({ orgSlug: org.slug, serverId: foreign.id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await getServer({ orgId: other.org.id, serverId: foreign.id })).toMatchObject({ name: "theirs" });

    expect(await redirectTargetOf(deleteServerAction(null, formData({ orgSlug: org.slug, serverId: server.id })))).toBe(`/${org.slug}/servers`);
    await expect(getServer({ orgId: org.id, serverId: server.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("policies", () => {
  it("creating one redirects to its editor; a blank name stays on the form", async () => {
    const { org, server } = await setup("redirect-policy");
    const invalid = await createPolicyAction(null, formData({ orgSlug: org.slug, serverId: server.id, name: " ", template: "deny_all" }));
    expect(invalid).toMatchObject({ ok: false, code: "validation_failed" });
    expect(invalid.ok ? null : invalid.fieldErrors?.name?.length).toBeGreaterThan(0);

    const target = await redirectTargetOf(
      createPolicyAction(null, formData({ orgSlug: org.slug, serverId: server.id, name: "starter", template: "deny_all" })),
    );
    const [policy] = await listPolicies({ orgId: org.id, serverId: server.id });
    expect(target).toBe(`/${org.slug}/servers/${server.id}/policies/${policy?.id}`);
  });

  it("deleting one redirects to its server's page; a viewer is refused and nothing is deleted", async () => {
    const { admin, org, server } = await setup("redirect-policy-delete");
    await redirectTargetOf(createPolicyAction(null, formData({ orgSlug: org.slug, serverId: server.id, name: "starter", template: "allow_all" })));
    const [policy] = await listPolicies({ orgId: org.id, serverId: server.id });
    const policyId = policy?.id as string;

    const viewer = await createTestUser("viewer");
    await addMember(org.id, viewer, "viewer");
    signInAs(viewer);
    expect(await deletePolicyAction(null, formData({ orgSlug: org.slug, policyId }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await getPolicy({ orgId: org.id, policyId })).toMatchObject({ name: "starter" });

    signInAs(admin);
    expect(await redirectTargetOf(deletePolicyAction(null, formData({ orgSlug: org.slug, policyId })))).toBe(`/${org.slug}/servers/${server.id}`);
    await expect(getPolicy({ orgId: org.id, policyId })).rejects.toMatchObject({ code: "not_found" });
    // Deleting it again answers like any unknown policy, without a redirect.
    expect(await deletePolicyAction(null, formData({ orgSlug: org.slug, policyId }))).toMatchObject({ ok: false, code: "not_found" });
  });
});
