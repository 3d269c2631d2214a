import "server-only";
/**
 * Policies and their immutable versions. A document is validated by the policy engine before it is
 * stored, so an invalid document never reaches the database; every save inserts version n+1 and
 * notifies the proxies, which serve it on their next request.
 */
import { type Actor, recordAdminEvent } from "@/lib/audit";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import type { PolicyDocument } from "@/lib/policy/types";
import { validatePolicy } from "@/lib/policy/validate";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";
import { notifyChange } from "./notify";

export type PolicyDto = { id: string; serverId: string; name: string; version: number; document: PolicyDocument; createdAt: Date; updatedAt: Date };
export type PolicyVersionDto = { version: number; document: PolicyDocument; createdAt: Date; createdById: string | null };

type Tx = Prisma.TransactionClient;

/** Validates and returns the document as written (the engine normalises on load; the stored text is the user's). */
export function assertValidDocument(document: unknown): PolicyDocument {
  const result = validatePolicy(document);
  if (!result.ok) {
    throw new AppError("validation_failed", `The policy document has ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}.`, {
      policyErrors: result.errors,
      fieldErrors: { document: result.errors.map((error) => `${error.pointer || "/"}: ${error.message}`) },
    });
  }
  return document as PolicyDocument;
}

async function loadPolicy(tx: Tx | Awaited<ReturnType<typeof getDb>>, orgId: string, policyId: string): Promise<PolicyDto> {
  const row = await tx.policy.findFirst({
    where: { id: policyId, orgId },
    select: {
      id: true,
      serverId: true,
      name: true,
      currentVersion: true,
      createdAt: true,
      updatedAt: true,
      versions: { select: { version: true, document: true }, orderBy: { version: "desc" }, take: 1 },
    },
  });
  const latest = row?.versions[0];
  if (!row || !latest) throw notFound("Policy");
  return {
    id: row.id,
    serverId: row.serverId,
    name: row.name,
    version: latest.version,
    document: latest.document as PolicyDocument,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function createPolicy({
  orgId,
  serverId,
  name,
  document,
  actor,
}: {
  orgId: string;
  serverId: string;
  name: string;
  document: unknown;
  actor: Actor;
}): Promise<PolicyDto> {
  const valid = assertValidDocument(document);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const server = await tx.server.findFirst({ where: { id: serverId, orgId }, select: { id: true } });
      if (!server) throw notFound("Server");
      const policy = await tx.policy.create({ data: { orgId, serverId, name, currentVersion: 1 }, select: { id: true } });
      await tx.policyVersion.create({
        data: { orgId, policyId: policy.id, version: 1, document: valid as Prisma.InputJsonValue, createdById: actor.userId ?? null },
      });
      await recordAdminEvent(tx, {
        orgId,
        actor,
        action: "policy.created",
        targetType: "policy",
        targetId: policy.id,
        after: { name, version: 1, document: valid },
      });
      return loadPolicy(tx, orgId, policy.id);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("validation_failed", "A policy with this name already exists on this server.", {
        fieldErrors: { name: ["A policy with this name already exists on this server."] },
      });
    throw error;
  }
}

export async function savePolicyVersion({
  orgId,
  policyId,
  document,
  name,
  actor,
  action = "policy.updated",
}: {
  orgId: string;
  policyId: string;
  document: unknown;
  name?: string;
  actor: Actor;
  action?: "policy.updated" | "policy.restored";
}): Promise<PolicyDto> {
  const valid = assertValidDocument(document);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await loadPolicy(tx, orgId, policyId);
    // The conditional increment serialises concurrent saves: each gets its own version number.
    const updated = await tx.policy.update({
      where: { id: policyId, orgId },
      data: { currentVersion: { increment: 1 }, ...(name ? { name } : {}) },
      select: { currentVersion: true },
    });
    await tx.policyVersion.create({
      data: { orgId, policyId, version: updated.currentVersion, document: valid as Prisma.InputJsonValue, createdById: actor.userId ?? null },
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action,
      targetType: "policy",
      targetId: policyId,
      before: { version: before.version, document: before.document },
      after: { version: updated.currentVersion, document: valid },
    });
    await notifyChange(tx, { kind: "policy", id: policyId, serverId: before.serverId });
    return loadPolicy(tx, orgId, policyId);
  });
}

export async function restorePolicyVersion({
  orgId,
  policyId,
  version,
  actor,
}: {
  orgId: string;
  policyId: string;
  version: number;
  actor: Actor;
}): Promise<PolicyDto> {
  const old = await getPolicyVersion({ orgId, policyId, version });
  return savePolicyVersion({ orgId, policyId, document: old.document, actor, action: "policy.restored" });
}

export async function getPolicy({ orgId, policyId }: { orgId: string; policyId: string }): Promise<PolicyDto> {
  return loadPolicy(await getDb(), orgId, policyId);
}

export async function listPolicies({
  orgId,
  serverId,
}: {
  orgId: string;
  serverId: string;
}): Promise<Array<{ id: string; name: string; version: number; updatedAt: Date; grantCount: number }>> {
  const db = await getDb();
  const rows = await db.policy.findMany({
    where: { orgId, serverId },
    select: { id: true, name: true, currentVersion: true, updatedAt: true, _count: { select: { grants: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, version: row.currentVersion, updatedAt: row.updatedAt, grantCount: row._count.grants }));
}

export async function listPolicyVersions({ orgId, policyId }: { orgId: string; policyId: string }): Promise<PolicyVersionDto[]> {
  const db = await getDb();
  const rows = await db.policyVersion.findMany({
    where: { orgId, policyId },
    select: { version: true, document: true, createdAt: true, createdById: true },
    orderBy: { version: "desc" },
  });
  if (rows.length === 0) throw notFound("Policy");
  return rows.map((row) => ({ ...row, document: row.document as PolicyDocument }));
}

export async function getPolicyVersion({ orgId, policyId, version }: { orgId: string; policyId: string; version: number }): Promise<PolicyVersionDto> {
  const db = await getDb();
  const row = await db.policyVersion.findFirst({
    where: { orgId, policyId, version },
    select: { version: true, document: true, createdAt: true, createdById: true },
  });
  if (!row) throw notFound("Policy version");
  return { ...row, document: row.document as PolicyDocument };
}

export async function deletePolicy({ orgId, policyId, actor }: { orgId: string; policyId: string; actor: Actor }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await loadPolicy(tx, orgId, policyId);
    // Grants that used it now have no policy: the proxy denies their calls with `no_policy`.
    await tx.policy.deleteMany({ where: { id: policyId, orgId } });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "policy.deleted",
      targetType: "policy",
      targetId: policyId,
      before: { name: before.name, version: before.version },
    });
    await notifyChange(tx, { kind: "policy", id: policyId, serverId: before.serverId });
  });
}
