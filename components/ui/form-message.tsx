import type { ReactNode } from "react";
import { cx } from "./cx";

export type FormMessageTone = "error" | "success" | "info";

export type FormMessageProps = {
  tone?: FormMessageTone;
  title?: ReactNode;
  /** The message; nothing is rendered when it is empty, so `{state?.error}` can be passed directly. */
  children?: ReactNode;
  className?: string;
};

const TONES: Record<FormMessageTone, string> = {
  error: "border-denied-200 bg-denied-50 text-denied-800",
  success: "border-allowed-200 bg-allowed-50 text-allowed-800",
  info: "border-accent-200 bg-accent-50 text-accent-900",
};

const ICON_PATHS: Record<FormMessageTone, string> = {
  error: "M10 6v4.5m0 3h.01M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Z",
  success: "m6.5 10.5 2.5 2.5 4.5-5.5M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Z",
  info: "M10 9v4.5m0-7h.01M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Z",
};

/** Form-level result banner. Errors interrupt screen readers (alert); other tones wait politely (status). */
export function FormMessage({ tone = "error", title, children, className }: FormMessageProps) {
  if (children === undefined || children === null || children === "" || children === false) return null;
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cx("flex gap-3 rounded-md border px-4 py-3 text-sm", TONES[tone], className)}>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="mt-0.5 size-5 shrink-0">
        <path d={ICON_PATHS[tone]} stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <div className="min-w-0 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        <div>{children}</div>
      </div>
    </div>
  );
}
