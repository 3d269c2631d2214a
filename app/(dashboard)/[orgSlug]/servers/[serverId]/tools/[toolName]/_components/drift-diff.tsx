import type { ToolDto } from "@/lib/db/tools";
import { TOOL_FIELD_LABELS as FIELD_LABELS, type JsonChange, type TextFieldDiff } from "@/lib/tool-diff";

const OP_STYLES: Record<JsonChange["op"], string> = {
  added: "text-allowed-800",
  removed: "text-denied-800",
  changed: "text-pending-800",
};

function compact(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}

function TextDiff({ diff }: { diff: TextFieldDiff }) {
  return (
    <p className="whitespace-pre-wrap rounded-md bg-zinc-50 p-3 text-zinc-800">
      {diff.parts.map((part, index) =>
        part.kind === "same" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <span key={index}>{part.text}</span>
        ) : part.kind === "added" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <ins key={index} className="bg-allowed-200 text-allowed-800 no-underline">
            {part.text}
          </ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered
          <del key={index} className="bg-denied-200 text-denied-800">
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}

function JsonChangeRow({ change }: { change: JsonChange }) {
  return (
    <li className="font-mono text-xs">
      <span className={OP_STYLES[change.op]}>{change.op}</span> <span className="text-zinc-900">{change.pointer || "(whole value)"}</span>
      {change.op === "changed" ? (
        <span className="text-zinc-600">
          : {compact(change.before)} → {compact(change.after)}
        </span>
      ) : (
        <span className="text-zinc-600">: {compact(change.op === "added" ? change.after : change.before)}</span>
      )}
    </li>
  );
}

/** What changed since the accepted definition: a word diff for text, JSON pointers for schemas. */
export function DriftDiff({ drift }: { drift: NonNullable<ToolDto["drift"]> }) {
  if (!drift.recorded) {
    return (
      <p className="text-sm text-zinc-600" data-testid="drift-not-recorded">
        The previous definition was not recorded: this drift was found before Toolgate kept accepted definitions. Accepting it records the current one.
      </p>
    );
  }
  const { text, json } = drift.diff;
  return (
    <div className="space-y-4 text-sm" data-testid="drift-diff">
      {text.map((diff) => (
        <section key={diff.field} className="space-y-1">
          <h3 className="font-medium text-zinc-900">{FIELD_LABELS[diff.field]}</h3>
          {diff.before === null || diff.after === null ? <p className="text-zinc-600">{diff.before === null ? "Added" : "Removed"}:</p> : null}
          <TextDiff diff={diff} />
        </section>
      ))}
      {json.map((diff) => (
        <section key={diff.field} className="space-y-1">
          <h3 className="font-medium text-zinc-900">{FIELD_LABELS[diff.field]}</h3>
          <ul className="space-y-1 break-all">
            {diff.changes.map((change) => (
              <JsonChangeRow key={`${change.op}:${change.pointer}`} change={change} />
            ))}
          </ul>
        </section>
      ))}
      {text.length === 0 && json.length === 0 ? <p className="text-zinc-600">No field differs; only the hash changed.</p> : null}
    </div>
  );
}
