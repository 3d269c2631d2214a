import type { ComponentProps } from "react";
import { cx } from "./cx";

/** Shared by Input, Textarea and Select so every control has the same border, focus and error look. */
export const CONTROL_CLASS =
  "focus-ring block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm " +
  "placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 " +
  "read-only:bg-zinc-50 aria-[invalid=true]:border-denied-500 aria-[invalid=true]:focus-visible:outline-denied-500";

export type InputProps = ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cx(CONTROL_CLASS, "h-9", className)} {...props} />;
}
