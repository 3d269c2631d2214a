import "server-only";
import { getDb } from "./client";

export type AdminEventDto = {
  id: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: Date;
};

/** Keyset pagination over the `(orgId, createdAt desc, id desc)` index; the cursor is the last id seen. */
export async function listAdminEvents({
  orgId,
  from,
  to,
  action,
  cursor,
  limit = 50,
}: {
  orgId: string;
  from?: Date;
  to?: Date;
  action?: string;
  cursor?: string;
  limit?: number;
}): Promise<{ items: AdminEventDto[]; nextCursor: string | null }> {
  const db = await getDb();
  const take = Math.min(Math.max(limit, 1), 200);
  const rows = await db.adminEvent.findMany({
    where: {
      orgId,
      ...(action ? { action } : {}),
      createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) },
      ...(cursor ? { id: { lt: BigInt(cursor) } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, actorLabel: true, action: true, targetType: true, targetId: true, before: true, after: true, ip: true, createdAt: true },
  });
  const page = rows.slice(0, take).map((row) => ({ ...row, id: row.id.toString() }));
  return { items: page, nextCursor: rows.length > take ? (page.at(-1)?.id ?? null) : null };
}
