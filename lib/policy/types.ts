/**
 * Types of the policy document (SPEC §2) in two shapes: `PolicyDocument`, the normalised JSON the
 * dashboard and API store and show, and `Policy`, the compiled form the proxy evaluates. All the work
 * that can be done once (paths split, regexes compiled, windows in seconds, constant decisions
 * built) is done by validatePolicy, so evaluation stays cheap.
 */

export type ConditionOp = "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "in" | "not_in" | "exists" | "regex" | "contains";

export const CONDITION_OPS: readonly ConditionOp[] = ["eq", "neq", "lt", "lte", "gt", "gte", "in", "not_in", "exists", "regex", "contains"];

export type Condition = { path: string; op: ConditionOp; value?: unknown; flags?: string };
export type ArgumentRule = { conditions: Condition[]; on_deny?: string };

export type LimitScope = "grant" | "server" | "org" | "session";
export type WindowName = "second" | "minute" | "hour" | "day";

export type Limit = {
  counter: string;
  window: WindowName | number;
  max: number;
  scope: LimitScope;
  amount_from?: string;
};

export type ToolAction = "allow" | "deny" | "require_approval";

export type ToolRule = {
  action?: ToolAction;
  reason?: string;
  require?: ArgumentRule[];
  deny_if?: ArgumentRule[];
  limits?: Limit[];
  approval?: { timeout: string };
};

/** The normalised, JSON-serialisable document: `rate_limit` folded into `limits`, defaults filled in. */
export type PolicyDocument = {
  version: "1";
  default: "allow" | "deny";
  hide?: string[];
  validate_arguments: boolean;
  all_tools?: { limits: Limit[] };
  tools: Record<string, ToolRule>;
};

export type DecisionOutcome = "allow" | "deny" | "hidden" | "require_approval";

export type DecisionCode =
  | "allowed"
  | "no_policy"
  | "hidden"
  | "default_deny"
  | "tool_denied"
  | "invalid_arguments"
  | "require_failed"
  | "deny_if"
  | "approval_required"
  | "rate_limited"
  | "approval_denied"
  | "approval_expired"
  | "approval_pending"
  | "invalid_limit_amount";

export type LimitReservation = {
  key: string;
  rule: string;
  counter: string;
  scope: LimitScope;
  amount: number;
  max: number;
  windowStart: Date;
  windowEnd: Date;
};

export type Decision = {
  readonly outcome: DecisionOutcome;
  readonly code: DecisionCode;
  readonly rule: string;
  readonly message?: string;
  readonly reservations: readonly LimitReservation[];
  readonly approvalTimeoutMs?: number;
  /** On decisions of the approval flow: the approval (`apr_…`) the call waits for or ran under. */
  readonly approvalId?: string;
  /** Only on rate_limited decisions: seconds until the window resets, and the reset time (ISO). */
  readonly retryAfterSeconds?: number;
  readonly resetAt?: string;
};

/** Arguments as they arrive in tools/call; evaluation never mutates them. */
export type ToolArguments = Record<string, unknown> | undefined;

export type CompiledCondition = (args: ToolArguments) => boolean;

export type CompiledRule = { pointer: string; message: string; conditions: CompiledCondition[] };

export type CompiledLimit = {
  pointer: string;
  counter: string;
  scope: LimitScope;
  max: number;
  windowSeconds: number;
  /** Split `amount_from` path (without the leading "args"), or null to count 1 per call. */
  amountPath: string[] | null;
};

export type CompiledTool = {
  name: string;
  pointer: string;
  action: ToolAction;
  reason: string | undefined;
  require: CompiledRule[];
  denyIf: CompiledRule[];
  limits: CompiledLimit[];
  approvalTimeoutMs: number;
  /** Prebuilt decision when the outcome cannot depend on the call (deny, or allow without rules). */
  constantDecision: Decision | null;
};

export type Policy = {
  document: PolicyDocument;
  isDefaultAllow: boolean;
  validateArguments: boolean;
  hidesAll: boolean;
  hidden: ReadonlySet<string>;
  tools: ReadonlyMap<string, CompiledTool>;
  allToolsLimits: CompiledLimit[];
  /** Decision for unlisted tools when nothing can vary per call (default deny, or allow with no all_tools limits). */
  unlistedDecision: Decision | null;
};
