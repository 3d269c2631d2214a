import "server-only";
/**
 * Grants: one per agent identity on one server. The token is returned only by mint and rotate;
 * the database keeps its keyed hash and a short prefix. Every change (edit, revoke, rotate) is
 * scoped by orgId in its where clause and notifies every proxy instance in the same transaction,
 * so it takes effect on the next request.
 */
import { type Actor, recordAdminEvent } from "@/lib/audit";
import { generateToken, hashToken, tokenPrefix } from "@/lib/crypto/tokens";
import { AppError, notFound } from "@/lib/errors";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";
import { notifyChange } from "./notify";

export type GrantDto = {
  id: string;
  serverId: string;
  label: string;
  prefix: string;
  policyId: string | null;
  policyName: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const grantSelect = {
  id: true,
  serverId: true,
  label: true,
  prefix: true,
  policyId: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  policy: { select: { name: true } },
} as const;
type GrantRow = Prisma.GrantGetPayload<{ select: typeof grantSelect }>;

function toGrantDto({ policy, ...row }: GrantRow): GrantDto {
  return { ...row, policyName: policy?.name ?? null };
}

/** Dates go into admin events as ISO text: the audit helper's secret masking rebuilds objects and would turn a Date into {}. */
function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

async function assertPolicyOnServer(tx: Prisma.TransactionClient, orgId: string, serverId: string, policyId: string | null | undefined) {
  if (!policyId) return;
  const policy = await tx.policy.findFirst({ where: { id: policyId, orgId, serverId }, select: { id: true } });
  if (!policy) throw new AppError("validation_failed", "Choose a policy of this server.", { fieldErrors: { policyId: ["Choose a policy of this server."] } });
}

export async function mintGrant({
  orgId,
  serverId,
  label,
  policyId,
  expiresAt,
  actor,
}: {
  orgId: string;
  serverId: string;
  label: string;
  policyId?: string | null;
  expiresAt?: Date | null;
  actor: Actor;
}): Promise<{ grant: GrantDto; token: string }> {
  const db = await getDb();
  const token = generateToken("tg");
  const grant = await db.$transaction(async (tx) => {
    const server = await tx.server.findFirst({ where: { id: serverId, orgId }, select: { id: true } });
    if (!server) throw notFound("Server");
    await assertPolicyOnServer(tx, orgId, serverId, policyId);
    const row = await tx.grant.create({
      data: {
        orgId,
        serverId,
        label,
        policyId: policyId ?? null,
        expiresAt: expiresAt ?? null,
        tokenHash: hashToken(token),
        prefix: tokenPrefix(token),
        createdById: actor.userId ?? null,
      },
      select: grantSelect,
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "grant.created",
      targetType: "grant",
      targetId: row.id,
      after: { label, serverId, policyId: policyId ?? null, expiresAt: isoOrNull(expiresAt), prefix: row.prefix },
    });
    return toGrantDto(row);
  });
  return { grant, token };
}

export async function listGrants({ orgId, serverId }: { orgId: string; serverId?: string }): Promise<GrantDto[]> {
  const db = await getDb();
  const rows = await db.grant.findMany({ where: { orgId, ...(serverId ? { serverId } : {}) }, select: grantSelect, orderBy: { createdAt: "desc" } });
  return rows.map(toGrantDto);
}

export async function getGrant({ orgId, grantId }: { orgId: string; grantId: string }): Promise<GrantDto> {
  const db = await getDb();
  const row = await db.grant.findFirst({ where: { id: grantId, orgId }, select: grantSelect });
  if (!row) throw notFound("Grant");
  return toGrantDto(row);
}

export async function updateGrant({
  orgId,
  grantId,
  data,
  actor,
}: {
  orgId: string;
  grantId: string;
  data: { label?: string; policyId?: string | null; expiresAt?: Date | null };
  actor: Actor;
}): Promise<GrantDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.grant.findFirst({ where: { id: grantId, orgId }, select: grantSelect });
    if (!before) throw notFound("Grant");
    await assertPolicyOnServer(tx, orgId, before.serverId, data.policyId);
    const row = await tx.grant.update({ where: { id: grantId, orgId }, data, select: grantSelect });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "grant.updated",
      targetType: "grant",
      targetId: grantId,
      before: { label: before.label, policyId: before.policyId, expiresAt: isoOrNull(before.expiresAt) },
      after: { label: row.label, policyId: row.policyId, expiresAt: isoOrNull(row.expiresAt) },
    });
    await notifyChange(tx, { kind: "grant", id: grantId, serverId: row.serverId });
    return toGrantDto(row);
  });
}

export async function rotateGrant({ orgId, grantId, actor }: { orgId: string; grantId: string; actor: Actor }): Promise<{ grant: GrantDto; token: string }> {
  const db = await getDb();
  const token = generateToken("tg");
  const grant = await db.$transaction(async (tx) => {
    const before = await tx.grant.findFirst({ where: { id: grantId, orgId, revokedAt: null }, select: { prefix: true } });
    if (!before) throw notFound("Grant");
    const row = await tx.grant.update({
      where: { id: grantId, orgId },
      data: { tokenHash: hashToken(token), prefix: tokenPrefix(token) },
      select: grantSelect,
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "grant.rotated",
      targetType: "grant",
      targetId: grantId,
      before: { prefix: before.prefix },
      after: { prefix: row.prefix },
    });
    await notifyChange(tx, { kind: "grant", id: grantId, serverId: row.serverId });
    return toGrantDto(row);
  });
  return { grant, token };
}

export async function revokeGrant({
  orgId,
  grantId,
  actor,
  now = new Date(),
}: {
  orgId: string;
  grantId: string;
  actor: Actor;
  now?: Date;
}): Promise<GrantDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.grant.updateMany({ where: { id: grantId, orgId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw notFound("Grant");
    const row = await tx.grant.findFirstOrThrow({ where: { id: grantId, orgId }, select: grantSelect });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "grant.revoked",
      targetType: "grant",
      targetId: grantId,
      after: { label: row.label, revokedAt: isoOrNull(now) },
    });
    await notifyChange(tx, { kind: "grant", id: grantId, serverId: row.serverId });
    return toGrantDto(row);
  });
}
