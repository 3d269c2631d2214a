import { FormMessage } from "@/components/ui/form-message";
import { parsePointerMessages } from "@/lib/policy-builder/tool-form";

/** The save action's answer: each engine error with its JSON pointer, or the action's own message. */
export function SaveErrors({ error, fieldErrors }: { error: string; fieldErrors?: Record<string, string[]> }) {
  const documentErrors = parsePointerMessages(fieldErrors?.document ?? []);
  const other = Object.entries(fieldErrors ?? {})
    .filter(([key]) => key !== "document")
    .flatMap(([, messages]) => messages);
  if (documentErrors.length === 0) return <FormMessage tone="error">{other.join(" ") || error}</FormMessage>;
  return (
    <FormMessage tone="error" title={`${documentErrors.length} error${documentErrors.length === 1 ? "" : "s"}: nothing was saved.`}>
      <ul className="space-y-1" data-testid="builder-errors">
        {documentErrors.map((item) => (
          <li key={`${item.pointer} ${item.message}`}>
            <code className="rounded bg-white px-1 font-mono text-xs">{item.pointer || "/"}</code> {item.message}
          </li>
        ))}
      </ul>
    </FormMessage>
  );
}
