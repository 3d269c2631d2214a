/**
 * Sessions of MCP 2025-11-25 belong to the grant that opened them (SPEC §3). The binding is stored
 * in Postgres when the upstream hands out the id, before the client sees it, so every instance can
 * check it; an id presented by another grant, or one this deployment never handed out, answers 404
 * exactly like an unknown session, so ids cannot be probed. Revision 2026-07-28 is stateless: no
 * session id exists, and the request is forwarded as is.
 */
import { bindSession, deleteSessionBinding, type ProxyGrant } from "@/lib/db/proxy-store";
import type { Lookups } from "./lookups";
import { sessionActivity } from "./session-activity";

export const STATELESS_REVISION = "2026-07-28";

/** The protocol revision a request speaks: the header, or the version carried in `_meta`. */
export function readProtocolVersion(request: Request, params: Record<string, unknown> | undefined): string | null {
  const header = request.headers.get("mcp-protocol-version");
  if (header) return header;
  const meta = params?._meta;
  if (typeof meta !== "object" || meta === null) return null;
  for (const [key, value] of Object.entries(meta)) {
    if (typeof value === "string" && /(^|\/)protocolVersion$/i.test(key)) return value;
  }
  return null;
}

export function isStatelessRevision(version: string | null): boolean {
  return version !== null && version >= STATELESS_REVISION;
}

export type SessionCheck = "ok" | "not_found" | "unavailable";

export async function checkSession({ lookups, grant, sessionId }: { lookups: Lookups; grant: ProxyGrant; sessionId: string }): Promise<SessionCheck> {
  try {
    const binding = await lookups.findSession(grant.serverId, sessionId);
    if (!binding || binding.grantId !== grant.id || binding.orgId !== grant.orgId) return "not_found";
    sessionActivity.touch({ orgId: grant.orgId, serverId: grant.serverId, sessionId });
    return "ok";
  } catch {
    return "unavailable";
  }
}

/** Durable before the initialize answer is released; returns false if the id already belongs to another grant. */
export async function recordNewSession({ lookups, grant, sessionId }: { lookups: Lookups; grant: ProxyGrant; sessionId: string }): Promise<boolean> {
  const binding = await bindSession({ orgId: grant.orgId, serverId: grant.serverId, grantId: grant.id, sessionId });
  lookups.rememberSession(grant.serverId, sessionId, binding);
  return binding.grantId === grant.id;
}

export async function forgetSession({ lookups, grant, sessionId }: { lookups: Lookups; grant: ProxyGrant; sessionId: string }): Promise<void> {
  lookups.rememberSession(grant.serverId, sessionId, null);
  await deleteSessionBinding({ orgId: grant.orgId, serverId: grant.serverId, sessionId }).catch(() => {});
}
