import Link from "next/link";
import { cx } from "@/components/ui/cx";

const TABS = [
  { key: "admin", label: "Admin events", path: "" },
  { key: "security", label: "Security", path: "/security" },
] as const;

/** Switches between the two admin-only logs: changes made by people, and authentication failures at the proxy. */
export function EventsTabs({ orgSlug, current }: { orgSlug: string; current: (typeof TABS)[number]["key"] }) {
  return (
    <nav aria-label="Event logs" className="flex gap-1 border-b border-zinc-200">
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={`/${orgSlug}/events${tab.path}`}
          aria-current={tab.key === current ? "page" : undefined}
          className={cx(
            "focus-ring -mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.key === current ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-600 hover:text-zinc-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
