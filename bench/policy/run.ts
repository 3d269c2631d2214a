/**
 * Policy engine throughput on one core: `node --import tsx bench/policy/run.ts`.
 * A 100-tool policy with several rules per tool; each scenario warms up, then runs for a fixed
 * time and prints decisions per second against the goals. Figures only, no assertions: the
 * numbers depend on the machine.
 */
import { type EvaluateInput, evaluateToolCall } from "@/lib/policy/evaluate";
import { validatePolicy } from "@/lib/policy/validate";

const TOOL_COUNT = 100;
const RUN_MS = 2500;
const WARMUP_MS = 500;
const GOAL_SIMPLE = 1_000_000;
const GOAL_WITH_SCHEMA = 200_000;

function buildDocument(): unknown {
  const tools: Record<string, unknown> = {};
  for (let i = 0; i < TOOL_COUNT; i++) {
    tools[`tool_${i}`] = {
      require: [{ conditions: [{ path: "args.reason", op: "exists", value: true }], on_deny: "Give a reason." }],
      deny_if: [
        { conditions: [{ path: "args.amount", op: "gt", value: 10_000 }], on_deny: "Too large." },
        { conditions: [{ path: "args.currency", op: "in", value: ["XXX", "XTS"] }] },
        { conditions: [{ path: "args.note", op: "regex", value: "^(drop|truncate) ", flags: "i" }] },
      ],
      limits: [{ counter: `tool_${i}_total`, window: "day", max: 50_000, amount_from: "args.amount" }],
    };
  }
  tools.plain_read = {};
  tools.blocked = { action: "deny", reason: "No." };
  return { version: "1", default: "deny", all_tools: { limits: [{ counter: "calls", window: "minute", max: 1000 }] }, tools };
}

function buildPlainDocument(): unknown {
  const tools: Record<string, unknown> = {};
  for (let i = 0; i < TOOL_COUNT; i++) tools[`tool_${i}`] = i % 10 === 0 ? { action: "deny" } : {};
  return { version: "1", default: "deny", hide: ["secret"], tools };
}

const schema = {
  type: "object",
  properties: {
    amount: { type: "number", minimum: 0 },
    reason: { type: "string", minLength: 1 },
    currency: { type: "string", pattern: "^[A-Z]{3}$" },
    note: { type: "string" },
  },
  required: ["amount", "reason"],
  additionalProperties: false,
};

function measure(label: string, inputs: EvaluateInput[], goal: number | null): void {
  let sink = 0;
  const runFor = (ms: number) => {
    let count = 0;
    const deadline = performance.now() + ms;
    while (performance.now() < deadline) {
      for (let i = 0; i < 1000; i++) sink += evaluateToolCall(inputs[(count + i) % inputs.length] as EvaluateInput).reservations.length;
      count += 1000;
    }
    return count;
  };
  runFor(WARMUP_MS);
  const started = performance.now();
  const count = runFor(RUN_MS);
  const perSecond = count / ((performance.now() - started) / 1000);
  const verdict = goal === null ? "" : perSecond >= goal ? `goal ${goal.toLocaleString("en")}/s: met` : `goal ${goal.toLocaleString("en")}/s: NOT met`;
  console.log(`${label.padEnd(58)} ${Math.round(perSecond).toLocaleString("en").padStart(12)} decisions/s  ${verdict}${sink < 0 ? "!" : ""}`);
}

function compile(document: unknown) {
  const result = validatePolicy(document);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.policy;
}

const policy = compile(buildDocument());
const plain = compile(buildPlainDocument());
const context = { orgId: "org_1", serverId: "srv_1", grantId: "grt_1", sessionId: "sess_1" };
const now = new Date("2026-03-04T10:20:30Z");
const args = (i: number) => ({ amount: (i % 500) + 1, reason: "customer request", currency: "EUR", note: `ticket ${i}` });
const call = (toolName: string, argsValue: Record<string, unknown>, p = policy, tool: EvaluateInput["tool"] = null): EvaluateInput => ({
  policy: p,
  toolName,
  arguments: argsValue,
  context,
  now,
  tool,
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

console.log(`Policy engine benchmark: ${TOOL_COUNT}-tool policies, ${RUN_MS} ms per scenario after ${WARMUP_MS} ms warm-up, node ${process.version}`);
measure(
  "simple: plain allow / tool deny / default deny / hidden",
  range(400).map((i) => call(["tool_1", "tool_10", "unlisted", "secret"][i % 4] as string, {}, plain)),
  GOAL_SIMPLE,
);
measure(
  "rules: 1 require + 3 deny_if + 2 limits (reservations)",
  range(200).map((i) => call(`tool_${i % TOOL_COUNT}`, args(i))),
  // Not a "simple" decision: six rules and two counter reservations; reported without a goal.
  null,
);
measure(
  "rules, denied early by require",
  range(200).map((i) => call(`tool_${i % TOOL_COUNT}`, { amount: 1 })),
  null,
);
measure(
  "plain allow + schema validation",
  range(200).map((i) => call(`tool_${(i % 9) + 1}`, args(i), plain, { name: "t", inputSchema: schema })),
  GOAL_WITH_SCHEMA,
);
measure(
  "rules + limits + schema validation",
  range(200).map((i) => call(`tool_${i % TOOL_COUNT}`, args(i), policy, { name: "t", inputSchema: schema })),
  GOAL_WITH_SCHEMA,
);
