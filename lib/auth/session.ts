import "server-only";
/**
 * Who is asking, and in which organisation. The tenant always comes from the session plus the
 * membership row read on this request, never from the request body. A non-member and a missing
 * organisation both get Next's 404, so organisation slugs cannot be probed.
 */
import { notFound, redirect } from "next/navigation";
import { findMembershipBySlug, type OrgWithRole } from "@/lib/db/orgs";
import { getUser, type UserDto } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { auth } from "./index";
import { hasRole, type Role } from "./roles";

export async function getCurrentUser(): Promise<UserDto | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return getUser({ userId });
}

export async function requireUser(): Promise<UserDto> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages and layouts: redirects to sign-in, answers 404 to non-members, 404 when the role is too low. */
export async function requireOrgMember(orgSlug: string, minRole: Role = "viewer"): Promise<{ user: UserDto; org: OrgWithRole; role: Role }> {
  const user = await requireUser();
  const org = await findMembershipBySlug({ userId: user.id, orgSlug });
  if (!org || !hasRole(org.role, minRole)) notFound();
  return { user, org, role: org.role };
}

/** For actions: the same checks, as errors the action wrapper turns into results. */
export async function authorizeOrgAction(orgSlug: string, minRole: Role): Promise<{ user: UserDto; org: OrgWithRole; role: Role }> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  const org = await findMembershipBySlug({ userId: user.id, orgSlug });
  if (!org) throw new AppError("not_found", "Organisation not found.");
  if (!hasRole(org.role, minRole)) throw new AppError("forbidden", `This needs the ${minRole.replace("_", " ")} role or higher.`);
  return { user, org, role: org.role };
}
