/**
 * The two-way relay: server-to-client requests (sampling, elicitation) travel down the POST's
 * event stream and the client's answers travel up as POSTs; progress and log notifications arrive
 * while the call runs. The upstream is an in-process SDK server; the client is the SDK's Client.
 */
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkUpstream, startSdkUpstream } from "../../helpers/mcp-upstream";
import { connectClient, createGrantWithPolicy, createTenant, listCallRows, type RunningProxy, startProxy, type Tenant, textOf } from "./fixtures";

let upstream: SdkUpstream;
let running: RunningProxy;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  [upstream, running] = await Promise.all([startSdkUpstream(), startProxy()]);
  tenant = await createTenant(upstream.url, { headers: { "X-Upstream-Key": "secret-upstream-key" } });
  ({ token } = await createGrantWithPolicy(tenant, { version: "1", default: "allow" }));
});

afterAll(async () => {
  await running?.close();
  await upstream?.close();
});

describe("two-way relay", () => {
  it("relays sampling requests and the client's answer", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
      role: "assistant",
      model: "test-model",
      content: { type: "text", text: `echo ${JSON.stringify(request.params.messages[0]?.content)}` },
    }));
    const result = await client.callTool({ name: "ask_model", arguments: { question: "why?" } });
    expect(textOf(result)).toContain("model said: echo");
    expect(textOf(result)).toContain("why?");
    await client.close();
  });

  it("relays elicitation", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "accept", content: { name: "Ada" } }));
    const result = await client.callTool({ name: "ask_user", arguments: {} });
    expect(textOf(result)).toBe('user said: {"name":"Ada"} (accept)');
    await client.close();
  });

  it("relays progress and logging notifications during a call", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const logs: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => {
      logs.push(notification.params.data);
    });
    await client.setLoggingLevel("info");
    const progress: number[] = [];
    const result = await client.callTool({ name: "work_with_progress", arguments: { steps: 3 } }, undefined, {
      onprogress: (update) => progress.push(update.progress),
    });
    expect(textOf(result)).toBe("done 3");
    expect(progress).toEqual([1, 2, 3]);
    expect(logs).toEqual(["step 1", "step 2", "step 3"]);
    await client.close();
  });

  it("relays the session's GET stream (notifications unrelated to a request)", async () => {
    const { client } = await connectClient(running.http.urlFor(tenant.serverId), token);
    const changed = new Promise<void>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, async () => resolve()));
    await client.listTools();
    const result = await client.callTool({ name: "announce", arguments: {} });
    expect(textOf(result)).toBe("announced");
    await changed;
    await client.close();
  });

  it("injects upstream credentials and never forwards the grant token", async () => {
    const forwarded = upstream.requestHeaders.filter((headers) => headers["x-upstream-key"] !== undefined);
    expect(forwarded.length).toBeGreaterThan(0);
    expect(upstream.requestHeaders.every((headers) => headers["x-upstream-key"] === "secret-upstream-key")).toBe(true);
    expect(upstream.requestHeaders.some((headers) => headers.authorization !== undefined || headers.cookie !== undefined)).toBe(false);
  });

  it("logs the client's answers to server requests by method", async () => {
    const rows = await listCallRows(tenant.orgId);
    const methods = new Set(rows.map((row) => row.method));
    expect(methods).toContain("(response)");
    expect(methods).toContain("logging/setLevel");
  });
});
