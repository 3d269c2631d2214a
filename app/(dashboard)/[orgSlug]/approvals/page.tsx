import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClassName } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { EmptyState } from "@/components/ui/empty-state";
import { loadApprovalInbox } from "@/lib/approvals/inbox";
import { requireOrgMember } from "@/lib/auth/session";
import { approvalInboxQuerySchema } from "@/lib/validation/approval";
import { ApprovalHistoryTable } from "./_components/approval-history-table";
import { AutoRefresh } from "./_components/auto-refresh";
import { PendingApprovalCard } from "./_components/pending-approval-card";

export const metadata = { title: "Approvals" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApprovalsPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const { org, role } = await requireOrgMember(orgSlug);
  const query = approvalInboxQuerySchema.parse(await searchParams);
  const now = new Date();
  const inbox = await loadApprovalInbox({ orgId: org.id, role, view: query.view, cursor: query.cursor, now });
  const basePath = `/${org.slug}/approvals`;
  const tab = (view: "pending" | "history", label: string) => (
    <Link
      href={view === "pending" ? basePath : `${basePath}?view=history`}
      aria-current={query.view === view ? "page" : undefined}
      className={cx(
        "border-b-2 px-3 py-2 text-sm font-medium",
        query.view === view ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-600 hover:text-zinc-900",
      )}
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Approvals"
        description="Calls held for a human decision by a require_approval rule. Approve to let the agent's retry run; deny to refuse it."
        actions={query.view === "pending" ? <AutoRefresh /> : null}
      />
      <nav aria-label="Approval views" className="flex gap-2 border-b border-zinc-200">
        {tab("pending", `Pending (${inbox.pending.length}${inbox.hasMorePending ? "+" : ""})`)}
        {tab("history", "History")}
      </nav>
      {query.view === "pending" ? (
        inbox.pending.length === 0 ? (
          <EmptyState
            title="No calls are waiting for approval"
            description={
              <>
                Calls to tools with <code className="font-mono">require_approval</code> appear here. The agent is told to retry the same call later; an
                identical retry after approval runs exactly once. Add a require_approval rule to a policy from a server&apos;s tool page.
              </>
            }
          />
        ) : (
          <section aria-label="Pending approvals" className="flex flex-col gap-4">
            {!inbox.canDecide ? (
              <p className="text-sm text-zinc-600">You can see what is waiting; policy managers and admins decide, and see the arguments.</p>
            ) : null}
            {inbox.pending.map((approval) => (
              <PendingApprovalCard
                key={approval.id}
                approval={approval}
                orgSlug={org.slug}
                canDecide={inbox.canDecide}
                canSeeArguments={inbox.canSeeArguments}
                now={now}
              />
            ))}
          </section>
        )
      ) : inbox.history && inbox.history.items.length > 0 ? (
        <section aria-label="Approval history" className="flex flex-col gap-4">
          <ApprovalHistoryTable items={inbox.history.items} />
          <div className="flex gap-2">
            {query.cursor ? (
              <Link href={`${basePath}?view=history`} className={buttonClassName("secondary", "sm")}>
                Newest
              </Link>
            ) : null}
            {inbox.history.nextCursor ? (
              <Link href={`${basePath}?view=history&cursor=${encodeURIComponent(inbox.history.nextCursor)}`} className={buttonClassName("secondary", "sm")}>
                Older
              </Link>
            ) : null}
          </div>
        </section>
      ) : (
        <EmptyState
          title={query.cursor ? "No older approvals" : "No decided approvals yet"}
          description="Approved, denied, expired and run approvals are listed here with who decided and their note."
        />
      )}
    </div>
  );
}
