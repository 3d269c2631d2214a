/**
 * The shared matrix of STYLE rule 21, run against every /api/v1 operation: no key, a revoked key,
 * an expired key and a key of too low a role are refused, and another organisation's ids answer 404
 * exactly like missing ones.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Endpoint } from "@/lib/api/endpoint";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import type { Role } from "@/lib/auth/roles";
import { revokeApiKey } from "@/lib/db/api-keys";
import { mintGrant } from "@/lib/db/grants";
import { createPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import seedPolicy from "@/tests/fixtures/seed-policy.json";
import { callRoute, createApiOrg, createKey } from "./api-helpers";

const root = path.resolve(import.meta.dirname, "../../..");

/** Bodies that pass validation, so that the checks under test are the ones that answer. */
const VALID_BODIES: Record<string, unknown> = {
  createServer: { name: "matrix", url: "https://matrix.example.test/mcp" },
  updateServer: { name: "renamed" },
  createPolicy: { name: "matrix-policy", document: seedPolicy },
  updatePolicy: { document: seedPolicy },
  validatePolicy: { document: seedPolicy },
  simulatePolicy: { tool: "focus_export_session", arguments: {} },
  mintGrant: { label: "matrix-agent" },
  updateGrant: { label: "renamed" },
  approveApproval: { note: "matrix" },
  denyApproval: {},
};

const LOWER_ROLE: Record<Role, Role | null> = { viewer: null, policy_manager: "viewer", admin: "policy_manager" };

async function loadHandler(endpoint: Endpoint) {
  const file = path.join(root, "app/api/v1", endpoint.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  const module = (await import(file)) as Record<string, Parameters<typeof callRoute>[0] & { endpoint?: Endpoint }>;
  const handler = module[endpoint.method];
  if (!handler) throw new Error(`${file} does not export ${endpoint.method}`);
  return handler;
}

type Fixture = Awaited<ReturnType<typeof createApiOrg>>;
let a: Fixture;
let b: Fixture;
let ids: { server: string; policy: string; grant: string };
let revoked: string;
let expired: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createApiOrg("matrix-a"), createApiOrg("matrix-b")]);
  const server = await createServer({ orgId: a.org.id, data: { name: "a-server", url: "https://a.example.test/mcp" }, actor: a.actor });
  const policy = await createPolicy({ orgId: a.org.id, serverId: server.id, name: "a-policy", document: seedPolicy, actor: a.actor });
  const { grant } = await mintGrant({ orgId: a.org.id, serverId: server.id, label: "a-grant", policyId: policy.id, actor: a.actor });
  ids = { server: server.id, policy: policy.id, grant: grant.id };
  const toRevoke = await createKey(a.org.id, "admin", a.actor);
  await revokeApiKey({ orgId: a.org.id, apiKeyId: toRevoke.id, actor: a.actor });
  revoked = toRevoke.token;
  const soonExpired = await createKey(a.org.id, "admin", a.actor, new Date(Date.now() - 1000));
  expired = soonExpired.token;
});

function idFor(endpoint: Endpoint): string {
  if (endpoint.path.startsWith("/servers/")) return ids.server;
  if (endpoint.path.startsWith("/policies/")) return ids.policy;
  return ids.grant;
}

function requestFor(endpoint: Endpoint, key: string | null) {
  const concretePath = endpoint.path.replace("{id}", idFor(endpoint));
  return {
    path: concretePath,
    call: {
      key,
      params: (endpoint.params ? { id: idFor(endpoint) } : {}) as Record<string, string>,
      body: endpoint.body ? VALID_BODIES[endpoint.operationId] : undefined,
    },
  };
}

describe.each(API_ENDPOINTS.map((endpoint, index) => [`${endpoint.method} ${endpoint.path}`, endpoint, index] as const))("%s", (_name, endpoint, index) => {
  it("is served by its route module with this endpoint description", async () => {
    expect((await loadHandler(endpoint)).endpoint).toBe(endpoint);
    if (endpoint.body) expect(VALID_BODIES[endpoint.operationId]).toBeDefined();
  });

  it("answers 401 without a key, with a revoked key and with an expired key", async () => {
    const handler = await loadHandler(endpoint);
    for (const key of [null, revoked, expired, "tgk_not-a-real-key"]) {
      const { path: url, call } = requestFor(endpoint, key);
      // Each operation from its own address, so the per-IP limit on failed authentications stays out of the way.
      const response = await callRoute(handler, endpoint.method, url, { ...call, headers: { "x-forwarded-for": `198.51.100.${index}` } });
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe("unauthenticated");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it.runIf(LOWER_ROLE[endpoint.role] !== null)("answers 403 to a key whose role is too low", async () => {
    const lower = LOWER_ROLE[endpoint.role] as Role;
    const handler = await loadHandler(endpoint);
    const key = (await createKey(a.org.id, lower, a.actor)).token;
    const { path: url, call } = requestFor(endpoint, key);
    const response = await callRoute(handler, endpoint.method, url, call);
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("forbidden");
  });

  it.runIf(endpoint.params !== undefined)("answers 404 for another organisation's id, like a missing one", async () => {
    const handler = await loadHandler(endpoint);
    const foreign = requestFor(endpoint, b.keys.admin);
    const foreignResponse = await callRoute(handler, endpoint.method, foreign.path, foreign.call);
    const missing = await callRoute(handler, endpoint.method, endpoint.path.replace("{id}", "missing"), { ...foreign.call, params: { id: "missing" } });
    expect(foreignResponse.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreignResponse.json.error.message).toBe(missing.json.error.message);
  });
});
