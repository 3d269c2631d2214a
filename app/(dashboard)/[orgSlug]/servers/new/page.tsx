import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody } from "@/components/ui/card";
import { requireOrgMember } from "@/lib/auth/session";
import { CreateServerForm } from "./_components/create-server-form";

export const metadata = { title: "Add server" };

export default async function NewServerPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org } = await requireOrgMember(orgSlug, "admin");
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        eyebrow={<Link href={`/${org.slug}/servers`}>← Servers</Link>}
        title="Add a server"
        description="Toolgate connects to the server, lists its tools and classifies each one by risk before saving. Agents never see the upstream URL or its credentials."
      />
      <Card>
        <CardBody>
          <CreateServerForm orgSlug={org.slug} />
        </CardBody>
      </Card>
    </div>
  );
}
