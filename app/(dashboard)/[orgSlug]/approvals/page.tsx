import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOrgMember } from "@/lib/auth/session";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  await requireOrgMember(orgSlug);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Approvals" description="Calls held for a human decision by a require_approval rule." />
      <EmptyState
        title="Human approval is not available yet"
        description='Until it is, calls to a tool marked "action": "require_approval" are never run: the agent is told the call needs approval, and the call appears in Logs with the code approval_required.'
      />
    </div>
  );
}
