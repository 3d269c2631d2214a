import type { ComponentProps } from "react";
import { cx } from "./cx";

export type LabelProps = ComponentProps<"label"> & { isOptional?: boolean };

export function Label({ className, children, isOptional = false, ...props }: LabelProps) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor (Field always does) through props.
    <label className={cx("block text-sm font-medium text-zinc-800", className)} {...props}>
      {children}
      {isOptional && <span className="ml-1.5 font-normal text-zinc-500">(optional)</span>}
    </label>
  );
}
