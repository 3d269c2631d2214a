/**
 * Writes a new migration folder with the SQL that takes the committed migrations to the current
 * prisma/schema.prisma. Prisma's `migrate dev` needs a native engine this machine cannot download,
 * so this drives Prisma's WebAssembly schema engine (same engines build as the installed Prisma)
 * against an in-memory PGlite shadow database.
 *
 *   npm run db:diff -- <migration_name>
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";

const root = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(root, "prisma/migrations");
const name = (process.argv[2] ?? "change").replace(/[^a-z0-9_]/gi, "_");

async function main() {
  const schema = await readFile(path.join(root, "prisma/schema.prisma"), "utf8");
  const shadow = new PGlite();
  // The engine expects the adapter in Prisma's "bound" form (results wrapped, errors registered).
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(shadow));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, (log: string) => process.env.DEBUG && console.error(log), adapterFactory);
  const existing = (await readdir(migrationsDir).catch(() => [])).filter((d) => /^\d/.test(d)).sort();
  const migrations = await Promise.all(
    existing.map(async (dirName) => ({
      path: dirName,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: await readFile(path.join(migrationsDir, dirName, "migration.sql"), "utf8") },
      },
    })),
  );
  const from =
    migrations.length === 0
      ? { tag: "empty" as const }
      : {
          tag: "migrations" as const,
          baseDir: migrationsDir,
          lockfile: { path: "migration_lock.toml", content: await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8").catch(() => null) },
          migrationDirectories: migrations,
          shadowDbInitScript: "",
        };
  const result = await engine.diff({
    from: from as never,
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? "";
  if (result.exitCode !== 2 || sql.trim() === "" || sql.includes("This is an empty migration")) {
    console.log("No schema changes: nothing written.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  await writeFile(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
