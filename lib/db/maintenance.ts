import "server-only";
/**
 * The statements of the maintenance job (lib/maintenance). It is the one writer that works across
 * organisations, so every delete it may run is listed here and nowhere else: call-log rows past
 * their organisation's retention, idle MCP session bindings, expired idempotency keys, ended quota
 * windows and lapsed invitations. Each statement deletes at most `limit` rows, so a backlog of
 * millions is worked off in short statements that commit one by one and never hold many row locks.
 *
 * The statements are only handed out under the maintenance lock: of several instances sharing one
 * PostgreSQL, one sweeps and the others skip. The lock is a transaction-level advisory lock held by
 * an otherwise idle transaction for the length of the run, so it is released even if the instance
 * dies mid-run; the deletes run on other pooled connections. Its key includes the schema, so
 * deployments (and test runs) in different schemas of one server do not skip each other.
 */
import { getEnv } from "@/lib/env";
import { getBackend } from "./client";
import type { Prisma, PrismaClient } from "./generated/client";

/** The advisory lock's key, as SQL evaluated on the connection (tests take it to play another instance). */
export const MAINTENANCE_LOCK_KEY_SQL = "hashtextextended('toolgate.maintenance:' || current_schema(), 0)";

type Executor = PrismaClient | Prisma.TransactionClient;

function createMaintenanceStore(db: Executor) {
  return {
    async listRetentionPolicies(): Promise<Array<{ orgId: string; retentionDays: number }>> {
      const rows = await db.organization.findMany({ select: { id: true, retentionDays: true }, orderBy: { id: "asc" } });
      return rows.map((row) => ({ orgId: row.id, retentionDays: row.retentionDays }));
    },
    /** Oldest first, along `call_by_org_time`, so what remains of an organisation's log is always its newest part. */
    deleteCallsBefore: ({ orgId, before, limit }: { orgId: string; before: Date; limit: number }): Promise<number> =>
      db.$executeRaw`DELETE FROM "Call" WHERE "orgId" = ${orgId} AND id IN (
        SELECT id FROM "Call" WHERE "orgId" = ${orgId} AND "createdAt" < ${before} ORDER BY "createdAt", id LIMIT ${limit}::int)`,
    deleteSessionsIdleSince: ({ before, limit }: { before: Date; limit: number }): Promise<number> =>
      db.$executeRaw`DELETE FROM "McpSession" WHERE id IN (SELECT id FROM "McpSession" WHERE "lastSeenAt" < ${before} LIMIT ${limit}::int)`,
    deleteIdempotencyKeysBefore: ({ before, limit }: { before: Date; limit: number }): Promise<number> =>
      db.$executeRaw`DELETE FROM "IdempotencyKey" WHERE id IN (SELECT id FROM "IdempotencyKey" WHERE "createdAt" < ${before} LIMIT ${limit}::int)`,
    deleteQuotaCountersEndedBefore: ({ before, limit }: { before: Date; limit: number }): Promise<number> =>
      db.$executeRaw`DELETE FROM "QuotaCounter" WHERE "key" IN (SELECT "key" FROM "QuotaCounter" WHERE "windowEnd" < ${before} LIMIT ${limit}::int)`,
    deleteSecurityEventsBefore: ({ before, limit }: { before: Date; limit: number }): Promise<number> =>
      db.$executeRaw`DELETE FROM "SecurityEvent" WHERE id IN (SELECT id FROM "SecurityEvent" WHERE "createdAt" < ${before} LIMIT ${limit}::int)`,
    deleteInvitationsExpiredBefore: ({ before, limit }: { before: Date; limit: number }): Promise<number> =>
      db.$executeRaw`DELETE FROM "Invitation" WHERE id IN (SELECT id FROM "Invitation" WHERE "expiresAt" < ${before} LIMIT ${limit}::int)`,
  };
}

export type MaintenanceStore = ReturnType<typeof createMaintenanceStore>;

export type LockOutcome<T> = { acquired: true; result: T } | { acquired: false };

const processState = globalThis as unknown as { toolgateMaintenanceBusy?: boolean };

/**
 * Runs `work` if no other run holds the lock, in this process or (on PostgreSQL) in any instance
 * on the same schema; otherwise returns `{ acquired: false }` at once. `holdMs` bounds how long the
 * lock's transaction may stay open: past it the lock is released even if `work` is still running.
 */
export async function withMaintenanceLock<T>({ holdMs }: { holdMs: number }, work: (store: MaintenanceStore) => Promise<T>): Promise<LockOutcome<T>> {
  if (processState.toolgateMaintenanceBusy) return { acquired: false };
  processState.toolgateMaintenanceBusy = true;
  try {
    const backend = await getBackend();
    // An embedded database belongs to one process (shared/notes/stack.md): the flag is the whole lock.
    if (backend.kind === "pglite") return { acquired: true, result: await work(createMaintenanceStore(backend.db)) };
    // With a pool of one connection the lock's transaction holds the only one, so the deletes run
    // inside it: slower to release row locks, but never waiting on themselves.
    const canUseOtherConnections = getEnv().TOOLGATE_DB_POOL_SIZE > 1;
    return await backend.db.$transaction(
      async (tx): Promise<LockOutcome<T>> => {
        const rows = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock(${MAINTENANCE_LOCK_KEY_SQL}) AS locked`);
        if (rows[0]?.locked !== true) return { acquired: false };
        return { acquired: true, result: await work(createMaintenanceStore(canUseOtherConnections ? backend.db : tx)) };
      },
      { maxWait: 10_000, timeout: holdMs },
    );
  } finally {
    processState.toolgateMaintenanceBusy = false;
  }
}
