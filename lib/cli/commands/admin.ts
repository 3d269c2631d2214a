/**
 * Bootstrap commands for self-hosters: they open the database directly (DATABASE_URL or the
 * embedded data folder), so they need no running app and no browser. With the embedded database
 * the app must not be running on the same data folder at the same time: PGlite is single-process.
 */
import { type ParsedArgs, requireOption, stringOption } from "../args";
import { CliError, EXIT, type Output, printJson } from "../output";
import { runMaintenanceCommand } from "./admin-maintenance";

export async function runAdminCommand(subcommand: string | undefined, args: ParsedArgs, output: Output): Promise<void> {
  if (subcommand === "maintenance") return runMaintenanceCommand(args, output);
  if (subcommand !== "create-org")
    throw new CliError("Usage: toolgate admin create-org --name NAME --email EMAIL --password PASSWORD, or toolgate admin maintenance", EXIT.usage);
  const name = requireOption(args, "name");
  const password = requireOption(args, "password");
  const { emailSchema } = await import("@/lib/validation/auth");
  const email = emailSchema.safeParse(requireOption(args, "email"));
  if (!email.success) throw new CliError(`--email: ${email.error.issues[0]?.message ?? "invalid"}`, EXIT.invalid);
  const { checkPasswordPolicy, hashPassword } = await import("@/lib/auth/password");
  const problems = checkPasswordPolicy(password, { email: email.data });
  if (problems.length > 0) throw new CliError(`--password: ${problems.join(" ")}`, EXIT.invalid);
  const { createUserWithPassword } = await import("@/lib/db/users");
  const { createOrganization } = await import("@/lib/db/orgs");
  const { createApiKey } = await import("@/lib/db/api-keys");
  const { closeDb } = await import("@/lib/db/client");
  const { AppError } = await import("@/lib/errors");
  try {
    const user = await createUserWithPassword({ email: email.data, name: null, passwordHash: await hashPassword(password) });
    const actor = { userId: user.id, label: `${email.data} (toolgate admin create-org)`, ip: null };
    const org = await createOrganization({ userId: user.id, name, slug: stringOption(args, "slug"), actor });
    const { apiKey, token } = await createApiKey({ orgId: org.id, name: "bootstrap (toolgate admin create-org)", role: "admin", actor });
    printJson(output, { orgId: org.id, orgSlug: org.slug, userId: user.id, email: user.email, apiKeyId: apiKey.id, apiKey: token });
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message, error.code === "validation_failed" ? EXIT.invalid : EXIT.failure);
    throw error;
  } finally {
    await closeDb();
  }
}
