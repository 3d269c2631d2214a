import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

export type TableProps = ComponentProps<"table"> & {
  /** Names the table for screen readers; visually hidden unless `isCaptionVisible`. */
  caption?: ReactNode;
  isCaptionVisible?: boolean;
};

/** Wide tables scroll inside their own box rather than widening the page. */
export function Table({ caption, isCaptionVisible = false, className, children, ...props }: TableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className={cx("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption && <caption className={isCaptionVisible ? "px-4 py-3 text-left font-medium text-zinc-900" : "sr-only"}>{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cx("border-b border-zinc-200 bg-zinc-50", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cx("divide-y divide-zinc-100", className)} {...props} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cx("hover:bg-zinc-50/60", className)} {...props} />;
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return <th scope={scope} className={cx("px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-zinc-600 uppercase", className)} {...props} />;
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("px-4 py-3 align-middle text-zinc-700", className)} {...props} />;
}
