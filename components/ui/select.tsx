import type { ComponentProps } from "react";
import { cx } from "./cx";
import { CONTROL_CLASS } from "./input";

export type SelectProps = ComponentProps<"select">;

/** A native select (keyboard, screen readers and mobile pickers for free) with a drawn chevron. */
export function Select({ className, children, ...props }: SelectProps) {
  return (
    <span className={cx("relative block", className)}>
      <select className={cx(CONTROL_CLASS, "h-9 appearance-none pr-9")} {...props}>
        {children}
      </select>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -tranzinc-y-1/2 text-zinc-500"
      >
        <path
          fillRule="evenodd"
          d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
          clipRule="evenodd"
        />
      </svg>
    </span>
  );
}
