import "server-only";
/**
 * The tool catalogue of each server: the last `tools/list` seen upstream, each tool with a risk
 * class and a hash of its definition. A changed hash is drift: recorded, shown, and kept apart
 * from the accepted definition until an admin accepts it. The accepted definition is stored too,
 * so the dashboard can show what changed (lib/tool-diff.ts).
 */
import { createHash } from "node:crypto";
import { type Actor, recordAdminEvent } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { canonicalJson } from "@/lib/policy/canonical-json";
import { classifyTool, type RiskClass, type ToolAnnotations } from "@/lib/policy/risk";
import { diffToolDefinitions, parseToolDefinition, type ToolDefinition, type ToolDefinitionDiff, toToolDefinition } from "@/lib/tool-diff";
import { getDb } from "./client";
import { Prisma } from "./generated/client";
import { notifyChange } from "./notify";

export type UpstreamTool = {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: object;
  annotations?: ToolAnnotations & Record<string, unknown>;
};

export type ToolDto = {
  id: string;
  serverId: string;
  name: string;
  title: string | null;
  description: string | null;
  inputSchema: object | null;
  annotations: ToolAnnotations | null;
  riskClass: RiskClass;
  hasDrift: boolean;
  /**
   * While drift is unresolved: what changed since the accepted definition, or `recorded: false`
   * when the accepted definition predates its storage (drift found before this version).
   */
  drift: { recorded: true; diff: ToolDefinitionDiff } | { recorded: false } | null;
  driftedAt: Date | null;
  lastSeenAt: Date;
  removedAt: Date | null;
};

const toolSelect = {
  id: true,
  serverId: true,
  name: true,
  title: true,
  description: true,
  inputSchema: true,
  annotations: true,
  riskClass: true,
  definitionHash: true,
  acceptedHash: true,
  acceptedDefinition: true,
  driftedAt: true,
  lastSeenAt: true,
  removedAt: true,
} as const;
type ToolRow = Prisma.ToolGetPayload<{ select: typeof toolSelect }>;

function toToolDto({ definitionHash, acceptedHash, acceptedDefinition, ...row }: ToolRow): ToolDto {
  const hasDrift = definitionHash !== acceptedHash;
  const accepted = hasDrift ? parseToolDefinition(acceptedDefinition) : null;
  return {
    ...row,
    inputSchema: (row.inputSchema as object | null) ?? null,
    annotations: (row.annotations as ToolAnnotations | null) ?? null,
    riskClass: row.riskClass as RiskClass,
    hasDrift,
    drift: !hasDrift ? null : accepted ? { recorded: true, diff: diffToolDefinitions(accepted, toToolDefinition(row)) } : { recorded: false },
  };
}

/** JSON columns: an absent value is SQL NULL (Prisma ignores `undefined` on update, which would keep a stale value). */
function jsonColumn(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

export function hashToolDefinition(tool: UpstreamTool | ToolDefinition): string {
  return createHash("sha256")
    .update(canonicalJson(toToolDefinition(tool)))
    .digest("hex");
}

/** Records a fresh tools/list: new tools are accepted as seen, changed ones are marked as drift, missing ones as removed. */
export async function upsertToolCatalogue({
  orgId,
  serverId,
  tools,
  actor,
  now = new Date(),
}: {
  orgId: string;
  serverId: string;
  tools: UpstreamTool[];
  actor: Actor;
  now?: Date;
}): Promise<{ added: string[]; drifted: string[]; removed: string[] }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const server = await tx.server.findFirst({ where: { id: serverId, orgId }, select: { id: true } });
    if (!server) throw notFound("Server");
    const existing = new Map(
      (await tx.tool.findMany({ where: { serverId, orgId }, select: { name: true, definitionHash: true, acceptedHash: true, removedAt: true } })).map((row) => [
        row.name,
        row,
      ]),
    );
    const added: string[] = [];
    const drifted: string[] = [];
    for (const tool of tools) {
      const hash = hashToolDefinition(tool);
      const riskClass = classifyTool(tool).riskClass;
      const fields = {
        title: tool.title ?? null,
        description: tool.description ?? null,
        inputSchema: jsonColumn(tool.inputSchema),
        annotations: jsonColumn(tool.annotations),
        riskClass,
        definitionHash: hash,
        lastSeenAt: now,
        removedAt: null,
      };
      const previous = existing.get(tool.name);
      if (!previous) {
        added.push(tool.name);
        await tx.tool.create({
          data: {
            orgId,
            serverId,
            name: tool.name,
            acceptedHash: hash,
            acceptedDefinition: toToolDefinition(tool) as Prisma.InputJsonValue,
            firstSeenAt: now,
            ...fields,
          },
        });
      } else {
        const isDrift = hash !== previous.acceptedHash;
        if (isDrift && hash !== previous.definitionHash) drifted.push(tool.name);
        await tx.tool.update({
          where: { serverId_name: { serverId, name: tool.name } },
          data: {
            ...fields,
            driftedAt: isDrift ? (hash !== previous.definitionHash ? now : undefined) : null,
            // Same hash as accepted: this is the accepted definition (fills rows from before it was stored).
            ...(isDrift ? {} : { acceptedDefinition: toToolDefinition(tool) as Prisma.InputJsonValue }),
          },
        });
      }
    }
    const seen = new Set(tools.map((tool) => tool.name));
    const removed = [...existing.entries()].filter(([name, row]) => !seen.has(name) && !row.removedAt).map(([name]) => name);
    if (removed.length > 0) await tx.tool.updateMany({ where: { orgId, serverId, name: { in: removed } }, data: { removedAt: now } });
    await tx.server.update({ where: { id: serverId, orgId }, data: { toolsRefreshedAt: now } });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "server.tools_refreshed",
      targetType: "server",
      targetId: serverId,
      after: { count: tools.length, added, drifted, removed },
    });
    // The proxy validates arguments against these schemas: drop its cached catalogue now.
    await notifyChange(tx, { kind: "tools", id: serverId, serverId });
    return { added, drifted, removed };
  });
}

export async function listTools({
  orgId,
  serverId,
  includeRemoved = false,
}: {
  orgId: string;
  serverId: string;
  includeRemoved?: boolean;
}): Promise<ToolDto[]> {
  const db = await getDb();
  const rows = await db.tool.findMany({
    where: { orgId, serverId, ...(includeRemoved ? {} : { removedAt: null }) },
    select: toolSelect,
    orderBy: { name: "asc" },
  });
  return rows.map(toToolDto);
}

export async function getTool({ orgId, serverId, name }: { orgId: string; serverId: string; name: string }): Promise<ToolDto> {
  const db = await getDb();
  const row = await db.tool.findFirst({ where: { orgId, serverId, name }, select: toolSelect });
  if (!row) throw notFound("Tool");
  return toToolDto(row);
}

export async function acceptToolDrift({ orgId, serverId, name, actor }: { orgId: string; serverId: string; name: string; actor: Actor }): Promise<ToolDto> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.tool.findFirst({
      where: { orgId, serverId, name },
      select: { definitionHash: true, acceptedHash: true, title: true, description: true, inputSchema: true, annotations: true },
    });
    if (!row) throw notFound("Tool");
    // The current columns are the definition behind definitionHash: they become the accepted one.
    const updated = await tx.tool.update({
      where: { serverId_name: { serverId, name } },
      data: { acceptedHash: row.definitionHash, acceptedDefinition: toToolDefinition(row) as Prisma.InputJsonValue, driftedAt: null },
      select: toolSelect,
    });
    await recordAdminEvent(tx, {
      orgId,
      actor,
      action: "tool.drift_accepted",
      targetType: "tool",
      targetId: updated.id,
      before: { hash: row.acceptedHash },
      after: { hash: row.definitionHash },
    });
    // Proxies cache the catalogue per server: tell them the accepted state changed.
    await notifyChange(tx, { kind: "tools", id: serverId, serverId });
    return toToolDto(updated);
  });
}
