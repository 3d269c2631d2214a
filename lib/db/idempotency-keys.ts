import "server-only";
/**
 * Stored responses for /api/v1 writes sent with an `Idempotency-Key` header, per organisation. A
 * request first claims its key with a row in status 0 (the unique (orgId, key) index makes the
 * claim atomic), so two concurrent retries cannot both run the write; the finished response is then
 * stored for replay. Keys expire after a day, and a claim left behind by a crashed request can be
 * taken over after a few minutes. An expired key reused by a client is replaced here; all others are
 * deleted by the maintenance job (lib/maintenance), so the table holds about one day of writes.
 */
import { isUniqueViolation } from "@/lib/errors";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const STALE_CLAIM_MS = 5 * 60 * 1000;

export type IdempotencyClaim = { kind: "claimed" } | { kind: "replay"; status: number; body: unknown } | { kind: "mismatch" } | { kind: "in_progress" };

export async function claimIdempotencyKey({
  orgId,
  key,
  requestHash,
  now = new Date(),
}: {
  orgId: string;
  key: string;
  requestHash: string;
  now?: Date;
}): Promise<IdempotencyClaim> {
  const db = await getDb();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db.idempotencyKey.create({ data: { orgId, key, requestHash, status: 0, createdAt: now } });
      return { kind: "claimed" };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await db.idempotencyKey.findUnique({
      where: { orgId_key: { orgId, key } },
      select: { requestHash: true, status: true, body: true, createdAt: true },
    });
    if (!row) continue;
    const age = now.getTime() - row.createdAt.getTime();
    const isExpired = age >= IDEMPOTENCY_TTL_MS || (row.status === 0 && age >= STALE_CLAIM_MS);
    if (isExpired) {
      await db.idempotencyKey.deleteMany({ where: { orgId, key, createdAt: row.createdAt } });
      continue;
    }
    if (row.requestHash !== requestHash) return { kind: "mismatch" };
    if (row.status === 0) return { kind: "in_progress" };
    return { kind: "replay", status: row.status, body: row.body };
  }
  return { kind: "in_progress" };
}

export async function completeIdempotencyKey({ orgId, key, status, body }: { orgId: string; key: string; status: number; body: unknown }): Promise<void> {
  const db = await getDb();
  await db.idempotencyKey.updateMany({ where: { orgId, key, status: 0 }, data: { status, body: body as Prisma.InputJsonValue } });
}

/** Frees a claim whose request failed, so that the client can retry with the same key. */
export async function releaseIdempotencyKey({ orgId, key }: { orgId: string; key: string }): Promise<void> {
  const db = await getDb();
  await db.idempotencyKey.deleteMany({ where: { orgId, key, status: 0 } });
}
