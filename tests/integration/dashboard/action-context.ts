/**
 * Runs dashboard server actions outside Next. The test chooses who is signed in (the Auth.js
 * session), and Next's request-scoped helpers (`headers()`, `revalidatePath()`) get stand-ins,
 * because they need a live request. Everything else is real: the action wrapper, the role and
 * membership checks, zod, and the database. Each test file registers the stand-ins with:
 *
 *   vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
 *   vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
 *   vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);
 */

let signedInUserId: string | null = null;
export const revalidatedPaths: string[] = [];

export function signInAs(user: { id: string } | null): void {
  signedInUserId = user?.id ?? null;
}

export const authModule = {
  auth: async () => (signedInUserId ? { user: { id: signedInUserId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
};

export const headersModule = {
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }),
};

export const cacheModule = {
  revalidatePath: (path: string) => {
    revalidatedPaths.push(path);
  },
};

export function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/**
 * Awaits an action that must end in Next's redirect() and returns its target. redirect() throws an
 * error whose digest is `NEXT_REDIRECT;<type>;<url>;<status>;`; Next turns it into a 303 for a
 * plain form POST and into a client navigation otherwise.
 */
export async function redirectTargetOf(action: Promise<unknown>): Promise<string> {
  let outcome: unknown;
  try {
    outcome = await action;
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return digest.split(";").slice(2, -2).join(";");
    throw error;
  }
  throw new Error(`Expected a redirect, got ${JSON.stringify(outcome)}`);
}
