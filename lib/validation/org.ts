import { z } from "zod";

/**
 * Slugs share the URL space with static routes (`/orgs`, `/sign-in`, `/api`, `/mcp`, …), which
 * take precedence over `[orgSlug]`; an organisation with such a slug would be unreachable.
 */
export const RESERVED_SLUGS = new Set([
  "api",
  "mcp",
  "orgs",
  "sign-in",
  "sign-up",
  "sign-out",
  "invite",
  "metrics",
  "healthz",
  "readyz",
  "docs",
  "_next",
  "static",
  "public",
  "settings",
  "admin",
  "login",
  "logout",
  "signup",
  "auth",
  "app",
  "new",
]);

export const orgSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { error: "Use at least 2 characters." })
  .max(40, { error: "Use at most 40 characters." })
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: "Use lowercase letters, digits and dashes." })
  .refine((slug) => !RESERVED_SLUGS.has(slug), { error: "This address is reserved." });

export const createOrgSchema = z.object({
  name: z.string().trim().min(2, { error: "Give the organisation a name of at least 2 characters." }).max(80, { error: "Use at most 80 characters." }),
  // An empty form field means "derive it from the name".
  slug: z.preprocess((value) => (value === "" ? undefined : value), orgSlugSchema.optional()),
});
export type CreateOrgInput = z.infer<typeof createOrgSchema>;

export const updateOrgSettingsSchema = z.object({
  name: z.string().trim().min(2, { error: "Use at least 2 characters." }).max(80, { error: "Use at most 80 characters." }),
  retentionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter whole days." })
    .min(1, { error: "Keep logs at least 1 day." })
    .max(3650, { error: "At most 3650 days." }),
});
export type UpdateOrgSettingsInput = z.infer<typeof updateOrgSettingsSchema>;

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
  return base.length >= 2 && !RESERVED_SLUGS.has(base) ? base : `org-${base || "team"}`.slice(0, 32);
}
