import "server-only";
/**
 * Organisation API keys for /api/v1 and the command line. A key acts with a fixed role inside one
 * organisation. Like grant tokens it is `tgk_` + 32 random bytes, stored only as a keyed hash and a
 * short prefix, and returned once by createApiKey. Lookups read the row on every request (no
 * cache), so a revoked or expired key stops working on the next request. `lastUsedAt` and the
 * `api_key.used` admin event are written at most once a minute per key: every use is attributed
 * (writes also name the key as their actor) without one audit row per read.
 */
import { type Actor, recordAdminEvent } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import { generateToken, hashToken, looksLikeToken, tokenPrefix } from "@/lib/crypto/tokens";
import { notFound } from "@/lib/errors";
import { getDb } from "./client";

export type ApiKeyDto = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

/** What a request authenticated by a key knows about it. */
export type ApiKeyPrincipal = { id: string; orgId: string; name: string; role: Role };

const apiKeySelect = { id: true, name: true, role: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true } as const;

const LAST_USED_RESOLUTION_MS = 60_000;

export async function createApiKey({
  orgId,
  name,
  role,
  expiresAt,
  actor,
}: {
  orgId: string;
  name: string;
  role: Role;
  expiresAt?: Date | null;
  actor: Actor;
}): Promise<{ apiKey: ApiKeyDto; token: string }> {
  const db = await getDb();
  const token = generateToken("tgk");
  const apiKey = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { orgId, name, role, expiresAt: expiresAt ?? null, tokenHash: hashToken(token), prefix: tokenPrefix(token), createdById: actor.userId ?? null },
      select: apiKeySelect,
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      after: { name, role, expiresAt: row.expiresAt, prefix: row.prefix },
    });
    return row;
  });
  return { apiKey, token };
}

export async function listApiKeys({ orgId }: { orgId: string }): Promise<ApiKeyDto[]> {
  const db = await getDb();
  return db.apiKey.findMany({ where: { orgId }, select: apiKeySelect, orderBy: { createdAt: "desc" } });
}

export async function revokeApiKey({
  orgId,
  apiKeyId,
  actor,
  now = new Date(),
}: {
  orgId: string;
  apiKeyId: string;
  actor: Actor;
  now?: Date;
}): Promise<ApiKeyDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id: apiKeyId, orgId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw notFound("API key");
    const row = await tx.apiKey.findFirstOrThrow({ where: { id: apiKeyId, orgId }, select: apiKeySelect });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: apiKeyId,
      after: { name: row.name, revokedAt: now },
    });
    return row;
  });
}

/**
 * The key behind a bearer token, or null when it is malformed, unknown, revoked or expired (the
 * caller answers all four alike). Records the use when the last one is over a minute old; the
 * conditional update makes concurrent requests write it once.
 */
export async function authenticateApiKey({ token, ip, now = new Date() }: { token: string; ip?: string | null; now?: Date }): Promise<ApiKeyPrincipal | null> {
  if (!looksLikeToken(token, "tgk")) return null;
  const db = await getDb();
  const row = await db.apiKey.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, orgId: true, name: true, role: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await recordApiKeyUse({ key: row, ip, now });
  }
  return { id: row.id, orgId: row.orgId, name: row.name, role: row.role };
}

async function recordApiKeyUse({ key, ip, now }: { key: { id: string; orgId: string; name: string }; ip?: string | null; now: Date }) {
  const db = await getDb();
  const threshold = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, orgId: key.orgId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: threshold } }] },
      data: { lastUsedAt: now },
    });
    if (count === 0) return;
    await recordAdminEvent(tx, {
      orgId: key.orgId,
      actor: apiKeyActor({ key, ip }),
      action: "api_key.used",
      targetType: "api_key",
      targetId: key.id,
    });
  });
}

/** How writes made with a key appear in the admin events. */
export function apiKeyActor({ key, ip }: { key: { id: string; name: string }; ip?: string | null }): Actor {
  return { apiKeyId: key.id, label: `API key "${key.name}"`, ip: ip ?? null };
}
