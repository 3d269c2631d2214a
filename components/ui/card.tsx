import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={cx("rounded-lg border border-zinc-200 bg-white shadow-sm", className)} {...props} />;
}

export type CardHeaderProps = Omit<ComponentProps<"div">, "title"> & {
  /** Buttons or links aligned to the right of the title. */
  actions?: ReactNode;
  description?: ReactNode;
};

export function CardHeader({ className, children, actions, description, ...props }: CardHeaderProps) {
  return (
    <div className={cx("flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-5 py-4", className)} {...props}>
      <div className="min-w-0 space-y-1">
        {children}
        {description && <p className="text-sm text-zinc-600">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}

export type CardTitleProps = ComponentProps<"h2"> & { as?: "h2" | "h3" };

export function CardTitle({ as: Heading = "h2", className, ...props }: CardTitleProps) {
  return <Heading className={cx("text-base font-semibold text-zinc-900", className)} {...props} />;
}

export function CardBody({ className, ...props }: ComponentProps<"div">) {
  return <div className={cx("px-5 py-4", className)} {...props} />;
}
