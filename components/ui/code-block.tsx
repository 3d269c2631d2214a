import { CopyButton } from "./copy-button";
import { cx } from "./cx";

export type CodeBlockProps = {
  code: string;
  /** A file name or label shown above the code, e.g. "policy.json". */
  title?: string;
  /** Shown as a hint beside the title, e.g. "json"; not used for highlighting. */
  language?: string;
  isCopyable?: boolean;
  className?: string;
};

export function CodeBlock({ code, title, language, isCopyable = true, className }: CodeBlockProps) {
  const hasHeader = Boolean(title || language || isCopyable);
  return (
    <figure className={cx("overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900", className)}>
      {hasHeader && (
        <figcaption className="flex items-center justify-between gap-3 border-b border-zinc-800 px-4 py-2">
          <span className="truncate font-mono text-xs text-zinc-400">
            {title}
            {language && <span className="ml-2 text-zinc-500 uppercase">{language}</span>}
          </span>
          {isCopyable && (
            <CopyButton value={code} what={title ?? "code"} variant="ghost" size="sm" className="text-zinc-300 hover:bg-zinc-800 hover:text-white" />
          )}
        </figcaption>
      )}
      <pre
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard, or long lines cannot be read without a mouse.
        tabIndex={0}
        className="focus-ring overflow-x-auto p-4 font-mono text-[13px] leading-relaxed text-zinc-100"
      >
        <code>{code}</code>
      </pre>
    </figure>
  );
}
