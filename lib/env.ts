/**
 * The only reader of process.env (STYLE rule 17, enforced by tests/architecture.test.ts).
 *
 * Secrets: with the embedded database and outside production they are generated once and kept in
 * the data folder, so `npm install && npm start` works with nothing configured. With a real
 * PostgreSQL server in production they must be given: several app instances share one database and
 * must therefore share one set of keys, which a file on one machine cannot guarantee.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  TOOLGATE_DATA_DIR: z.string().default(".data"),
  /** "memory://" keeps the embedded database in memory (tests). */
  TOOLGATE_PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  TOOLGATE_TOKEN_HASH_KEY: z.string().min(32).optional(),
  /** Comma-separated `keyId:base64key` pairs; the first is used to encrypt, all decrypt. */
  TOOLGATE_ENCRYPTION_KEYS: z.string().optional(),
  TOOLGATE_ALLOW_PRIVATE_UPSTREAMS: booleanFlag,
  TOOLGATE_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  TOOLGATE_PUBLIC_URL: z.string().url().optional(),
  TOOLGATE_DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Proxy: bounded staleness of cached grants, policies and credentials when a change notice is lost. */
  TOOLGATE_CACHE_TTL_MS: z.coerce.number().int().positive().default(5_000),
  /** Proxy: how long an upstream may take to answer a POST or DELETE before the call fails. */
  TOOLGATE_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Proxy: how long a call that needs approval is held open waiting for a decision (SPEC §4). */
  TOOLGATE_APPROVAL_HOLD_MS: z.coerce.number().int().min(0).default(20_000),
  /** MCP sessions (2025-11-25) not used for this many hours are forgotten by the maintenance job. */
  TOOLGATE_MCP_SESSION_IDLE_HOURS: z.coerce.number().int().min(1).default(24),
  /** How often each instance runs the maintenance job (retention, expiries); 0 turns it off. */
  TOOLGATE_MAINTENANCE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(15),
  /** The `toolgate` command line's client commands: the app's base URL and an organisation API key. */
  TOOLGATE_URL: z.string().url().optional(),
  TOOLGATE_API_KEY: z.string().optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cachedEnv: Env | undefined;

export function getEnv(): Env {
  if (!cachedEnv) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
    }
    cachedEnv = parsed.data;
  }
  return cachedEnv;
}

export type Secrets = {
  authSecret: string;
  tokenHashKey: string;
  encryptionKeys: Array<{ id: string; key: Buffer }>;
};

let cachedSecrets: Secrets | undefined;

export function getSecrets(): Secrets {
  if (cachedSecrets) return cachedSecrets;
  const env = getEnv();
  const generated = needsGeneratedSecrets(env) ? loadOrCreateGeneratedSecrets(env) : undefined;
  const authSecret = env.AUTH_SECRET ?? generated?.AUTH_SECRET;
  const tokenHashKey = env.TOOLGATE_TOKEN_HASH_KEY ?? generated?.TOOLGATE_TOKEN_HASH_KEY;
  const encryptionKeys = env.TOOLGATE_ENCRYPTION_KEYS ?? generated?.TOOLGATE_ENCRYPTION_KEYS;
  if (!authSecret || !tokenHashKey || !encryptionKeys) {
    throw new Error(
      "AUTH_SECRET, TOOLGATE_TOKEN_HASH_KEY and TOOLGATE_ENCRYPTION_KEYS are required in production with DATABASE_URL. See README.md, section Configuration.",
    );
  }
  cachedSecrets = { authSecret, tokenHashKey, encryptionKeys: parseEncryptionKeys(encryptionKeys) };
  return cachedSecrets;
}

function needsGeneratedSecrets(env: Env): boolean {
  const complete = env.AUTH_SECRET && env.TOOLGATE_TOKEN_HASH_KEY && env.TOOLGATE_ENCRYPTION_KEYS;
  if (complete) return false;
  return !(env.NODE_ENV === "production" && env.DATABASE_URL);
}

export function parseEncryptionKeys(value: string): Array<{ id: string; key: Buffer }> {
  const keys = value
    .split(",")
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [id, encoded] = pair.split(":");
      const key = Buffer.from(encoded ?? "", "base64");
      if (!id || !/^[a-z0-9]+$/i.test(id) || key.length !== 32) {
        throw new Error("TOOLGATE_ENCRYPTION_KEYS must be `keyId:base64` pairs of 32-byte keys, e.g. k1:<openssl rand -base64 32>.");
      }
      return { id, key };
    });
  if (keys.length === 0) throw new Error("TOOLGATE_ENCRYPTION_KEYS has no key.");
  return keys;
}

type GeneratedSecrets = { AUTH_SECRET: string; TOOLGATE_TOKEN_HASH_KEY: string; TOOLGATE_ENCRYPTION_KEYS: string };

function loadOrCreateGeneratedSecrets(env: Env): GeneratedSecrets {
  const file = path.resolve(env.TOOLGATE_DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  const secrets: GeneratedSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TOOLGATE_TOKEN_HASH_KEY: randomBytes(32).toString("base64url"),
    TOOLGATE_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  // `wx` fails if another process created the file first; then its secrets win.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  } catch {
    return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  }
  return secrets;
}

/** The embedded database folder, or undefined when a PostgreSQL server is configured. */
export function getPgliteDir(): string | undefined {
  const env = getEnv();
  if (env.DATABASE_URL) return undefined;
  return env.TOOLGATE_PGLITE_DIR ?? path.resolve(env.TOOLGATE_DATA_DIR, "pglite");
}
