import "server-only";
/**
 * The proxy's hot-path lookups. Each is one indexed query; the proxy caches the results in process
 * and drops them on NOTIFY (proxy/cache.ts). This module and grants.ts are the only readers of token
 * hashes, and this is the only module that selects encrypted upstream credentials: they leave the
 * database only to be decrypted by the proxy and injected into a forwarded request.
 */
import { getDb } from "./client";

export type ProxyGrant = {
  id: string;
  orgId: string;
  serverId: string;
  label: string;
  policyId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  upstreamUrl: string;
};

export async function findGrantByTokenHash({ tokenHash }: { tokenHash: string }): Promise<ProxyGrant | null> {
  const db = await getDb();
  const row = await db.grant.findUnique({
    where: { tokenHash },
    select: { id: true, orgId: true, serverId: true, label: true, policyId: true, expiresAt: true, revokedAt: true, server: { select: { url: true } } },
  });
  if (!row) return null;
  const { server, ...grant } = row;
  return { ...grant, upstreamUrl: server.url };
}

/** The encrypted envelope of the server's upstream headers, or null when none are set. */
export async function findEncryptedCredentials({ orgId, serverId }: { orgId: string; serverId: string }): Promise<string | null> {
  const db = await getDb();
  const row = await db.upstreamCredential.findFirst({ where: { orgId, serverId }, select: { encrypted: true } });
  return row?.encrypted ?? null;
}

export type ProxyPolicyVersion = { id: string; name: string; version: number; document: unknown };

/** The latest version of a policy: every save inserts version n+1, so the highest version is live. */
export async function findLivePolicyVersion({ orgId, policyId }: { orgId: string; policyId: string }): Promise<ProxyPolicyVersion | null> {
  const db = await getDb();
  const row = await db.policy.findFirst({
    where: { id: policyId, orgId },
    select: { id: true, name: true, versions: { select: { version: true, document: true }, orderBy: { version: "desc" }, take: 1 } },
  });
  const latest = row?.versions[0];
  if (!row || !latest) return null;
  return { id: row.id, name: row.name, version: latest.version, document: latest.document };
}

export type CatalogueEntry = { name: string; inputSchema: object | null };

export async function listCatalogueSchemas({ orgId, serverId }: { orgId: string; serverId: string }): Promise<CatalogueEntry[]> {
  const db = await getDb();
  const rows = await db.tool.findMany({ where: { orgId, serverId, removedAt: null }, select: { name: true, inputSchema: true } });
  return rows.map((row) => ({ name: row.name, inputSchema: (row.inputSchema as object | null) ?? null }));
}

export type SessionBinding = { grantId: string; orgId: string };

export async function findSessionBinding({ serverId, sessionId }: { serverId: string; sessionId: string }): Promise<SessionBinding | null> {
  const db = await getDb();
  return db.mcpSession.findUnique({ where: { serverId_sessionId: { serverId, sessionId } }, select: { grantId: true, orgId: true } });
}

/**
 * Records which grant opened an upstream session. A session id already bound to another grant keeps
 * its first owner (the upsert never overwrites), so a replayed initialize cannot steal a session.
 */
export async function bindSession({
  orgId,
  serverId,
  grantId,
  sessionId,
}: {
  orgId: string;
  serverId: string;
  grantId: string;
  sessionId: string;
}): Promise<SessionBinding> {
  const db = await getDb();
  return db.mcpSession.upsert({
    where: { serverId_sessionId: { serverId, sessionId } },
    create: { orgId, serverId, grantId, sessionId },
    update: {},
    select: { grantId: true, orgId: true },
  });
}

export async function deleteSessionBinding({ orgId, serverId, sessionId }: { orgId: string; serverId: string; sessionId: string }): Promise<void> {
  const db = await getDb();
  await db.mcpSession.deleteMany({ where: { orgId, serverId, sessionId } });
}

export type SessionTouch = { orgId: string; serverId: string; sessionId: string };

/** Coarse, for the idle expiry: the proxy writes a session at most once a minute, many per statement. */
export async function touchSessions({ sessions, at }: { sessions: SessionTouch[]; at: Date }): Promise<void> {
  if (sessions.length === 0) return;
  const db = await getDb();
  await db.mcpSession.updateMany({
    where: { lastSeenAt: { lt: at }, OR: sessions.map(({ orgId, serverId, sessionId }) => ({ orgId, serverId, sessionId })) },
    data: { lastSeenAt: at },
  });
}

/** Coarse: the proxy calls this at most once a minute per grant. */
export async function touchGrantLastUsed({ orgId, grantId, at }: { orgId: string; grantId: string; at: Date }): Promise<void> {
  const db = await getDb();
  await db.grant.updateMany({ where: { id: grantId, orgId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } });
}

export async function insertSecurityEvent(event: {
  orgId?: string | null;
  serverId?: string | null;
  kind: string;
  ip: string | null;
  detail: string;
}): Promise<void> {
  const db = await getDb();
  await db.securityEvent.create({
    data: { orgId: event.orgId ?? null, serverId: event.serverId ?? null, kind: event.kind, ip: event.ip, detail: event.detail },
  });
}
