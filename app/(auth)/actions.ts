"use server";
/**
 * Sign-up, sign-in and sign-out. These run before anyone is a member of an organisation, so they
 * are the only actions not built by defineAction; each validates with the shared schemas, is
 * throttled, and never echoes the password back into form state.
 */
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/actions/define-action";
import { formValues, requestIp, toActionError } from "@/lib/actions/define-action";
import { signIn, signOut } from "@/lib/auth";
import { checkPasswordPolicy, hashPassword } from "@/lib/auth/password";
import { acceptInvitation } from "@/lib/db/invitations";
import { createOrganization } from "@/lib/db/orgs";
import { createUserWithPassword } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { consumeLimits, signUpLimiter } from "@/lib/rate-limit";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";
import { createOrgSchema } from "@/lib/validation/org";

function fieldErrorsOf(issues: Array<{ path: PropertyKey[]; message: string }>): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return fieldErrors;
}

export async function signUpAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const values = formValues(formData);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
  const { email, name, password, invitation } = parsed.data;
  const orgName = String(formData.get("organization") ?? "").trim() || `${name || email.split("@")[0]}'s team`;
  const passwordProblems = checkPasswordPolicy(password, { email });
  const orgParsed = createOrgSchema.safeParse({ name: orgName });
  if (passwordProblems.length > 0 || (!invitation && !orgParsed.success)) {
    const fieldErrors: Record<string, string[]> = {};
    if (passwordProblems.length > 0) fieldErrors.password = passwordProblems;
    if (!invitation && !orgParsed.success) fieldErrors.organization = orgParsed.error.issues.map((issue) => issue.message);
    return { ok: false, error: "Check the highlighted fields.", fieldErrors, values };
  }
  let redirectTo = "/orgs";
  try {
    const ip = (await requestIp()) ?? "local";
    const limit = await consumeLimits([{ limiter: signUpLimiter, identifier: ip }]);
    if (!limit.allowed) throw new AppError("rate_limited", "Too many sign-ups from this address. Try again later.");
    const user = await createUserWithPassword({ email, name: name || null, passwordHash: await hashPassword(password) });
    const actor = { userId: user.id, label: user.email, ip };
    if (invitation) {
      const { orgSlug } = await acceptInvitation({ token: invitation, user });
      redirectTo = `/${orgSlug}`;
    } else {
      const org = await createOrganization({ userId: user.id, name: orgName, actor });
      redirectTo = `/${org.slug}`;
    }
  } catch (error) {
    return toActionError(error, values);
  }
  // Outside the try: a successful signIn ends the action by throwing Next's redirect.
  await signIn("credentials", { email, password, redirectTo });
  return { ok: true, data: null };
}

export async function signInAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const values = formValues(formData);
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error.issues), values };
  const callbackUrl = parsed.data.callbackUrl?.startsWith("/") && !parsed.data.callbackUrl.startsWith("//") ? parsed.data.callbackUrl : "/orgs";
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "rate_limited") return { ok: false, error: "Too many sign-in attempts. Wait 15 minutes and try again.", code, values };
      if (error.type === "CredentialsSignin") return { ok: false, error: "Wrong email or password.", code: "invalid_credentials", values };
    }
    return toActionError(error, values);
  }
  redirect(callbackUrl);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
