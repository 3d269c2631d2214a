import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { buttonClassName } from "@/components/ui/button";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { previewInvitation } from "@/lib/db/invitations";
import { AcceptForm } from "./accept-form";

export const metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, user] = await Promise.all([previewInvitation({ token }), getCurrentUser()]);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-6">
      <Logo />
      {!preview ? (
        <div className="rounded-xl border border-zinc-200 bg-white p-6">
          <h1 className="text-xl font-semibold">This invitation cannot be used</h1>
          <p className="mt-2 text-zinc-600">It has expired, was revoked or was already accepted. Ask an admin of the organisation for a new link.</p>
        </div>
      ) : (
        <div className="flex flex-col gap-4 rounded-xl border border-zinc-200 bg-white p-6">
          <h1 className="text-xl font-semibold">Join {preview.orgName}</h1>
          <p className="text-zinc-600">
            You are invited as <strong>{ROLE_LABELS[preview.role]}</strong>
            {preview.email ? ` (for ${preview.email})` : ""}.
          </p>
          {user ? (
            <>
              <p className="text-sm text-zinc-600">Signed in as {user.email}.</p>
              <AcceptForm token={token} />
            </>
          ) : (
            <div className="flex gap-3">
              <Link className={buttonClassName("primary", "md")} href={`/sign-up?invitation=${encodeURIComponent(token)}`}>
                Create an account
              </Link>
              <Link className={buttonClassName("secondary", "md")} href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>
                Sign in
              </Link>
            </div>
          )}
        </div>
      )}
    </main>
  );
}
