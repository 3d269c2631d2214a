import type { Metadata } from "next";
import { previewInvitation } from "@/lib/db/invitations";
import { AuthForm } from "../_components/auth-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invitation?: string; callbackUrl?: string }> }) {
  const { invitation, callbackUrl } = await searchParams;
  const preview = invitation ? await previewInvitation({ token: invitation }) : null;
  return <AuthForm mode="sign-up" invitation={preview ? invitation : undefined} inviteOrgName={preview?.orgName} callbackUrl={callbackUrl} />;
}
