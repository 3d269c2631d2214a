/**
 * Stage 1: bearer token → grant. Missing, unknown, revoked and expired tokens all answer the same
 * 401 (with `WWW-Authenticate: Bearer`), so a caller cannot tell which one it hit; a valid grant of
 * another server answers 403. Both are recorded as security events, not calls. Lookups go through
 * the instance cache; if the database cannot be read the request fails closed with 503.
 */
import { hashToken } from "@/lib/crypto/tokens";
import type { ProxyGrant } from "@/lib/db/proxy-store";
import type { Lookups } from "./lookups";
import { unavailableResponse } from "./respond";
import type { SecurityEventRecorder } from "./security-events";

export type AuthResult = { ok: true; grant: ProxyGrant } | { ok: false; response: Response };

const TOKEN_PATTERN = /^Bearer\s+(tg_[A-Za-z0-9_-]{20,200})\s*$/i;

export async function authenticate({
  request,
  serverId,
  lookups,
  recordSecurityEvent,
  clientIp,
  now,
}: {
  request: Request;
  serverId: string;
  lookups: Lookups;
  recordSecurityEvent: SecurityEventRecorder;
  clientIp: string | null;
  now: number;
}): Promise<AuthResult> {
  const header = request.headers.get("authorization");
  const token = header ? TOKEN_PATTERN.exec(header)?.[1] : undefined;
  if (!token) {
    recordSecurityEvent({ kind: header ? "auth.invalid_token" : "auth.missing_token", ip: clientIp, serverId, detail: "No usable grant token." });
    return { ok: false, response: unauthorized(header ? "The grant token is not valid." : "A grant token is required.") };
  }
  let grant: ProxyGrant | null;
  try {
    grant = await lookups.findGrant(hashToken(token));
  } catch {
    return { ok: false, response: unavailableResponse(null, "Toolgate cannot read its database, so the request was not forwarded. Retry later.") };
  }
  if (!grant || grant.revokedAt || (grant.expiresAt && grant.expiresAt.getTime() <= now)) {
    const why = !grant ? "unknown token" : grant.revokedAt ? "revoked grant" : "expired grant";
    recordSecurityEvent({ kind: "auth.invalid_token", ip: clientIp, serverId, orgId: grant?.orgId, detail: `Rejected: ${why}.` });
    return { ok: false, response: unauthorized("The grant token is not valid.") };
  }
  if (grant.serverId !== serverId) {
    recordSecurityEvent({ kind: "auth.wrong_server", ip: clientIp, serverId, orgId: grant.orgId, detail: `Grant ${grant.id} used against another server.` });
    return { ok: false, response: jsonError(403, "This grant is not valid for this server.") };
  }
  return { ok: true, grant };
}

function unauthorized(message: string): Response {
  const response = jsonError(401, message);
  response.headers.set("www-authenticate", 'Bearer realm="toolgate", error="invalid_token"');
  return response;
}

function jsonError(status: number, message: string): Response {
  return Response.json({ jsonrpc: "2.0", id: null, error: { code: -32001, message } }, { status });
}
