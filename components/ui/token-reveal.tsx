"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { CopyButton } from "./copy-button";
import { cx } from "./cx";

export type TokenRevealProps = {
  /** The secret, available only in the response that minted or rotated it. */
  token: string;
  /** What the secret is, e.g. "Grant token" or "API key". */
  label?: string;
  /** Extra guidance under the warning, e.g. where to paste it. */
  children?: ReactNode;
  className?: string;
};

/**
 * Shows a freshly minted secret once. The server keeps only a hash, so the text says plainly that it
 * cannot be shown again, and the field is focused and selected so it can be copied straight away.
 */
export function TokenReveal({ token, label = "Token", children, className }: TokenRevealProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  return (
    <section aria-labelledby={`${id}-label`} className={cx("space-y-3 rounded-lg border border-pending-200 bg-pending-50 p-4", className)}>
      <div className="flex items-start gap-2 text-sm text-pending-800">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="mt-0.5 size-4 shrink-0">
          <path
            d="M10 7v3.5m0 3h.01M8.6 3.3 2.2 14.5A1.6 1.6 0 0 0 3.6 17h12.8a1.6 1.6 0 0 0 1.4-2.5L11.4 3.3a1.6 1.6 0 0 0-2.8 0Z"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinejoin="round"
          />
        </svg>
        <p id={`${id}-hint`}>
          <strong className="font-semibold">Copy this now: it will not be shown again.</strong>
          {children && <span className="mt-1 block text-pending-800">{children}</span>}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label id={`${id}-label`} htmlFor={`${id}-value`} className="w-full text-sm font-medium text-zinc-800">
          {label}
        </label>
        <input
          ref={inputRef}
          id={`${id}-value`}
          readOnly
          value={token}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          data-testid="token-value"
          className="focus-ring h-9 min-w-0 flex-1 rounded-md border border-pending-200 bg-white px-3 font-mono text-sm text-zinc-900"
        />
        <CopyButton value={token} what={label.toLowerCase()} size="md" />
      </div>
    </section>
  );
}
