import "server-only";
/**
 * Admin events: every state-changing dashboard or API action, written in the same transaction as
 * the change through this one helper, with secrets masked before the row is built.
 */
import type { Prisma } from "@/lib/db/generated/client";

export type AdminAction =
  | "org.created"
  | "org.updated"
  | "member.invited"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "invitation.revoked"
  | "server.created"
  | "server.updated"
  | "server.deleted"
  | "server.tools_refreshed"
  | "credentials.updated"
  | "tool.drift_accepted"
  | "policy.created"
  | "policy.updated"
  | "policy.restored"
  | "policy.deleted"
  | "grant.created"
  | "grant.updated"
  | "grant.rotated"
  | "grant.revoked"
  | "api_key.created"
  | "api_key.revoked"
  | "api_key.used"
  | "approval.approved"
  | "approval.denied"
  | "approval_webhook.updated"
  | "settings.updated";

export type Actor = { userId?: string | null; apiKeyId?: string | null; label: string; ip?: string | null };

type Tx = Pick<Prisma.TransactionClient, "adminEvent">;

const SECRET_KEYS = /token|secret|password|authorization|cookie|credential|headers|key$/i;

/** Replaces secret-looking values with "••••" at any depth. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  // A Date has no own entries: rebuilt as an object it would be stored as {}.
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, SECRET_KEYS.test(key) && inner != null ? "••••" : maskSecrets(inner)]),
    );
  }
  return value;
}

export async function recordAdminEvent(
  tx: Tx,
  event: { orgId: string; actor: Actor; action: AdminAction; targetType: string; targetId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.adminEvent.create({
    data: {
      orgId: event.orgId,
      actorUserId: event.actor.userId ?? null,
      actorApiKeyId: event.actor.apiKeyId ?? null,
      actorLabel: event.actor.label,
      ip: event.actor.ip ?? null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      before: event.before === undefined ? undefined : (maskSecrets(event.before) as Prisma.InputJsonValue),
      after: event.after === undefined ? undefined : (maskSecrets(event.after) as Prisma.InputJsonValue),
    },
  });
}
