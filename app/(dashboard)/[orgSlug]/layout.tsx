import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { AppShell } from "@/components/layout/app-shell";
import { OrgSwitcher } from "@/components/layout/org-switcher";
import { Sidebar } from "@/components/layout/sidebar";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireOrgMember } from "@/lib/auth/session";
import { countPendingApprovals } from "@/lib/db/approvals";
import { listOrganizationsForUser } from "@/lib/db/orgs";

// Membership is checked here for rendering, and again inside every page and action: a layout does
// not re-run on client navigation, so it can never be the only guard.
export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { user, org, role } = await requireOrgMember(orgSlug);
  const [orgs, pending] = await Promise.all([listOrganizationsForUser({ userId: user.id }), countPendingApprovals({ orgId: org.id })]);
  const pendingApprovals = pending.count > 0 ? `${pending.count}${pending.isCapped ? "+" : ""}` : undefined;
  const footer = (
    <div className="flex flex-col gap-3">
      <OrgSwitcher current={{ slug: org.slug, name: org.name }} orgs={orgs.map((o) => ({ slug: o.slug, name: o.name, role: o.role }))} />
      <div className="text-xs text-zinc-500">
        <div className="truncate" data-testid="current-user">
          {user.email}
        </div>
        <div>{ROLE_LABELS[role]}</div>
      </div>
      <form action={signOutAction}>
        <button type="submit" className="text-sm text-zinc-600 hover:text-zinc-900">
          Sign out
        </button>
      </form>
    </div>
  );
  return <AppShell sidebar={<Sidebar orgSlug={org.slug} orgName={org.name} footer={footer} pendingApprovals={pendingApprovals} />}>{children}</AppShell>;
}
