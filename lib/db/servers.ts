import "server-only";
/**
 * Upstream MCP servers. Credentials are encrypted here and never selected back by these
 * functions: the dashboard only learns which header names are set.
 */
import { type Actor, recordAdminEvent } from "@/lib/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, isRecordNotFound, isUniqueViolation, notFound } from "@/lib/errors";
import { getDb } from "./client";
import type { Prisma } from "./generated/client";
import { notifyChange } from "./notify";

export type ServerDto = {
  id: string;
  name: string;
  url: string;
  toolsRefreshedAt: Date | null;
  createdAt: Date;
  credentialHeaderNames: string[];
};

const serverSelect = { id: true, name: true, url: true, toolsRefreshedAt: true, createdAt: true, credential: { select: { headerNames: true } } } as const;

type ServerRow = Prisma.ServerGetPayload<{ select: typeof serverSelect }>;

function toServerDto({ credential, ...row }: ServerRow): ServerDto {
  return { ...row, credentialHeaderNames: credential?.headerNames ?? [] };
}

function nameTaken(): AppError {
  return new AppError("validation_failed", "A server with this name already exists.", { fieldErrors: { name: ["A server with this name already exists."] } });
}

export async function createServer({
  orgId,
  data,
  actor,
}: {
  orgId: string;
  data: { name: string; url: string; headers?: Record<string, string> };
  actor: Actor;
}): Promise<ServerDto> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.server.create({ data: { orgId, name: data.name, url: data.url }, select: { id: true } });
      if (data.headers && Object.keys(data.headers).length > 0) {
        await tx.upstreamCredential.create({
          data: {
            orgId,
            serverId: created.id,
            encrypted: encryptSecret(JSON.stringify(data.headers), { orgId, serverId: created.id }),
            headerNames: Object.keys(data.headers).sort(),
          },
        });
      }
      const server = await tx.server.findUniqueOrThrow({ where: { id: created.id }, select: serverSelect });
      await recordAdminEvent(tx, {
        orgId,
        actor,
        action: "server.created",
        targetType: "server",
        targetId: server.id,
        after: { name: data.name, url: data.url, headers: data.headers },
      });
      return toServerDto(server);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function listServers({ orgId }: { orgId: string }): Promise<ServerDto[]> {
  const db = await getDb();
  const rows = await db.server.findMany({ where: { orgId }, select: serverSelect, orderBy: { createdAt: "desc" } });
  return rows.map(toServerDto);
}

export async function getServer({ orgId, serverId }: { orgId: string; serverId: string }): Promise<ServerDto> {
  const db = await getDb();
  const row = await db.server.findFirst({ where: { id: serverId, orgId }, select: serverSelect });
  if (!row) throw notFound("Server");
  return toServerDto(row);
}

export async function updateServer({
  orgId,
  serverId,
  data,
  actor,
}: {
  orgId: string;
  serverId: string;
  data: { name?: string; url?: string };
  actor: Actor;
}): Promise<ServerDto> {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.server.findFirst({ where: { id: serverId, orgId }, select: { name: true, url: true } });
      if (!before) throw notFound("Server");
      const row = await tx.server.update({ where: { id: serverId, orgId }, data, select: serverSelect });
      await recordAdminEvent(tx, {
        orgId,
        actor,
        action: "server.updated",
        targetType: "server",
        targetId: serverId,
        before,
        after: { name: row.name, url: row.url },
      });
      await notifyChange(tx, { kind: "server", id: serverId, serverId });
      return toServerDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    if (isRecordNotFound(error)) throw notFound("Server");
    throw error;
  }
}

/** Replaces the upstream headers; an empty object removes them. */
export async function setServerCredentials({
  orgId,
  serverId,
  headers,
  actor,
}: {
  orgId: string;
  serverId: string;
  headers: Record<string, string>;
  actor: Actor;
}): Promise<ServerDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const server = await tx.server.findFirst({ where: { id: serverId, orgId }, select: { id: true } });
    if (!server) throw notFound("Server");
    const headerNames = Object.keys(headers).sort();
    if (headerNames.length === 0) {
      await tx.upstreamCredential.deleteMany({ where: { serverId, orgId } });
    } else {
      const encrypted = encryptSecret(JSON.stringify(headers), { orgId, serverId });
      await tx.upstreamCredential.upsert({ where: { serverId }, create: { orgId, serverId, encrypted, headerNames }, update: { encrypted, headerNames } });
    }
    await recordAdminEvent(tx, { orgId, actor, action: "credentials.updated", targetType: "server", targetId: serverId, after: { headerNames } });
    await notifyChange(tx, { kind: "server", id: serverId, serverId });
    return toServerDto(await tx.server.findUniqueOrThrow({ where: { id: serverId }, select: serverSelect }));
  });
}

export async function deleteServer({ orgId, serverId, actor }: { orgId: string; serverId: string; actor: Actor }): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await tx.server.findFirst({ where: { id: serverId, orgId }, select: { name: true, url: true } });
    if (!before) throw notFound("Server");
    await tx.server.deleteMany({ where: { id: serverId, orgId } });
    await recordAdminEvent(tx, { orgId, actor, action: "server.deleted", targetType: "server", targetId: serverId, before });
    await notifyChange(tx, { kind: "server", id: serverId, serverId });
  });
}

/**
 * The upstream URL with its decrypted headers, for the catalogue refresh (the one reader besides
 * the proxy). The result must never be returned to a browser or written to a log.
 */
export async function getServerUpstreamConfig({
  orgId,
  serverId,
}: {
  orgId: string;
  serverId: string;
}): Promise<{ url: string; headers: Record<string, string> }> {
  const db = await getDb();
  const row = await db.server.findFirst({ where: { id: serverId, orgId }, select: { url: true, credential: { select: { encrypted: true } } } });
  if (!row) throw notFound("Server");
  const headers = row.credential ? (JSON.parse(decryptSecret(row.credential.encrypted, { orgId, serverId })) as Record<string, string>) : {};
  return { url: row.url, headers };
}
