/** The role ladder (SPEC §1): each role can do everything the ones below it can. */
export const ROLES = ["viewer", "policy_manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { viewer: 0, policy_manager: 1, admin: 2 };

export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  policy_manager: "Policy manager",
  admin: "Admin",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
