import { Badge } from "@/components/ui/badge";

const PROXY_STEPS = [
  "Authenticate the grant token",
  "Check the call against the policy",
  "Forward it with your upstream credentials",
  "Write the audit row before answering",
];

const SAMPLE_ROWS = [
  { tool: "list_customers", decision: "allowed", tone: "green" },
  { tool: "create_refund", decision: "denied", tone: "red" },
  { tool: "delete_customer", decision: "pending", tone: "amber" },
  { tool: "rotate_api_key", decision: "hidden", tone: "gray" },
] as const;

function Arrow({ label }: { label: string }) {
  return (
    <div className="flex flex-col items-center justify-center gap-1 px-2 py-2 text-center md:py-0">
      <span className="font-mono text-[11px] leading-4 text-zinc-500">{label}</span>
      <svg aria-hidden="true" viewBox="0 0 48 12" className="my-4 h-3 w-12 rotate-90 text-zinc-400 md:my-0 md:rotate-0">
        <path d="M0 6h44m-5-5 5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    </div>
  );
}

function Box({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 text-center shadow-sm">
      <p className="font-semibold text-zinc-900">{title}</p>
      <p className="mt-1 text-sm text-zinc-500">{subtitle}</p>
    </div>
  );
}

/** The request path drawn with boxes; the text reads in order for screen readers too. */
export function HowItWorks() {
  return (
    <figure className="space-y-6">
      <div className="grid items-center md:grid-cols-[1fr_auto_1.5fr_auto_1fr]">
        <Box title="Your agent" subtitle="Any MCP client" />
        <Arrow label="POST /mcp/SERVER_ID · Bearer tg_…" />
        <div className="rounded-lg border-2 border-accent-300 bg-accent-50 p-4 shadow-sm">
          <p className="text-center font-semibold text-accent-900">Toolgate proxy</p>
          <ol className="mt-3 space-y-1.5 text-sm text-zinc-700">
            {PROXY_STEPS.map((step, index) => (
              <li key={step} className="flex gap-2">
                <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-accent-600 text-xs font-medium text-white">{index + 1}</span>
                {step}
              </li>
            ))}
          </ol>
        </div>
        <Arrow label="allowed calls only" />
        <Box title="Your MCP server" subtitle="Unchanged, never sees the agent's token" />
      </div>
      <div className="mx-auto max-w-xl rounded-lg border border-zinc-200 bg-white p-4 shadow-sm">
        <p className="text-sm font-semibold text-zinc-900">Audit log</p>
        <ul className="mt-2 divide-y divide-zinc-100 text-sm">
          {SAMPLE_ROWS.map((row) => (
            <li key={row.tool} className="flex items-center justify-between py-1.5">
              <code className="text-[13px] text-zinc-700">{row.tool}</code>
              <Badge tone={row.tone} hasDot>
                {row.decision}
              </Badge>
            </li>
          ))}
        </ul>
      </div>
      <figcaption className="text-center text-sm text-zinc-500">
        Denied calls reach the agent as a tool result that explains why, so the model can change course.
      </figcaption>
    </figure>
  );
}
