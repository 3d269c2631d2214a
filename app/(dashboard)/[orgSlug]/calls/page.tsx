import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOrgMember } from "@/lib/auth/session";

export const metadata = { title: "Logs" };

export default async function CallsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  await requireOrgMember(orgSlug);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Logs" description="Every call your agents made through Toolgate, and what the policy decided." />
      <EmptyState title="No calls yet" description="Once an agent uses a grant token against a proxy URL, each call and its decision appears here." />
    </div>
  );
}
