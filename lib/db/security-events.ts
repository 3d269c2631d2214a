import "server-only";
/**
 * Reads of the security event log (SPEC §3): authentication failures the proxy recorded for an
 * organisation. Rows without an organisation (an unknown server, a token that matched nothing)
 * belong to no tenant and are never listed here. Writes live in proxy-store.ts.
 */
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export type SecurityEventDto = {
  id: string;
  kind: string;
  serverId: string | null;
  /** The server's name when it still exists in this organisation. */
  serverName: string | null;
  ip: string | null;
  detail: string | null;
  createdAt: Date;
};

/** A cursor is `<createdAt ms>_<id>` of the last row seen; anything else reads as the first page. */
function parseCursor(cursor: string | undefined): { createdAt: Date; id: bigint } | null {
  const match = cursor?.match(/^(\d{1,15})_(\d{1,19})$/);
  if (!match?.[1] || !match[2]) return null;
  return { createdAt: new Date(Number(match[1])), id: BigInt(match[2]) };
}

/**
 * Newest first, keyset-paged on `(createdAt desc, id desc)` so rows written in the same millisecond
 * are neither skipped nor repeated; served by the `(orgId, createdAt desc)` index.
 */
export async function listSecurityEvents({
  orgId,
  cursor,
  limit = 50,
}: {
  orgId: string;
  cursor?: string;
  limit?: number;
}): Promise<{ items: SecurityEventDto[]; nextCursor: string | null }> {
  const db = await getDb();
  const take = Math.min(Math.max(Math.trunc(limit) || 1, 1), 200);
  const after = parseCursor(cursor);
  const where: Prisma.SecurityEventWhereInput = {
    orgId,
    ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.securityEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, kind: true, serverId: true, ip: true, detail: true, createdAt: true },
  });
  const page = rows.slice(0, take);
  const serverIds = [...new Set(page.map((row) => row.serverId).filter((id): id is string => id !== null))];
  const servers = serverIds.length > 0 ? await db.server.findMany({ where: { orgId, id: { in: serverIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(servers.map((server) => [server.id, server.name]));
  const items = page.map((row) => ({ ...row, id: row.id.toString(), serverName: row.serverId ? (names.get(row.serverId) ?? null) : null }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > take && last ? `${last.createdAt.getTime()}_${last.id}` : null };
}
