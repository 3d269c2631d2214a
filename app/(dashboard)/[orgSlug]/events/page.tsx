import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireOrgMember } from "@/lib/auth/session";
import { listAdminEvents } from "@/lib/db/admin-events";
import { formatDateTime } from "@/lib/format";
import { EventsTabs } from "./_components/events-tabs";

export const metadata = { title: "Admin events" };

export default async function AdminEventsPage({ params, searchParams }: { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { orgSlug } = await params;
  const { cursor } = await searchParams;
  const { org } = await requireOrgMember(orgSlug, "admin");
  const { items, nextCursor } = await listAdminEvents({ orgId: org.id, cursor: cursor && /^\d+$/.test(cursor) ? cursor : undefined });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Admin events" description="Every change to servers, policies, grants, members and settings, with who made it." />
      <EventsTabs orgSlug={org.slug} current="admin" />
      {items.length === 0 ? (
        <EmptyState title="No changes yet" description="Changes made in the dashboard or through the API appear here." />
      ) : (
        <Card>
          <Table caption="Admin events">
            <THead>
              <TR>
                <TH>Time</TH>
                <TH>Actor</TH>
                <TH>Action</TH>
                <TH>Target</TH>
                <TH>Change</TH>
              </TR>
            </THead>
            <TBody>
              {items.map((event) => (
                <TR key={event.id}>
                  <TD className="whitespace-nowrap">{formatDateTime(event.createdAt)}</TD>
                  <TD>{event.actorLabel}</TD>
                  <TD className="font-mono text-xs">{event.action}</TD>
                  <TD className="text-xs">
                    {event.targetType} {event.targetId}
                  </TD>
                  <TD className="max-w-md truncate font-mono text-xs">{JSON.stringify(event.after ?? event.before ?? null)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      {nextCursor ? (
        <Link className="self-start text-indigo-700 hover:underline" href={`/${org.slug}/events?cursor=${nextCursor}`}>
          Older events →
        </Link>
      ) : null}
    </div>
  );
}
