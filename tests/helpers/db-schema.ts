/**
 * Fresh schemas on the PostgreSQL server for tests: each test file, and each end-to-end app, gets
 * its own, so runs never see each other's rows and can run in parallel on one database.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export async function createFreshSchema(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await runAdminQuery(serverUrl, `CREATE SCHEMA "${schema}"`);
  const url = new URL(serverUrl);
  url.searchParams.set("schema", schema);
  return { url: url.toString(), drop: () => runAdminQuery(serverUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}

async function runAdminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
