/**
 * Runs before every test file, in the file's own worker. Each file gets its own database:
 * an in-memory PGlite by default, or a fresh schema on the PostgreSQL server when DATABASE_URL is
 * set (CI runs both). Secrets are random per run, so tests never touch the data folder.
 */
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { createFreshSchema } from "./db-schema";

const env = process.env as Record<string, string | undefined>;
env.NODE_ENV = "test";
env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
env.TOOLGATE_TOKEN_HASH_KEY ??= randomBytes(32).toString("base64url");
env.TOOLGATE_ENCRYPTION_KEYS ??= `k1:${randomBytes(32).toString("base64")}`;
env.TOOLGATE_ALLOW_PRIVATE_UPSTREAMS ??= "true";

const serverUrl = env.DATABASE_URL;
let dropSchema: (() => Promise<void>) | undefined;

if (serverUrl && !new URL(serverUrl).searchParams.has("schema")) {
  const fresh = await createFreshSchema(serverUrl, "test");
  env.DATABASE_URL = fresh.url;
  dropSchema = fresh.drop;
} else if (!serverUrl) {
  env.TOOLGATE_PGLITE_DIR = "memory://";
}

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  await dropSchema?.();
});
