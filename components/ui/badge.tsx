import type { ComponentProps } from "react";
import { cx } from "./cx";

export type BadgeTone = "neutral" | "green" | "red" | "amber" | "blue" | "gray";

// green/red/amber/gray are the decision colours (allowed/denied/pending/hidden) from globals.css.
const TONES: Record<BadgeTone, string> = {
  neutral: "bg-white text-zinc-700 ring-zinc-300",
  green: "bg-allowed-50 text-allowed-800 ring-allowed-200",
  red: "bg-denied-50 text-denied-800 ring-denied-200",
  amber: "bg-pending-50 text-pending-800 ring-pending-200",
  blue: "bg-accent-50 text-accent-800 ring-accent-200",
  gray: "bg-hidden-50 text-hidden-700 ring-hidden-200",
};

const DOTS: Record<BadgeTone, string> = {
  neutral: "bg-zinc-400",
  green: "bg-allowed-500",
  red: "bg-denied-500",
  amber: "bg-pending-500",
  blue: "bg-accent-500",
  gray: "bg-hidden-500",
};

export type BadgeProps = ComponentProps<"span"> & {
  tone?: BadgeTone;
  /** A leading dot, for status values read at a glance in tables. */
  hasDot?: boolean;
};

export function Badge({ tone = "neutral", hasDot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
        className,
      )}
      {...props}
    >
      {hasDot && <span aria-hidden="true" className={cx("size-1.5 rounded-full", DOTS[tone])} />}
      {children}
    </span>
  );
}
