"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useId, useState } from "react";
import { Logo } from "@/components/brand/logo";
import { cx } from "@/components/ui/cx";
import { NavIcon, type NavIconName } from "./nav-icon";

export type SidebarItem = {
  href: string;
  label: string;
  icon?: NavIconName;
  /** Active only on this exact path (the overview), not on the paths below it. */
  isExact?: boolean;
  /** A count beside the label, e.g. pending approvals; hidden when absent or zero. */
  badge?: string;
};

export type SidebarProps = {
  orgSlug: string;
  orgName: string;
  /** Replaces the default links; build on `defaultSidebarItems(orgSlug)` to add some. */
  items?: SidebarItem[];
  /** Below the links: the org switcher and the user menu / sign-out form. */
  footer?: ReactNode;
  /** Pending approvals, shown as a badge on the Approvals link ("50+" when capped). */
  pendingApprovals?: string;
};

export function defaultSidebarItems(orgSlug: string, pendingApprovals?: string): SidebarItem[] {
  const base = `/${orgSlug}`;
  return [
    { href: base, label: "Overview", icon: "overview", isExact: true },
    { href: `${base}/servers`, label: "Servers", icon: "servers" },
    { href: `${base}/calls`, label: "Logs", icon: "logs" },
    { href: `${base}/approvals`, label: "Approvals", icon: "approvals", badge: pendingApprovals },
    { href: `${base}/members`, label: "Members", icon: "members" },
    { href: `${base}/settings`, label: "Settings", icon: "settings" },
  ];
}

function isActive(pathname: string, item: SidebarItem): boolean {
  if (item.isExact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

export function Sidebar({ orgSlug, orgName, items, footer, pendingApprovals }: SidebarProps) {
  const pathname = usePathname();
  const navId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  // Following a link on a phone closes the menu.
  if (openedAt !== pathname) {
    setOpenedAt(pathname);
    setIsOpen(false);
  }
  const links = items ?? defaultSidebarItems(orgSlug, pendingApprovals);

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center justify-between gap-3 px-4 py-4">
        <Link href={`/${orgSlug}`} className="focus-ring min-w-0 rounded-md">
          <Logo />
          <span className="mt-1 block truncate text-xs text-zinc-500">{orgName}</span>
        </Link>
        <button
          type="button"
          className="focus-ring rounded-md p-2 text-zinc-600 hover:bg-zinc-100 lg:hidden"
          aria-expanded={isOpen}
          aria-controls={navId}
          onClick={() => setIsOpen((open) => !open)}
        >
          <span className="sr-only">{isOpen ? "Close menu" : "Open menu"}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-5">
            <path d={isOpen ? "M5 5l10 10M15 5 5 15" : "M3 5.5h14M3 10h14M3 14.5h14"} stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div id={navId} className={cx("flex-1 flex-col lg:flex", isOpen ? "flex" : "hidden")}>
        <nav aria-label="Main" className="flex-1 px-3 pb-4">
          <ul className="space-y-0.5">
            {links.map((item) => {
              const isCurrent = isActive(pathname, item);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={isCurrent ? "page" : undefined}
                    className={cx(
                      "focus-ring flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
                      isCurrent ? "bg-accent-50 text-accent-700" : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900",
                    )}
                  >
                    {item.icon && <NavIcon name={item.icon} className={cx("size-5", isCurrent ? "text-accent-600" : "text-zinc-400")} />}
                    {item.label}
                    {item.badge ? (
                      <span
                        className="ml-auto rounded-full bg-pending-50 px-2 py-0.5 text-xs font-semibold text-pending-800 ring-1 ring-pending-200 ring-inset"
                        data-testid="nav-badge-approvals"
                        title={`${item.badge} waiting`}
                      >
                        {item.badge}
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        {footer && <div className="space-y-3 border-t border-zinc-200 px-4 py-4">{footer}</div>}
      </div>
    </div>
  );
}
