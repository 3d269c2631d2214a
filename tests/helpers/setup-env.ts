/**
 * Runs before every test file, in the file's own worker. Each file gets its own database:
 * an in-memory PGlite by default, or a fresh schema on the PostgreSQL server when DATABASE_URL is
 * set (CI runs both). Secrets are random per run, so tests never touch the data folder.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";

const env = process.env as Record<string, string | undefined>;
env.NODE_ENV = "test";
env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
env.TOOLGATE_TOKEN_HASH_KEY ??= randomBytes(32).toString("base64url");
env.TOOLGATE_ENCRYPTION_KEYS ??= `k1:${randomBytes(32).toString("base64")}`;
env.TOOLGATE_ALLOW_PRIVATE_UPSTREAMS ??= "true";

const serverUrl = env.DATABASE_URL;
let schema: string | undefined;

if (serverUrl && !new URL(serverUrl).searchParams.has("schema")) {
  schema = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.searchParams.set("schema", schema);
  env.DATABASE_URL = url.toString();
} else if (!serverUrl) {
  env.TOOLGATE_PGLITE_DIR = "memory://";
}

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  if (schema && serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
});
