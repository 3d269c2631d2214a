"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useId, useOptimistic, useTransition } from "react";
import { Select } from "@/components/ui/select";

export type OrgSwitcherOrg = { slug: string; name: string; role: string };

export type OrgSwitcherProps = {
  current: { slug: string; name: string };
  orgs: OrgSwitcherOrg[];
};

// Keep the section (servers, calls, …) when switching, but never a resource id: ids belong to one
// organisation, so carrying one over would only land on a not-found page.
function switchPath(pathname: string, fromSlug: string, toSlug: string): string {
  const [slug, section] = pathname.split("/").filter(Boolean);
  return slug === fromSlug && section ? `/${toSlug}/${section}` : `/${toSlug}`;
}

const ROLE_LABELS: Record<string, string> = {
  admin: "Admin",
  policy_manager: "Policy manager",
  viewer: "Viewer",
};

export function OrgSwitcher({ current, orgs }: OrgSwitcherProps) {
  const router = useRouter();
  const pathname = usePathname();
  const selectId = useId();
  const [isPending, startTransition] = useTransition();
  // Shows the chosen organisation while its pages load, instead of snapping back to the old one.
  const [shownSlug, setShownSlug] = useOptimistic(current.slug);
  const options = orgs.some((org) => org.slug === current.slug) ? orgs : [{ ...current, role: "" }, ...orgs];

  return (
    <div className="space-y-1.5">
      <label htmlFor={selectId} className="block text-xs font-medium text-zinc-500">
        Organisation
      </label>
      <Select
        id={selectId}
        value={shownSlug}
        disabled={isPending}
        aria-busy={isPending || undefined}
        onChange={(event) => {
          const slug = event.target.value;
          startTransition(() => {
            setShownSlug(slug);
            router.push(switchPath(pathname, current.slug, slug));
          });
        }}
      >
        {options.map((org) => (
          <option key={org.slug} value={org.slug}>
            {org.role ? `${org.name} · ${ROLE_LABELS[org.role] ?? org.role}` : org.name}
          </option>
        ))}
      </Select>
      <Link href="/orgs/new" className="focus-ring inline-flex items-center gap-1 rounded text-xs font-medium text-accent-700 hover:text-accent-800">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-3.5">
          <path d="M10 4.5v11M4.5 10h11" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
        </svg>
        New organisation
      </Link>
    </div>
  );
}
