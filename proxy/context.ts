/**
 * Per-instance state shared by the stages, and the per-request facts they pass along. Everything a
 * proxy instance knows lives here, not in module globals, so two instances can run in one process
 * over one database (tests prove limits and invalidation across instances that way).
 */
import type { CallRowInput } from "@/lib/db/proxy-calls";
import type { ProxyGrant } from "@/lib/db/proxy-store";
import type { Decision } from "@/lib/policy/types";
import type { CallLog } from "./call-log";
import type { DetachedCalls } from "./detached-calls";
import type { LiveStreams } from "./live-streams";
import type { LivePolicy, Lookups } from "./lookups";
import type { SecurityEventRecorder } from "./security-events";
import type { UpstreamClient } from "./upstream";

/**
 * Decides a call whose policy requires approval: an allow (approved), a deny (denied, expired) or a
 * deny with code approval_pending (not decided within the hold). `signal` ends the hold early (the
 * client went away); `onHold` reports the approval the call waits for (progress notifications).
 */
export type ApprovalHandler = (input: {
  call: ToolCallFacts;
  decision: Decision;
  policy: LivePolicy | null;
  signal?: AbortSignal;
  onHold?: (hold: { approvalId: string }) => void;
}) => Promise<Decision>;

export type ProxySettings = {
  maxBodyBytes: number;
  upstreamTimeoutMs: number;
  allowPrivateUpstreams: boolean;
  /** While a call is held for approval on an event stream: how often a progress notification goes out. */
  approvalProgressMs: number;
};

export type ProxyInstance = {
  settings: ProxySettings;
  lookups: Lookups;
  callLog: CallLog;
  upstream: UpstreamClient;
  recordSecurityEvent: SecurityEventRecorder;
  health: DatabaseHealth;
  approvals: ApprovalHandler | null;
  liveStreams: LiveStreams;
  /** Calls whose answer moved to a resumed GET stream, waiting for it (per instance, never shared). */
  detachedCalls: DetachedCalls;
};

/** The request after authentication and parsing. */
export type RequestFacts = {
  request: Request;
  grant: ProxyGrant;
  sessionId: string | null;
  startedAt: number;
  receivedAt: Date;
  body: Uint8Array;
};

export type ToolCallFacts = RequestFacts & {
  requestId: string | number;
  toolName: string;
  args: Record<string, unknown> | undefined;
  /** `params._meta.progressToken` of the request, when the client asked for progress. */
  progressToken?: string | number;
};

/**
 * Whether the last database write succeeded. While it does, the call-row insert overlaps the
 * upstream call; after a failure, rows are awaited before forwarding, so a database outage stops
 * forwarding (fail closed) instead of forwarding calls whose rows cannot be written.
 */
export class DatabaseHealth {
  isHealthy = true;
  track<T>(promise: Promise<T>): Promise<T> {
    promise.then(
      () => {
        this.isHealthy = true;
      },
      () => {
        this.isHealthy = false;
      },
    );
    return promise;
  }
}

export function buildRow(facts: RequestFacts, fields: Partial<CallRowInput> & Pick<CallRowInput, "method" | "decision" | "code">): CallRowInput {
  return {
    orgId: facts.grant.orgId,
    serverId: facts.grant.serverId,
    grantId: facts.grant.id,
    grantLabel: facts.grant.label,
    sessionId: facts.sessionId,
    requestId: null,
    tool: null,
    rule: null,
    message: null,
    policyId: null,
    policyVersion: null,
    argumentKeys: [],
    upstreamStatus: null,
    upstreamMs: null,
    totalMs: Math.round(performance.now() - facts.startedAt),
    createdAt: facts.receivedAt,
    ...fields,
  };
}
