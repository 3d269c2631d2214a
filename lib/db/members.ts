import "server-only";
/**
 * Members of an organisation. Every write names the organisation in its where clause, so a
 * membership id of another organisation behaves exactly like one that does not exist.
 * An organisation always keeps at least one admin: otherwise nobody could manage it again.
 */
import { type Actor, recordAdminEvent } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { AppError, notFound } from "@/lib/errors";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export type MemberDto = { id: string; userId: string; email: string; name: string | null; role: Role; createdAt: Date };

export async function listMembers({ orgId }: { orgId: string }): Promise<MemberDto[]> {
  const db = await getDb();
  const rows = await db.membership.findMany({
    where: { orgId },
    select: { id: true, userId: true, role: true, createdAt: true, user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ user, ...row }) => ({ ...row, email: user.email, name: user.name }));
}

async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, orgId: string, membershipId: string) {
  const otherAdmins = await tx.membership.count({ where: { orgId, role: "admin", id: { not: membershipId } } });
  if (otherAdmins === 0) throw new AppError("conflict", "An organisation needs at least one admin. Promote another member first.");
}

export async function changeMemberRole({
  orgId,
  membershipId,
  role,
  actor,
}: {
  orgId: string;
  membershipId: string;
  role: Role;
  actor: Actor;
}): Promise<MemberDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { role: true, user: { select: { email: true } } } });
    if (!before) throw notFound("Member");
    if (before.role === "admin" && role !== "admin") await assertAnotherAdminRemains(tx, orgId, membershipId);
    const updated = await tx.membership.update({
      where: { id: membershipId, orgId },
      data: { role },
      select: { id: true, userId: true, role: true, createdAt: true, user: { select: { email: true, name: true } } },
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "member.role_changed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: before.user.email, role: before.role },
      after: { email: before.user.email, role },
    });
    const { user, ...rest } = updated;
    return { ...rest, email: user.email, name: user.name };
  });
}

export async function removeMember({ orgId, membershipId, actor }: { orgId: string; membershipId: string; actor: Actor }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { role: true, user: { select: { email: true } } } });
    if (!before) throw notFound("Member");
    if (before.role === "admin") await assertAnotherAdminRemains(tx, orgId, membershipId);
    const { count } = await tx.membership.deleteMany({ where: { id: membershipId, orgId } });
    if (count === 0) throw notFound("Member");
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "member.removed",
      targetType: "membership",
      targetId: membershipId,
      before: { email: before.user.email, role: before.role },
    });
  });
}
