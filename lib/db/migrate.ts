/**
 * Applies the committed `prisma/migrations/<name>/migration.sql` folders in order and records
 * them in `_prisma_migrations`, the table layout of `prisma migrate deploy`, so either tool can
 * take over. We apply them ourselves because Prisma's migrate CLI needs a native engine that an
 * offline machine cannot download (shared/notes/stack.md).
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** The minimal SQL surface both PGlite and node-postgres offer. */
export type SqlRunner = {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;
  exec: (sql: string) => Promise<unknown>;
};

// Same advisory-lock key as Prisma's CLI, so concurrent starts of several instances serialise.
const MIGRATION_LOCK_KEY = 72707369;

export function migrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma/migrations");
}

export async function applyMigrations(sql: SqlRunner, dir = migrationsDir()): Promise<string[]> {
  // The migrations folder is read at run time from the project, not bundled: keep the tracer out.
  const names = (await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await sql.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const applied = await sql.query(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const appliedByName = new Map(applied.rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    const newlyApplied: string[] = [];
    for (const name of names) {
      const script = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(script).digest("hex");
      const known = appliedByName.get(name);
      if (known !== undefined) {
        if (known !== checksum) throw new Error(`Migration ${name} was edited after it was applied (checksum differs).`);
        continue;
      }
      await sql.exec("BEGIN");
      try {
        await sql.exec(script);
        await sql.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`, [
          randomUUID(),
          checksum,
          name,
        ]);
        await sql.exec("COMMIT");
      } catch (error) {
        await sql.exec("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      newlyApplied.push(name);
    }
    return newlyApplied;
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
