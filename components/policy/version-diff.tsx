import { countChanges, diffLines } from "@/lib/diff";

/** A unified line diff of two documents, rendered on the server. */
export function VersionDiff({ before, after, beforeLabel, afterLabel }: { before: string; after: string; beforeLabel: string; afterLabel: string }) {
  const lines = diffLines(before, after);
  const { added, removed } = countChanges(lines);
  return (
    <figure className="overflow-hidden rounded-lg border border-zinc-200" data-testid="version-diff">
      <figcaption className="border-b border-zinc-200 bg-zinc-50 px-4 py-2 text-sm text-zinc-700">
        {beforeLabel} → {afterLabel}: <span className="text-allowed-700">+{added}</span> <span className="text-denied-700">−{removed}</span>
      </figcaption>
      <pre className="overflow-x-auto p-0 font-mono text-[13px] leading-5">
        {lines.map((line, index) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a diff have no identity beyond their position.
            key={index}
            className={line.kind === "added" ? "bg-allowed-50 text-allowed-800" : line.kind === "removed" ? "bg-denied-50 text-denied-800" : "text-zinc-700"}
          >
            <span aria-hidden="true" className="inline-block w-6 pl-2 select-none">
              {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}
            </span>
            <span className="sr-only">{line.kind === "same" ? "" : `${line.kind}: `}</span>
            {line.text}
          </div>
        ))}
      </pre>
    </figure>
  );
}
