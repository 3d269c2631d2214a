import "server-only";
/**
 * The organisation's approval webhook (SPEC §4): a URL that is told about every new approval
 * request, signed with an HMAC secret. The secret is generated here, returned once by
 * `setApprovalWebhook` and stored encrypted (additional data bound to the organisation), like
 * upstream credentials; the settings page only learns whether a webhook is set and where it points.
 * The URL must be public unless the operator allows private upstreams: the request is made by
 * the server, so a private address would reach the operator's network (SSRF).
 */
import { randomBytes } from "node:crypto";
import { type Actor, recordAdminEvent } from "@/lib/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, isRecordNotFound, notFound } from "@/lib/errors";
import { assertPublicUpstream } from "@/lib/net/ssrf";
import { getDb } from "./client";

export type ApprovalWebhookDto = { url: string | null };

/** The envelope's additional data is `orgId:approval-webhook`, a namespace no server id can take. */
const secretOwner = (orgId: string) => ({ orgId, serverId: "approval-webhook" });

function invalidUrl(message: string): AppError {
  return new AppError("validation_failed", message, { fieldErrors: { url: [message] } });
}

export async function getApprovalWebhook({ orgId }: { orgId: string }): Promise<ApprovalWebhookDto> {
  const db = await getDb();
  const org = await db.organization.findFirst({ where: { id: orgId }, select: { approvalWebhookUrl: true } });
  if (!org) throw notFound("Organization");
  return { url: org.approvalWebhookUrl };
}

/**
 * Sets (or with `url: null` removes) the webhook. Every set generates a new secret, returned only
 * here: show it once, as with grant tokens.
 */
export async function setApprovalWebhook({
  orgId,
  url,
  actor,
}: {
  orgId: string;
  url: string | null;
  actor: Actor;
}): Promise<{ url: string | null; secret: string | null }> {
  if (url !== null) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalidUrl("Enter an http:// or https:// URL.");
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw invalidUrl("Enter an http:// or https:// URL.");
    if (parsed.username || parsed.password) throw invalidUrl("Put no credentials in the URL; verify the signature instead.");
    await assertPublicUpstream(url);
  }
  const secret = url === null ? null : `whsec_${randomBytes(32).toString("base64url")}`;
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.organization.findFirst({ where: { id: orgId }, select: { approvalWebhookUrl: true } });
      if (!before) throw notFound("Organization");
      await tx.organization.update({
        where: { id: orgId },
        data: { approvalWebhookUrl: url, approvalWebhookSecret: secret === null ? null : encryptSecret(secret, secretOwner(orgId)) },
      });
      await recordAdminEvent(tx, {
        orgId,
        actor,
        action: "approval_webhook.updated",
        targetType: "organization",
        targetId: orgId,
        before: { url: before.approvalWebhookUrl },
        after: { url, secret },
      });
      return { url, secret };
    });
  } catch (error) {
    if (isRecordNotFound(error)) throw notFound("Organization");
    throw error;
  }
}

/** For the proxy only: where to send the announcement, with the decrypted secret and the server's name. */
export async function findApprovalWebhookTarget({
  orgId,
  serverId,
}: {
  orgId: string;
  serverId: string;
}): Promise<{ url: string; secret: string; serverName: string | null } | null> {
  const db = await getDb();
  const [org, server] = await Promise.all([
    db.organization.findFirst({ where: { id: orgId }, select: { approvalWebhookUrl: true, approvalWebhookSecret: true } }),
    db.server.findFirst({ where: { id: serverId, orgId }, select: { name: true } }),
  ]);
  if (!org?.approvalWebhookUrl || !org.approvalWebhookSecret) return null;
  return { url: org.approvalWebhookUrl, secret: decryptSecret(org.approvalWebhookSecret, secretOwner(orgId)), serverName: server?.name ?? null };
}
