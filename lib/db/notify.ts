import "server-only";
/**
 * Cache invalidation across app instances. A change to a grant, policy or server sends a NOTIFY on
 * one channel inside the transaction that made it, so it is delivered exactly when the change
 * commits (and never for a change that rolled back). Every instance LISTENs and drops its cached
 * entries; a bounded TTL covers a lost connection.
 */
import type { Prisma } from "./generated/client";

export const CHANGES_CHANNEL = "toolgate_changes";

export type ChangeNotice = { kind: "grant" | "policy" | "server" | "tools" | "approval"; id: string; serverId?: string };

export async function notifyChange(tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">, notice: ChangeNotice): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_notify($1, $2)", CHANGES_CHANNEL, JSON.stringify(notice));
}
