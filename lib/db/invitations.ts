import "server-only";
/**
 * One-time invitation links. The link carries a random token; only its keyed hash is stored, the
 * link is shown once to the admin who created it. Accepting is a single conditional update, so a
 * link cannot be used twice even by two concurrent requests.
 */
import { type Actor, recordAdminEvent } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { generateToken, hashToken } from "@/lib/crypto/tokens";
import { AppError, notFound } from "@/lib/errors";
import { getDb } from "./client";

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type InvitationDto = { id: string; email: string | null; role: Role; expiresAt: Date; createdAt: Date; acceptedAt: Date | null; revokedAt: Date | null };

const invitationSelect = { id: true, email: true, role: true, expiresAt: true, createdAt: true, acceptedAt: true, revokedAt: true } as const;

export async function createInvitation({
  orgId,
  email,
  role,
  actor,
  now = new Date(),
}: {
  orgId: string;
  email?: string | null;
  role: Role;
  actor: Actor;
  now?: Date;
}): Promise<{ invitation: InvitationDto; token: string }> {
  const db = await getDb();
  const token = generateToken("tgi");
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        orgId,
        email: email || null,
        role,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        createdById: actor.userId ?? "api",
      },
      select: invitationSelect,
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "member.invited",
      targetType: "invitation",
      targetId: created.id,
      after: { email: created.email, role },
    });
    return created;
  });
  return { invitation, token };
}

export async function listPendingInvitations({ orgId, now = new Date() }: { orgId: string; now?: Date }): Promise<InvitationDto[]> {
  const db = await getDb();
  return db.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: invitationSelect,
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvitation({ orgId, invitationId, actor }: { orgId: string; invitationId: string; actor: Actor }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, orgId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Invitation");
    await recordAdminEvent(tx, { orgId, actor, action: "invitation.revoked", targetType: "invitation", targetId: invitationId });
  });
}

/** What the invitation page shows before the user accepts; null when the link is unusable. */
export async function previewInvitation({
  token,
  now = new Date(),
}: {
  token: string;
  now?: Date;
}): Promise<{ orgName: string; role: Role; email: string | null } | null> {
  const db = await getDb();
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { role: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true, org: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return { orgName: invitation.org.name, role: invitation.role, email: invitation.email };
}

export async function acceptInvitation({
  token,
  user,
  now = new Date(),
}: {
  token: string;
  user: { id: string; email: string };
  now?: Date;
}): Promise<{ orgSlug: string }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, orgId: true, email: true, role: true, org: { select: { slug: true } } },
    });
    if (!invitation) throw new AppError("not_found", "This invitation link is not valid.");
    if (invitation.email && invitation.email !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
    }
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedBy: user.id },
    });
    if (count === 0) throw new AppError("not_found", "This invitation has expired, was revoked or was already used.");
    const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invitation.orgId, userId: user.id } }, select: { id: true } });
    if (!existing) {
      await tx.membership.create({ data: { orgId: invitation.orgId, userId: user.id, role: invitation.role } });
      await recordAdminEvent(tx, {
        orgId: invitation.orgId,
        actor: { userId: user.id, label: user.email },
        action: "member.joined",
        targetType: "invitation",
        targetId: invitation.id,
        after: { email: user.email, role: invitation.role },
      });
    }
    return { orgSlug: invitation.org.slug };
  });
}
