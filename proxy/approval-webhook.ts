/**
 * Announces a new approval request to the organisation's webhook (SPEC §4). Fire and forget: the
 * held call never waits for it and a failing receiver changes nothing about the call. The body
 * names the request, never its arguments (they may be the sensitive values the approval is about).
 * `Toolgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` lets the receiver check
 * origin and freshness. The URL is checked again before every send (DNS may have changed since it
 * was saved) and redirects are not followed, so a receiver cannot bounce the request inward.
 */
import { createHmac } from "node:crypto";
import { findApprovalWebhookTarget } from "@/lib/db/approval-webhook";
import { assertPublicUpstream } from "@/lib/net/ssrf";
import type { NewApprovalInfo } from "./approvals";

export const WEBHOOK_TIMEOUT_MS = 5_000;

export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  const signature = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${signature}`;
}

export function createApprovalWebhookSender({ allowPrivate, timeoutMs = WEBHOOK_TIMEOUT_MS }: { allowPrivate: boolean; timeoutMs?: number }) {
  return (approval: NewApprovalInfo): void => {
    void send(approval).catch(() => {
      // Best effort by design (SPEC §4 "announces"); the inbox and the call log remain the record.
    });
  };

  async function send(approval: NewApprovalInfo): Promise<void> {
    const target = await findApprovalWebhookTarget({ orgId: approval.orgId, serverId: approval.serverId });
    if (!target) return;
    await assertPublicUpstream(target.url, { isPrivateAllowed: allowPrivate });
    const body = JSON.stringify({
      id: approval.id,
      tool: approval.tool,
      server: { id: approval.serverId, name: target.serverName },
      grant: { id: approval.grantId, label: approval.grantLabel },
      requestedAt: approval.requestedAt.toISOString(),
      expiresAt: approval.expiresAt.toISOString(),
    });
    const response = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Toolgate-Webhook/1",
        "toolgate-signature": signWebhookBody(target.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
  }
}
