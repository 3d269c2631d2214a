/**
 * Per-test fixtures built through the real data layer: a fresh user and organisation (and more,
 * as later modules add them). Nothing is mocked; every row lives in the test file's database.
 */
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { createOrganization, type OrgDto } from "@/lib/db/orgs";
import { createUserWithPassword, type UserDto } from "@/lib/db/users";

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.test`;
}

export async function createTestUser(prefix = "user"): Promise<UserDto> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return createUserWithPassword({ email: uniqueEmail(prefix), name: prefix, passwordHash: await cachedHash });
}

export function actorFor(user: UserDto): Actor {
  return { userId: user.id, label: user.email, ip: "127.0.0.1" };
}

/** A user who is admin of a new organisation. */
export async function createTestOrg(prefix = "org"): Promise<{ user: UserDto; org: OrgDto; actor: Actor }> {
  const user = await createTestUser(`${prefix}-admin`);
  const actor = actorFor(user);
  const org = await createOrganization({ userId: user.id, name: `${prefix} ${randomBytes(3).toString("hex")}`, actor });
  return { user, org, actor };
}

/** Adds an existing user to an organisation with a role, directly (invitation flows have their own tests). */
export async function addMember(orgId: string, user: UserDto, role: Role): Promise<string> {
  const db = await getDb();
  const membership = await db.membership.create({ data: { orgId, userId: user.id, role }, select: { id: true } });
  return membership.id;
}
