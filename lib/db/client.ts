import "server-only";
/**
 * The one Prisma client of this process, on either backend: a PostgreSQL server when
 * DATABASE_URL is set, otherwise embedded PGlite persisted in the data folder. Nothing above this
 * module knows which one runs.
 *
 * The client is created lazily on first use, never at import time: `next build` imports modules in
 * worker processes, and two PGlite instances on one folder corrupt it. The instance lives on
 * globalThis so that dev-mode module reloading does not open a second one.
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv, getPgliteDir } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";

export type Db = PrismaClient;

/**
 * A statement the proxy runs on every call. `name` makes it a prepared statement on the server
 * (parsed and planned once per connection).
 */
export type HotStatement = { name: string; text: string };

type Backend = {
  db: PrismaClient;
  kind: "pglite" | "postgres";
  /**
   * Runs one statement on the driver itself, bypassing Prisma. Only for the proxy's per-call
   * statements (reserve + record, settle, release): Prisma's per-query work was a third of the
   * proxy's CPU per call. Everything else goes through `db`. Rows come back as the driver gives
   * them: int8 columns are strings on pg, numbers or bigints on PGlite.
   */
  query: <Row>(statement: HotStatement, params: unknown[]) => Promise<Row[]>;
  /** Subscribes to a NOTIFY channel; returns an unsubscribe function. */
  listen: (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

const globalForDb = globalThis as unknown as { toolgateBackend?: Promise<Backend> };

export function getBackend(): Promise<Backend> {
  if (!globalForDb.toolgateBackend) {
    globalForDb.toolgateBackend = openBackend().catch((error) => {
      globalForDb.toolgateBackend = undefined;
      throw error;
    });
  }
  return globalForDb.toolgateBackend;
}

export async function getDb(): Promise<PrismaClient> {
  return (await getBackend()).db;
}

export async function closeDb(): Promise<void> {
  const backend = globalForDb.toolgateBackend;
  globalForDb.toolgateBackend = undefined;
  if (backend) await (await backend.catch(() => undefined))?.close();
}

/** Makes close() safe to call twice (a test may close the live connection, then tear down). */
function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}

async function openBackend(): Promise<Backend> {
  const env = getEnv();
  const pgliteDir = getPgliteDir();
  return pgliteDir ? openPglite(pgliteDir) : openPostgres(env.DATABASE_URL as string, env.TOOLGATE_DB_POOL_SIZE);
}

async function openPglite(dataDir: string): Promise<Backend> {
  const { mkdirSync } = await import("node:fs");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  await applyMigrations({ query: (sql, params) => pglite.query(sql, params), exec: (sql) => pglite.exec(sql) });
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    kind: "pglite",
    query: async <Row>(statement: HotStatement, params: unknown[]) => (await pglite.query<Row>(statement.text, params)).rows,
    listen: async (channel, onMessage) => {
      const unsubscribe = await pglite.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    close: closeOnce(async () => {
      await db.$disconnect();
      await pglite.close();
    }),
  };
}

/**
 * `?schema=NAME` in DATABASE_URL (Prisma's convention) selects a schema other than public; tests
 * and CI use it to get a fresh schema per run on a shared server.
 */
function splitSchema(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

async function openPostgres(url: string, poolSize: number): Promise<Backend> {
  const { connectionString, schema } = splitSchema(url);
  const options = schema ? `-c search_path="${schema.replace(/"/g, "")}"` : undefined;
  const pool = new pg.Pool({ connectionString, max: poolSize, options });
  // An idle client that errors (server restart) must not crash the process; the next query fails
  // and the caller fails closed.
  pool.on("error", () => {});
  const migrationClient = await pool.connect();
  try {
    await applyMigrations({ query: (sql, params) => migrationClient.query(sql, params), exec: (sql) => migrationClient.query(sql) });
  } finally {
    migrationClient.release();
  }
  const db = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  const listeners: pg.Client[] = [];
  return {
    db,
    kind: "postgres",
    query: async <Row>(statement: HotStatement, params: unknown[]) =>
      (await pool.query<Row & pg.QueryResultRow>({ name: statement.name, text: statement.text, values: params })).rows,
    listen: async (channel, onMessage) => {
      const client = new pg.Client({ connectionString });
      client.on("error", () => {});
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) onMessage(message.payload ?? "");
      });
      await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: closeOnce(async () => {
      await Promise.all(listeners.map((client) => client.end().catch(() => {})));
      await db.$disconnect();
      await pool.end();
    }),
  };
}
