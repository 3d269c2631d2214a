import "server-only";
/**
 * Approvals (SPEC §4): calls held for a person's decision. Every function is scoped by `orgId`, so
 * an approval of another organisation answers exactly like one that does not exist (404).
 * Arguments are stored encrypted (AES-GCM, additional data bound to the organisation and the
 * approval id): they may hold the very values the policy wants a person to look at, and a copied
 * blob must not decrypt in another row. Only `getApprovalArguments` decrypts; the caller checks
 * that the reader may see them (policy_manager and up).
 * A decision sends a change notice in its transaction, so a proxy instance holding the call wakes
 * at once, whichever instance or process decided.
 */
import { randomBytes } from "node:crypto";
import { type Actor, recordAdminEvent } from "@/lib/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, notFound } from "@/lib/errors";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";
import { notifyChange } from "./notify";

export type ApprovalStatusName = "pending" | "approved" | "denied" | "expired" | "consumed";

export type ApprovalDto = {
  id: string;
  serverId: string;
  serverName: string;
  grantId: string;
  grantLabel: string;
  tool: string;
  status: ApprovalStatusName;
  requestedAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  decidedByLabel: string | null;
  note: string | null;
  consumedAt: Date | null;
};

const approvalSelect = {
  id: true,
  orgId: true,
  serverId: true,
  grantId: true,
  tool: true,
  status: true,
  requestedAt: true,
  expiresAt: true,
  decidedById: true,
  decidedAt: true,
  note: true,
  consumedAt: true,
} as const;

type ApprovalRow = Prisma.ApprovalGetPayload<{ select: typeof approvalSelect }>;
type Reader = Pick<Prisma.TransactionClient, "server" | "grant" | "user" | "apiKey">;

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/** A pending approval past its expiry is expired, whether or not a job has rewritten the row yet. */
function effectiveStatus(row: { status: ApprovalStatusName; expiresAt: Date }, now = new Date()): ApprovalStatusName {
  return row.status === "pending" && row.expiresAt.getTime() <= now.getTime() ? "expired" : row.status;
}

/** Names for the ids on a page of rows, in three queries whatever the page size. */
async function toDtos(db: Reader, orgId: string, rows: ApprovalRow[]): Promise<ApprovalDto[]> {
  if (rows.length === 0) return [];
  const unique = (values: Array<string | null>) => [...new Set(values.filter((value): value is string => value !== null))];
  const deciderIds = unique(rows.map((row) => row.decidedById));
  const [servers, grants, users, apiKeys] = await Promise.all([
    db.server.findMany({ where: { orgId, id: { in: unique(rows.map((row) => row.serverId)) } }, select: { id: true, name: true } }),
    db.grant.findMany({ where: { orgId, id: { in: unique(rows.map((row) => row.grantId)) } }, select: { id: true, label: true } }),
    deciderIds.length > 0 ? db.user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, email: true } }) : [],
    deciderIds.length > 0 ? db.apiKey.findMany({ where: { orgId, id: { in: deciderIds } }, select: { id: true, name: true } }) : [],
  ]);
  const serverNames = new Map(servers.map((server) => [server.id, server.name]));
  const grantLabels = new Map(grants.map((grant) => [grant.id, grant.label]));
  const deciders = new Map<string, string>([
    ...users.map((user) => [user.id, user.email] as const),
    ...apiKeys.map((key) => [key.id, `API key ${key.name}`] as const),
  ]);
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    serverId: row.serverId,
    serverName: serverNames.get(row.serverId) ?? "(deleted server)",
    grantId: row.grantId,
    grantLabel: grantLabels.get(row.grantId) ?? "(deleted grant)",
    tool: row.tool,
    status: effectiveStatus(row, now),
    requestedAt: row.requestedAt,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
    decidedByLabel: row.decidedById ? (deciders.get(row.decidedById) ?? "(deleted user)") : null,
    note: row.note,
    consumedAt: row.consumedAt,
  }));
}

function statusWhere(status: ApprovalStatusName | undefined, now: Date): Prisma.ApprovalWhereInput {
  if (status === "pending") return { status: "pending", expiresAt: { gt: now } };
  if (status === "expired") return { OR: [{ status: "expired" }, { status: "pending", expiresAt: { lte: now } }] };
  return status ? { status } : {};
}

/** The cursor is opaque to callers: the last row's request time and id, base64url-encoded. */
function encodeCursor(row: { requestedAt: Date; id: string }): string {
  return Buffer.from(`${row.requestedAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { requestedAt: Date; id: string } | null {
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const requestedAt = new Date(time ?? "");
  return Number.isNaN(requestedAt.getTime()) || !id ? null : { requestedAt, id };
}

/** Newest first, keyset-paged over the `(orgId, status, requestedAt desc)` index. */
export async function listApprovals({
  orgId,
  status,
  limit = DEFAULT_PAGE,
  cursor,
}: {
  orgId: string;
  status?: ApprovalStatusName;
  limit?: number;
  cursor?: string;
}): Promise<{ items: ApprovalDto[]; nextCursor: string | null }> {
  const db = await getDb();
  const take = Math.min(Math.max(1, Math.floor(limit) || DEFAULT_PAGE), MAX_PAGE);
  const after = cursor ? decodeCursor(cursor) : null;
  const where: Prisma.ApprovalWhereInput[] = [{ orgId }, statusWhere(status, new Date())];
  if (after) where.push({ OR: [{ requestedAt: { lt: after.requestedAt } }, { requestedAt: after.requestedAt, id: { lt: after.id } }] });
  const rows = await db.approval.findMany({
    where: { AND: where },
    select: approvalSelect,
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const items = await toDtos(db, orgId, rows.slice(0, take));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > take && last ? encodeCursor(last) : null };
}

/** Pending approvals that can still be decided, counted up to `cap` (the nav badge shows "cap+"). */
export async function countPendingApprovals({ orgId, cap = 50 }: { orgId: string; cap?: number }): Promise<{ count: number; isCapped: boolean }> {
  const db = await getDb();
  const rows = await db.approval.findMany({ where: { AND: [{ orgId }, statusWhere("pending", new Date())] }, select: { id: true }, take: cap + 1 });
  return { count: Math.min(rows.length, cap), isCapped: rows.length > cap };
}

export async function getApproval({ orgId, approvalId }: { orgId: string; approvalId: string }): Promise<ApprovalDto | null> {
  const db = await getDb();
  const row = await db.approval.findFirst({ where: { id: approvalId, orgId }, select: approvalSelect });
  if (!row) return null;
  const [dto] = await toDtos(db, orgId, [row]);
  return dto ?? null;
}

/** Decrypted arguments. The caller must have checked the reader's role (policy_manager or admin). */
export async function getApprovalArguments({ orgId, approvalId }: { orgId: string; approvalId: string }): Promise<Record<string, unknown> | null> {
  const db = await getDb();
  const row = await db.approval.findFirst({ where: { id: approvalId, orgId }, select: { arguments: true } });
  if (!row) return null;
  return decryptArguments(row.arguments, { orgId, approvalId });
}

/**
 * Approves or denies a pending, unexpired approval. The status test is in the UPDATE's WHERE, so two
 * approvers deciding at once cannot both win: the second gets a conflict (409).
 */
export async function decideApproval({
  orgId,
  approvalId,
  decision,
  note,
  actor,
}: {
  orgId: string;
  approvalId: string;
  decision: "approve" | "deny";
  note?: string | null;
  actor: Actor;
}): Promise<ApprovalDto> {
  const db = await getDb();
  const now = new Date();
  const status = decision === "approve" ? "approved" : "denied";
  const cleanNote = note?.trim() ? note.trim() : null;
  return db.$transaction(async (tx) => {
    const { count } = await tx.approval.updateMany({
      where: { id: approvalId, orgId, status: "pending", expiresAt: { gt: now } },
      data: { status, decidedAt: now, decidedById: actor.userId ?? actor.apiKeyId ?? null, note: cleanNote },
    });
    const row = await tx.approval.findFirst({ where: { id: approvalId, orgId }, select: approvalSelect });
    if (!row) throw notFound("Approval");
    if (count === 0) {
      throw new AppError("conflict", `This approval is already ${effectiveStatus(row, now)} and can no longer be decided.`, {
        status: effectiveStatus(row, now),
      });
    }
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: decision === "approve" ? "approval.approved" : "approval.denied",
      targetType: "approval",
      targetId: approvalId,
      before: { status: "pending" },
      after: { status, tool: row.tool, serverId: row.serverId, grantId: row.grantId, note: cleanNote },
    });
    await notifyChange(tx, { kind: "approval", id: approvalId, serverId: row.serverId });
    const [dto] = await toDtos(tx, orgId, [row]);
    return dto as ApprovalDto;
  });
}

// ---- The proxy's side ------------------------------------------------------------------------

/** What the proxy needs to decide about a held call: the row's state, never its arguments. */
export type ApprovalState = { id: string; status: ApprovalStatusName; expiresAt: Date; note: string | null };

function argumentsOwner(orgId: string, approvalId: string) {
  // The envelope's additional data is `orgId:approval:<id>`, a namespace no server id can take.
  return { orgId, serverId: `approval:${approvalId}` };
}

function decryptArguments(value: Prisma.JsonValue, { orgId, approvalId }: { orgId: string; approvalId: string }): Record<string, unknown> {
  const blob = (value as { encrypted?: unknown } | null)?.encrypted;
  if (typeof blob !== "string") return {};
  return JSON.parse(decryptSecret(blob, argumentsOwner(orgId, approvalId))) as Record<string, unknown>;
}

export function newApprovalId(): string {
  return `apr_${randomBytes(16).toString("base64url")}`;
}

/**
 * The pending approval of this exact call, or a new one. An advisory lock on (grant, call hash)
 * makes find-or-create atomic, so identical calls arriving together share one request.
 */
export async function findOrCreatePendingApproval(input: {
  orgId: string;
  serverId: string;
  grantId: string;
  tool: string;
  args: Record<string, unknown> | undefined;
  callHash: string;
  timeoutMs: number;
}): Promise<{ approval: ApprovalState & { requestedAt: Date }; isNew: boolean }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${input.grantId}:${input.callHash}`}, 0))`;
    const now = new Date();
    const existing = await tx.approval.findFirst({
      where: { orgId: input.orgId, grantId: input.grantId, callHash: input.callHash, status: "pending", expiresAt: { gt: now } },
      orderBy: { requestedAt: "desc" },
      select: { id: true, status: true, expiresAt: true, note: true, requestedAt: true },
    });
    if (existing) return { approval: existing, isNew: false };
    const id = newApprovalId();
    const encrypted = encryptSecret(JSON.stringify(input.args ?? {}), argumentsOwner(input.orgId, id));
    const created = await tx.approval.create({
      data: {
        id,
        orgId: input.orgId,
        serverId: input.serverId,
        grantId: input.grantId,
        tool: input.tool,
        arguments: { encrypted },
        callHash: input.callHash,
        requestedAt: now,
        expiresAt: new Date(now.getTime() + input.timeoutMs),
      },
      select: { id: true, status: true, expiresAt: true, note: true, requestedAt: true },
    });
    // Lets a live inbox (any instance) show the new request without polling.
    await notifyChange(tx, { kind: "approval", id, serverId: input.serverId });
    return { approval: created, isNew: true };
  });
}

export async function readApprovalState({ orgId, approvalId }: { orgId: string; approvalId: string }): Promise<ApprovalState | null> {
  const db = await getDb();
  const row = await db.approval.findFirst({ where: { id: approvalId, orgId }, select: { id: true, status: true, expiresAt: true, note: true } });
  return row ? { ...row, status: effectiveStatus(row) } : null;
}

/**
 * Consumes an approved, unconsumed, unexpired approval of this call (or the given one) in one
 * statement. The row is locked and the conditions re-checked by the UPDATE itself, so of two
 * identical retries racing, exactly one gets the id back and runs.
 */
export async function consumeApproval({
  orgId,
  grantId,
  callHash,
  approvalId,
}: {
  orgId: string;
  grantId: string;
  callHash: string;
  approvalId?: string;
}): Promise<string | null> {
  const db = await getDb();
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "Approval" SET "status" = 'consumed', "consumedAt" = now()
    WHERE "id" = (
      SELECT "id" FROM "Approval"
      WHERE "orgId" = ${orgId} AND "grantId" = ${grantId} AND "callHash" = ${callHash}
        AND "status" = 'approved' AND "consumedAt" IS NULL AND "expiresAt" > now()
        AND (${approvalId ?? null}::text IS NULL OR "id" = ${approvalId ?? null}::text)
      ORDER BY "decidedAt" ASC
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) AND "status" = 'approved' AND "consumedAt" IS NULL
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/** Rewrites a pending approval past its expiry as expired (idempotent). */
export async function markApprovalExpired({ orgId, approvalId }: { orgId: string; approvalId: string }): Promise<void> {
  const db = await getDb();
  await db.approval.updateMany({ where: { id: approvalId, orgId, status: "pending", expiresAt: { lte: new Date() } }, data: { status: "expired" } });
}

/**
 * Gives a consumed approval back when the call it admitted did not run after all (rate-limited, or
 * the proxy could not forward it), so the identical retry can still use it. Best effort: if this
 * fails, the approval stays consumed and the retry asks again (closed, never open).
 */
export async function returnConsumedApproval({ orgId, approvalId }: { orgId: string; approvalId: string }): Promise<void> {
  const db = await getDb();
  await db.approval.updateMany({ where: { id: approvalId, orgId, status: "consumed" }, data: { status: "approved", consumedAt: null } });
}
