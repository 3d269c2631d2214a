import { cx } from "@/components/ui/cx";

export type LogoProps = {
  /** Without the wordmark the mark alone carries the name for screen readers. */
  hasWordmark?: boolean;
  className?: string;
};

/** A shield with a gate bar across it: calls pass through a checkpoint. */
export function Logo({ hasWordmark = true, className }: LogoProps) {
  return (
    <span className={cx("inline-flex items-center gap-2", className)}>
      <svg
        viewBox="0 0 32 32"
        className="size-7 shrink-0"
        role={hasWordmark ? undefined : "img"}
        aria-hidden={hasWordmark ? true : undefined}
        aria-label={hasWordmark ? undefined : "Toolgate"}
      >
        <path d="M16 2.5 4.5 6.75v8.5c0 7.1 4.85 12.3 11.5 14.25 6.65-1.95 11.5-7.15 11.5-14.25v-8.5Z" className="fill-accent-600" />
        <path d="M11 10v11.5M21 10v11.5" stroke="white" strokeWidth="2.25" strokeLinecap="round" />
        <path d="M8.5 14.5h15" stroke="white" strokeWidth="2.25" strokeLinecap="round" />
        <circle cx="16" cy="19" r="1.6" fill="white" />
      </svg>
      {hasWordmark && <span className="text-lg font-semibold tracking-tight text-zinc-900">Toolgate</span>}
    </span>
  );
}
