/**
 * Shared set-up for proxy tests: an organisation with a server pointing at a real upstream, a
 * policy, a grant, a proxy instance served over HTTP, and a connected SDK client.
 */
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Actor } from "@/lib/audit";
import { getDb } from "@/lib/db/client";
import { mintGrant } from "@/lib/db/grants";
import { createPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import { type CreateProxyOptions, createProxy, type ToolgateProxy } from "@/proxy/create-proxy";
import { createTestOrg } from "../../helpers/harness";
import { type ProxyServer, startProxyServer } from "../../helpers/proxy-server";

export type Tenant = { orgId: string; serverId: string; actor: Actor };

export async function createTenant(upstreamUrl: string, options: { headers?: Record<string, string> } = {}): Promise<Tenant> {
  const { org, actor } = await createTestOrg("proxy");
  const server = await createServer({
    orgId: org.id,
    data: { name: `upstream-${Math.random().toString(36).slice(2, 8)}`, url: upstreamUrl, headers: options.headers },
    actor,
  });
  return { orgId: org.id, serverId: server.id, actor };
}

export async function createGrantWithPolicy(
  tenant: Tenant,
  document: unknown | null,
  label = "agent",
): Promise<{ token: string; grantId: string; policyId: string | null }> {
  let policyId: string | null = null;
  if (document !== null) {
    const policy = await createPolicy({
      orgId: tenant.orgId,
      serverId: tenant.serverId,
      name: `policy-${Math.random().toString(36).slice(2, 8)}`,
      document,
      actor: tenant.actor,
    });
    policyId = policy.id;
  }
  const { grant, token } = await mintGrant({ orgId: tenant.orgId, serverId: tenant.serverId, label, policyId, actor: tenant.actor });
  return { token, grantId: grant.id, policyId };
}

export type RunningProxy = { proxy: ToolgateProxy; http: ProxyServer; close: () => Promise<void> };

export async function startProxy(options: CreateProxyOptions = {}): Promise<RunningProxy> {
  const proxy = createProxy(options);
  await proxy.ready;
  const http = await startProxyServer(proxy);
  return {
    proxy,
    http,
    close: async () => {
      await http.close();
      await proxy.close();
    },
  };
}

export async function connectClient(
  url: string,
  token: string,
  capabilities: ConstructorParameters<typeof Client>[1] = {},
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: "toolgate-test", version: "1.0.0" }, capabilities);
  await client.connect(transport);
  return { client, transport };
}

export type CallRow = {
  method: string;
  tool: string | null;
  decision: string;
  code: string;
  rule: string | null;
  requestId: string | null;
  sessionId: string | null;
  argumentKeys: string[];
  upstreamStatus: number | null;
  policyVersion: number | null;
};

export async function listCallRows(orgId: string): Promise<CallRow[]> {
  const db = await getDb();
  return db.call.findMany({
    where: { orgId },
    orderBy: { id: "asc" },
    select: {
      method: true,
      tool: true,
      decision: true,
      code: true,
      rule: true,
      requestId: true,
      sessionId: true,
      argumentKeys: true,
      upstreamStatus: true,
      policyVersion: true,
    },
  });
}

export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.map((item) => item.text ?? "").join("");
}

/**
 * Calls focus_export_session from `concurrency` workers until `killAfter` calls were answered, then
 * SIGKILLs the proxy process mid-load. Returns the request ids whose answers the client received.
 */
export async function callUntilKilled(options: {
  url: string;
  token: string;
  sessionId: string;
  kill: () => void;
  killAfter: number;
  concurrency: number;
}): Promise<string[]> {
  const answered: string[] = [];
  let isKilled = false;
  const worker = async () => {
    while (!isKilled) {
      const id = randomUUID();
      try {
        const response = await fetch(options.url, {
          method: "POST",
          headers: {
            authorization: `Bearer ${options.token}`,
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            "mcp-session-id": options.sessionId,
            "mcp-protocol-version": "2025-11-25",
          },
          body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "focus_export_session", arguments: {} } }),
        });
        const text = await response.text();
        if (text.includes(`"id":"${id}"`) && text.includes("exported as")) answered.push(id);
      } catch {
        // The connection died with the process: this call was never acknowledged.
      }
      if (answered.length >= options.killAfter && !isKilled) {
        isKilled = true;
        options.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return answered;
}
