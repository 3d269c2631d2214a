import "server-only";
import { type Actor, recordAdminEvent } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { slugify } from "@/lib/validation/org";
import { getDb } from "./client";

export type OrgDto = { id: string; name: string; slug: string; retentionDays: number };
export type OrgWithRole = OrgDto & { role: Role };

const orgSelect = { id: true, name: true, slug: true, retentionDays: true } as const;

/** Creates an organisation with its creator as admin; picks a free slug when none is given. */
export async function createOrganization({ userId, name, slug, actor }: { userId: string; name: string; slug?: string; actor: Actor }): Promise<OrgDto> {
  const db = await getDb();
  const base = slug ?? slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = attempt === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      return await db.$transaction(async (tx) => {
        const org = await tx.organization.create({ data: { name, slug: candidate }, select: orgSelect });
        await tx.membership.create({ data: { orgId: org.id, userId, role: "admin" } });
        await recordAdminEvent(tx, {
          orgId: org.id,
          actor,
          action: "org.created",
          targetType: "organization",
          targetId: org.id,
          after: { name, slug: candidate },
        });
        return org;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (slug) throw new AppError("validation_failed", "This address is taken.", { fieldErrors: { slug: ["This address is taken."] } });
    }
  }
  throw new AppError("conflict", "Could not find a free address for this organisation.");
}

export async function listOrganizationsForUser({ userId }: { userId: string }): Promise<OrgWithRole[]> {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, org: { select: orgSelect } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map(({ role, org }) => ({ ...org, role }));
}

/** The membership of a user in the organisation named by the slug, or null (not a member, or no such organisation). */
export async function findMembershipBySlug({ userId, orgSlug }: { userId: string; orgSlug: string }): Promise<OrgWithRole | null> {
  const db = await getDb();
  const membership = await db.membership.findFirst({
    where: { userId, org: { slug: orgSlug } },
    select: { role: true, org: { select: orgSelect } },
  });
  return membership ? { ...membership.org, role: membership.role } : null;
}

export async function updateOrganizationSettings({
  orgId,
  data,
  actor,
}: {
  orgId: string;
  data: { name: string; retentionDays: number };
  actor: Actor;
}): Promise<OrgDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: orgId }, select: orgSelect });
    if (!before) throw notFound("Organisation");
    const after = await tx.organization.update({ where: { id: orgId }, data, select: orgSelect });
    await recordAdminEvent(tx, { orgId, actor, action: "settings.updated", targetType: "organization", targetId: orgId, before, after });
    return after;
  });
}

export async function getOrganizationCounts({ orgId }: { orgId: string }) {
  const db = await getDb();
  const [servers, grants, policies, members, calls, denials] = await Promise.all([
    db.server.count({ where: { orgId } }),
    db.grant.count({ where: { orgId, revokedAt: null } }),
    db.policy.count({ where: { orgId } }),
    db.membership.count({ where: { orgId } }),
    db.call.count({ where: { orgId, createdAt: { gte: new Date(Date.now() - 86_400_000) } } }),
    db.call.count({ where: { orgId, decision: "denied", createdAt: { gte: new Date(Date.now() - 86_400_000) } } }),
  ]);
  return { servers, grants, policies, members, callsLast24h: calls, denialsLast24h: denials };
}
