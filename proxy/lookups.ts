/**
 * The cached view of the database one proxy instance works from: grants by token hash, compiled
 * policies, decrypted upstream credentials, tool schemas and session bindings. Change notices drop
 * the affected entries; every entry also expires after `ttlMs` (the bounded staleness fallback).
 * Loader failures are never cached, so a database outage fails the request (closed) and the next
 * request tries again.
 */

import { decryptSecret } from "@/lib/crypto/secrets";
import type { ChangeNotice } from "@/lib/db/notify";
import {
  findEncryptedCredentials,
  findGrantByTokenHash,
  findLivePolicyVersion,
  findSessionBinding,
  listCatalogueSchemas,
  type ProxyGrant,
  type SessionBinding,
} from "@/lib/db/proxy-store";
import type { CatalogueTool } from "@/lib/policy/evaluate";
import type { Policy } from "@/lib/policy/types";
import { validatePolicy } from "@/lib/policy/validate";
import { TtlCache } from "./cache";

export type LivePolicy = { id: string; name: string; version: number; policy: Policy };

export class PolicyUnreadableError extends Error {}

export function createLookups({ ttlMs }: { ttlMs: number }) {
  const grants = new TtlCache<string, ProxyGrant | null>(ttlMs, 50_000);
  const policies = new TtlCache<string, LivePolicy | null>(ttlMs);
  const compiled = new TtlCache<string, Policy>(10 * 60_000, 1_000);
  const credentials = new TtlCache<string, Record<string, string> | null>(ttlMs);
  const catalogues = new TtlCache<string, Map<string, CatalogueTool>>(ttlMs);
  const sessions = new TtlCache<string, SessionBinding | null>(ttlMs, 50_000);
  const invalidationListeners = new Set<(notice: ChangeNotice) => void>();

  function invalidate(notice: ChangeNotice): void {
    if (notice.kind === "grant") grants.deleteWhere((grant) => grant?.id === notice.id);
    if (notice.kind === "policy") policies.delete(notice.id);
    if (notice.kind === "server") {
      credentials.delete(notice.id);
      catalogues.delete(notice.id);
      grants.deleteWhere((grant) => grant?.serverId === notice.id);
    }
    if (notice.kind === "tools") catalogues.delete(notice.serverId ?? notice.id);
    for (const listener of invalidationListeners) listener(notice);
  }

  return {
    invalidate,
    onInvalidate(listener: (notice: ChangeNotice) => void): () => void {
      invalidationListeners.add(listener);
      return () => invalidationListeners.delete(listener);
    },
    findGrant: (tokenHash: string) => grants.load(tokenHash, () => findGrantByTokenHash({ tokenHash })),
    findPolicy: (orgId: string, policyId: string) =>
      policies.load(policyId, async () => {
        const row = await findLivePolicyVersion({ orgId, policyId });
        if (!row) return null;
        const key = `${row.id}:${row.version}`;
        let policy = compiled.get(key);
        if (!policy) {
          const result = validatePolicy(row.document);
          // A stored document always validated on save; failing now means the engine and the data
          // disagree, and the proxy cannot know what the author meant: fail closed.
          if (!result.ok) throw new PolicyUnreadableError(`Policy "${row.name}" v${row.version} could not be loaded`);
          policy = result.policy;
          compiled.set(key, policy);
        }
        return { id: row.id, name: row.name, version: row.version, policy };
      }),
    findCredentials: (orgId: string, serverId: string) =>
      credentials.load(serverId, async () => {
        const blob = await findEncryptedCredentials({ orgId, serverId });
        return blob ? (JSON.parse(decryptSecret(blob, { orgId, serverId })) as Record<string, string>) : null;
      }),
    findCatalogue: (orgId: string, serverId: string) =>
      catalogues.load(serverId, async () => {
        const rows = await listCatalogueSchemas({ orgId, serverId });
        return new Map(rows.map((row) => [row.name, { name: row.name, inputSchema: row.inputSchema ?? undefined }]));
      }),
    findSession: (serverId: string, sessionId: string) => {
      const key = `${serverId}\u0000${sessionId}`;
      return sessions.load(key, () => findSessionBinding({ serverId, sessionId }));
    },
    rememberSession: (serverId: string, sessionId: string, binding: SessionBinding | null) => {
      sessions.set(`${serverId}\u0000${sessionId}`, binding);
    },
    clear(): void {
      for (const cache of [grants, policies, credentials, catalogues, sessions]) cache.clear();
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;
