import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { CreateOrgForm } from "./_components/create-org-form";

export const metadata = { title: "New organisation" };

export default function NewOrgPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-6">
      <Link href="/orgs">
        <Logo />
      </Link>
      <div>
        <h1 className="text-xl font-semibold">Create an organisation</h1>
        <p className="text-zinc-600">An organisation holds your MCP servers, policies, grants and audit log. Invite your team once it exists.</p>
      </div>
      <CreateOrgForm />
    </main>
  );
}
