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
        title="No calls are waiting for approval"
        description='When a policy marks a tool with "action": "require_approval", its calls wait here for a policy manager or admin to approve or deny them.'
      />
    </div>
  );
}
