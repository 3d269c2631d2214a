/**
 * Calls /api/v1 route modules directly with real Request objects (no HTTP server), authenticated
 * by real API keys minted through the data layer.
 */
import type { Role } from "@/lib/auth/roles";
import { createApiKey } from "@/lib/db/api-keys";
import { createTestOrg } from "../../helpers/harness";

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiCall = {
  key?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
};

export async function callRoute(handler: RouteHandler, method: string, path: string, call: ApiCall = {}) {
  const url = new URL(`http://toolgate.test/api/v1${path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers(call.headers);
  if (call.key) headers.set("authorization", `Bearer ${call.key}`);
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers.set("content-type", "application/json");
  }
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(call.params ?? {}) });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field.
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, json, headers: response.headers };
}

export async function createKey(orgId: string, role: Role, actor: Parameters<typeof createApiKey>[0]["actor"], expiresAt?: Date) {
  const { apiKey, token } = await createApiKey({ orgId, name: `${role} key`, role, expiresAt, actor });
  return { id: apiKey.id, token };
}

/** An organisation with an admin, a policy manager and a viewer key. */
export async function createApiOrg(prefix: string) {
  const { org, actor, user } = await createTestOrg(prefix);
  const [admin, manager, viewer] = await Promise.all([
    createKey(org.id, "admin", actor),
    createKey(org.id, "policy_manager", actor),
    createKey(org.id, "viewer", actor),
  ]);
  return { org, actor, user, keys: { admin: admin.token, manager: manager.token, viewer: viewer.token }, keyIds: { admin: admin.id } };
}
