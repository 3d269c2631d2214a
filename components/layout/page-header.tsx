import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

export type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Primary actions for the page, e.g. an "Add server" link styled with buttonClassName. */
  actions?: ReactNode;
  /** Above the title, e.g. a back link to the parent page. */
  eyebrow?: ReactNode;
  className?: string;
};

export function PageHeader({ title, description, actions, eyebrow, className }: PageHeaderProps) {
  return (
    <header className={cx("mb-6 flex flex-wrap items-end justify-between gap-4", className)}>
      <div className="min-w-0 space-y-1">
        {eyebrow && <div className="text-sm text-zinc-500">{eyebrow}</div>}
        <h1 className="text-2xl font-semibold tracking-tight break-words text-zinc-900">{title}</h1>
        {description && <p className="max-w-3xl text-sm text-zinc-600">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}
