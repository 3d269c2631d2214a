import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listOrganizationsForUser } from "@/lib/db/orgs";

export default async function OrgsPage() {
  const user = await requireUser();
  const [first] = await listOrganizationsForUser({ userId: user.id });
  redirect(first ? `/${first.slug}` : "/orgs/new");
}
