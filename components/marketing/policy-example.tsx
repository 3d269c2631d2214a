import { CodeBlock } from "@/components/ui/code-block";

// The seed policy from the spec: it must load and behave exactly as written, so it is shown verbatim.
const SEED_POLICY = `{
  "version": "1",
  "default": "deny",
  "tools": {
    "focus_export_session": {
      "limits": [
        {
          "counter": "focus_export_session_rate",
          "window": "minute",
          "max": 30,
          "scope": "grant"
        }
      ]
    }
  }
}`;

const SAMPLE_DENIAL = `Denied by Toolgate policy "tachibot-agents" v1 (rate_limited /tools/focus_export_session/limits/0):
30 calls per minute reached for this grant. The window resets at 14:03:00 UTC.`;

export function PolicyExample() {
  return (
    <div className="grid items-start gap-8 lg:grid-cols-2">
      <div className="space-y-4">
        <h2 id="policy" className="text-2xl font-semibold tracking-tight text-zinc-900">
          Policies are plain JSON you can review
        </h2>
        <p className="leading-7 text-zinc-600">
          This one denies every tool it does not name, and lets each agent call <code className="text-[14px] text-zinc-800">focus_export_session</code> at most
          30 times a minute. Every save is a new version you can diff, test against a sample call and restore.
        </p>
        <p className="leading-7 text-zinc-600">When a call is refused, the agent is told which rule refused it and why:</p>
        <CodeBlock code={SAMPLE_DENIAL} title="what the agent sees" isCopyable={false} />
      </div>
      <CodeBlock code={SEED_POLICY} title="policy.json" language="json" />
    </div>
  );
}
