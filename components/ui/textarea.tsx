import type { ComponentProps } from "react";
import { cx } from "./cx";
import { CONTROL_CLASS } from "./input";

export type TextareaProps = ComponentProps<"textarea"> & {
  /** Monospace and no spell-check: for JSON, headers and other machine text. */
  isCode?: boolean;
};

export function Textarea({ className, isCode = false, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      spellCheck={isCode ? false : undefined}
      className={cx(CONTROL_CLASS, "py-2", isCode && "font-mono text-[13px] leading-5", className)}
      {...props}
    />
  );
}
