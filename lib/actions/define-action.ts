import "server-only";
/**
 * Every server action is a public POST endpoint, so each one goes through this wrapper: it
 * authenticates, resolves the organisation from `orgSlug` and the caller's membership (an `orgId`
 * in the form is never read), checks the role on the server, parses the form with the entity's
 * zod schema, and turns failures into a typed result. Unexpected errors are logged with an id and
 * answered with a generic sentence, so internals never reach the browser.
 */
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { authorizeOrgAction, getCurrentUser } from "@/lib/auth/session";
import type { OrgWithRole } from "@/lib/db/orgs";
import type { UserDto } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export type ActionContext<I> = { user: UserDto; org: OrgWithRole; role: Role; input: I; actor: Actor };

/** Form fields never echoed back into form state. */
const SECRET_FIELDS = /password|token|secret|credential|header/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

export function formToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$")) continue;
    object[key] = typeof value === "string" ? value : undefined;
  }
  return object;
}

export async function requestIp(): Promise<string | null> {
  const list = await headers();
  return list.get("x-forwarded-for")?.split(",")[0]?.trim() ?? list.get("x-real-ip") ?? null;
}

export function toActionError(error: unknown, values?: Record<string, string>): ActionResult<never> {
  // redirect() and notFound() are control flow for Next, not failures: let them through.
  unstable_rethrow(error);
  if (error instanceof AppError) {
    return { ok: false, error: error.message, code: error.code, fieldErrors: error.details?.fieldErrors, values };
  }
  const errorId = randomUUID();
  console.error(`[action ${errorId}]`, error);
  return { ok: false, error: `Something went wrong (reference ${errorId.slice(0, 8)}). Nothing was changed.`, code: "internal", values };
}

type ActionOptions<S extends z.ZodType> = { schema: S; role: Role };
type ActionHandler<S extends z.ZodType, T> = (context: ActionContext<z.infer<S>>) => Promise<T>;
export type FormAction<T> = (previous: unknown, formData: FormData) => Promise<ActionResult<T>>;

/**
 * An action whose success ends on another page (creating or deleting something) sets
 * `redirectOnSuccess` and returns that page's path. The wrapper refreshes the organisation's pages
 * and answers with Next's server-side redirect(), so the form works without JavaScript (a 303 for a
 * plain POST, a soft navigation otherwise). Failures still come back as results for useActionState.
 */
export function defineAction<S extends z.ZodType>(
  options: ActionOptions<S> & { redirectOnSuccess: true },
  handler: ActionHandler<S, string>,
): FormAction<never>;
export function defineAction<S extends z.ZodType, T>(options: ActionOptions<S>, handler: ActionHandler<S, T>): FormAction<T>;
export function defineAction<S extends z.ZodType, T>(options: ActionOptions<S> & { redirectOnSuccess?: true }, handler: ActionHandler<S, T>): FormAction<T> {
  return async (_previous, formData) => {
    const values = formValues(formData);
    try {
      const orgSlug = formData.get("orgSlug");
      if (typeof orgSlug !== "string" || orgSlug === "") throw new AppError("bad_request", "Missing organisation.");
      const { user, org, role } = await authorizeOrgAction(orgSlug, options.role);
      const parsed = options.schema.safeParse(formToObject(formData));
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.join(".") || "_form";
          (fieldErrors[key] ??= []).push(issue.message);
        }
        return { ok: false, error: "Check the highlighted fields.", code: "validation_failed", fieldErrors, values };
      }
      const actor: Actor = { userId: user.id, label: user.email, ip: await requestIp() };
      const data = await handler({ user, org, role, input: parsed.data, actor });
      // Pages of the organisation render from the database; refresh them after any change.
      revalidatePath(`/${org.slug}`, "layout");
      // redirect() throws Next's control-flow error; toActionError below lets it through.
      if (options.redirectOnSuccess && typeof data === "string") redirect(data);
      return { ok: true, data };
    } catch (error) {
      return toActionError(error, values);
    }
  };
}

/** For actions of a signed-in user outside any organisation (creating one, accepting an invitation). */
export function defineUserAction<S extends z.ZodType, T>(
  options: { schema: S },
  handler: (context: { user: UserDto; input: z.infer<S>; actor: Actor }) => Promise<T>,
): (previous: unknown, formData: FormData) => Promise<ActionResult<T>> {
  return async (_previous, formData) => {
    const values = formValues(formData);
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
      const parsed = options.schema.safeParse(formToObject(formData));
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
        return { ok: false, error: "Check the highlighted fields.", code: "validation_failed", fieldErrors, values };
      }
      const actor: Actor = { userId: user.id, label: user.email, ip: await requestIp() };
      return { ok: true, data: await handler({ user, input: parsed.data, actor }) };
    } catch (error) {
      return toActionError(error, values);
    }
  };
}
