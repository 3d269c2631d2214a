"use client";

import { useEffect, useState } from "react";
import { type ButtonSize, type ButtonVariant, buttonClassName } from "./button";

type CopyStatus = "idle" | "copied" | "failed";

export type CopyButtonProps = {
  value: string;
  /** Visible text; the accessible name adds `what`, e.g. "Copy proxy URL". */
  label?: string;
  what?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
};

// The Clipboard API exists only in secure contexts; a self-hosted dashboard reached over plain HTTP
// on a LAN address still deserves a working copy button, hence the execCommand fallback.
async function writeClipboard(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
    const area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const isCopied = document.execCommand("copy");
    area.remove();
    return isCopied;
  } catch {
    return false;
  }
}

export function CopyButton({ value, label = "Copy", what, variant = "secondary", size = "sm", className }: CopyButtonProps) {
  const [status, setStatus] = useState<CopyStatus>("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2000);
    return () => clearTimeout(timer);
  }, [status]);

  return (
    <button
      type="button"
      onClick={async () => setStatus((await writeClipboard(value)) ? "copied" : "failed")}
      aria-label={status === "idle" && what ? `${label} ${what}` : undefined}
      className={buttonClassName(variant, size, className)}
    >
      {status === "copied" ? (
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-4 text-allowed-600">
          <path d="m5 10.5 3 3 7-7" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      ) : (
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-4">
          <rect x="7" y="7" width="9" height="9" rx="1.5" stroke="currentColor" strokeWidth="1.5" />
          <path d="M13 4.5A1.5 1.5 0 0 0 11.5 3h-7A1.5 1.5 0 0 0 3 4.5v7A1.5 1.5 0 0 0 4.5 13" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      )}
      <span aria-live="polite">{status === "copied" ? "Copied" : status === "failed" ? "Copy failed: select the text" : label}</span>
    </button>
  );
}
