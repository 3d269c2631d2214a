/**
 * The approval flow (SPEC §4) as the proxy's ApprovalHandler. A call that needs approval first
 * tries to consume an approved, unconsumed approval of the identical call (same grant, tool and
 * canonical arguments): that UPDATE is the one atomic step, so of two identical retries exactly one
 * runs. Otherwise the call's pending approval is found or created and the request is held for up to
 * `holdMs`, woken by the change notice a decision sends (any instance, any process), with a re-read
 * every `pollMs` in case a notice is lost. Nothing is forwarded unless a consume succeeded; every
 * database failure propagates and the caller fails closed.
 */

import { computeCallHash } from "@/lib/approvals/call-hash";
import { type ApprovalState, consumeApproval, findOrCreatePendingApproval, markApprovalExpired, readApprovalState } from "@/lib/db/approvals";
import { approvalDeniedDecision, approvalExpiredDecision, approvalPendingDecision, approvedDecision } from "@/lib/policy/decisions";
import { DEFAULT_APPROVAL_TIMEOUT_MS } from "@/lib/policy/durations";
import type { Decision } from "@/lib/policy/types";
import type { ApprovalHandler } from "./context";
import type { Lookups } from "./lookups";

export type NewApprovalInfo = {
  id: string;
  orgId: string;
  serverId: string;
  grantId: string;
  grantLabel: string;
  tool: string;
  requestedAt: Date;
  expiresAt: Date;
};

export type ApprovalFlowOptions = {
  lookups: Lookups;
  holdMs: number;
  pollMs?: number;
  /** Called once per newly created approval (the webhook); must not throw or block. */
  onNewApproval?: (approval: NewApprovalInfo) => void;
};

/** Wakes the holders of one approval; a wake that arrives between two waits is not lost. */
class Wakeup {
  private isWoken = false;
  private resolve: (() => void) | null = null;

  wake(): void {
    this.isWoken = true;
    this.resolve?.();
  }

  wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.isWoken || signal?.aborted) {
      this.isWoken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.resolve = null;
        this.isWoken = false;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener("abort", done, { once: true });
      this.resolve = done;
    });
  }
}

export function createApprovalHandler({ lookups, holdMs, pollMs = 2_000, onNewApproval }: ApprovalFlowOptions): ApprovalHandler & { close: () => void } {
  const holders = new Map<string, Set<Wakeup>>();
  const stopListening = lookups.onInvalidate((notice) => {
    if (notice.kind !== "approval") return;
    for (const holder of holders.get(notice.id) ?? []) holder.wake();
  });

  function register(approvalId: string, holder: Wakeup): () => void {
    let set = holders.get(approvalId);
    if (!set) holders.set(approvalId, (set = new Set()));
    set.add(holder);
    return () => {
      set.delete(holder);
      if (set.size === 0) holders.delete(approvalId);
    };
  }

  const handler: ApprovalHandler = async ({ call, decision, signal, onHold }) => {
    const { grant } = call;
    const orgId = grant.orgId;
    const callHash = computeCallHash({ grantId: grant.id, tool: call.toolName, args: call.args });
    const consumedId = await consumeApproval({ orgId, grantId: grant.id, callHash });
    if (consumedId) return approvedDecision(decision, consumedId);

    const deadline = performance.now() + holdMs;
    for (;;) {
      const { approval, isNew } = await findOrCreatePendingApproval({
        orgId,
        serverId: grant.serverId,
        grantId: grant.id,
        tool: call.toolName,
        args: call.args,
        callHash,
        timeoutMs: decision.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS,
      });
      if (isNew) onNewApproval?.({ ...approval, orgId, serverId: grant.serverId, grantId: grant.id, grantLabel: grant.label, tool: call.toolName });
      onHold?.({ approvalId: approval.id });
      const holder = new Wakeup();
      const unregister = register(approval.id, holder);
      try {
        const outcome = await holdUntilDecided({ approvalId: approval.id, holder, deadline, signal });
        if (outcome.kind === "consumed_elsewhere") continue;
        return outcome.decision;
      } finally {
        unregister();
      }
    }

    type HoldOutcome = { kind: "decided"; decision: Decision } | { kind: "consumed_elsewhere" };

    async function holdUntilDecided(input: { approvalId: string; holder: Wakeup; deadline: number; signal?: AbortSignal }): Promise<HoldOutcome> {
      const { approvalId } = input;
      const pending = (isClientClosed: boolean) => ({ kind: "decided" as const, decision: approvalPendingDecision(decision, approvalId, { isClientClosed }) });
      for (;;) {
        const state: ApprovalState | null = await readApprovalState({ orgId, approvalId });
        if (!state || state.status === "expired") {
          await markApprovalExpired({ orgId, approvalId });
          return { kind: "decided", decision: approvalExpiredDecision(decision.rule, approvalId) };
        }
        if (state.status === "denied") return { kind: "decided", decision: approvalDeniedDecision(decision.rule, state.note, approvalId) };
        if (state.status === "consumed") return { kind: "consumed_elsewhere" };
        if (state.status === "approved") {
          const id = await consumeApproval({ orgId, grantId: grant.id, callHash, approvalId });
          // An identical call held beside this one consumed the approval first: this one asks anew.
          return id ? { kind: "decided", decision: approvedDecision(decision, id) } : { kind: "consumed_elsewhere" };
        }
        if (input.signal?.aborted) return pending(true);
        const remainingMs = input.deadline - performance.now();
        if (remainingMs <= 0) return pending(false);
        const untilExpiryMs = state.expiresAt.getTime() - Date.now() + 5;
        await input.holder.wait(Math.min(pollMs, remainingMs, untilExpiryMs), input.signal);
      }
    }
  };

  return Object.assign(handler, { close: () => void stopListening() });
}
