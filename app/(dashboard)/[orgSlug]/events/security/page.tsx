import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOrgMember } from "@/lib/auth/session";
import { listSecurityEvents } from "@/lib/db/security-events";
import { EventsTabs } from "../_components/events-tabs";
import { SecurityEventsTable } from "../_components/security-events-table";

export const metadata = { title: "Security events" };

export default async function SecurityEventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { orgSlug } = await params;
  const { cursor } = await searchParams;
  // Admin only, like the admin events: source addresses and token failures are sensitive.
  const { org } = await requireOrgMember(orgSlug, "admin");
  const { items, nextCursor } = await listSecurityEvents({ orgId: org.id, cursor: typeof cursor === "string" ? cursor : undefined });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Security events"
        description="Requests the proxy refused before any policy ran: missing or invalid tokens, and tokens sent to the wrong server."
      />
      <EventsTabs orgSlug={org.slug} current="security" />
      {items.length === 0 ? (
        <EmptyState title="No security events" description="Refused authentication attempts at this organisation's MCP endpoints appear here." />
      ) : (
        <SecurityEventsTable events={items} />
      )}
      {nextCursor ? (
        <Link className="self-start text-indigo-700 hover:underline" href={`/${org.slug}/events/security?cursor=${nextCursor}`}>
          Older events →
        </Link>
      ) : null}
    </div>
  );
}
