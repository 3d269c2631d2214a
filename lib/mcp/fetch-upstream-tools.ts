import "server-only";
/**
 * Lists the tools of an upstream MCP server, as the dashboard sees them before and after saving a
 * server. It speaks Streamable HTTP through the SDK client, follows `nextCursor` to the last page
 * and gives up after a fixed deadline: a form submit must not hang on a server that never answers.
 * Errors are AppErrors whose message can be shown next to the URL field as is.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { UpstreamTool } from "@/lib/db/tools";
import { AppError } from "@/lib/errors";

export type { UpstreamTool };

const DEFAULT_TIMEOUT_MS = 10_000;
/** A malicious upstream could paginate forever; no real server has this many pages of tools. */
const MAX_PAGES = 50;

export async function fetchUpstreamTools({
  url,
  headers = {},
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}): Promise<UpstreamTool[]> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const client = new Client({ name: "toolgate-catalogue", version: "1.0.0" }, { capabilities: {} });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers, redirect: "error" } });
  const options = { signal: deadline, timeout: timeoutMs };
  try {
    await client.connect(transport, options);
    const tools: UpstreamTool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await client.listTools(cursor ? { cursor } : {}, options);
      for (const tool of result.tools) tools.push(toUpstreamTool(tool));
      cursor = result.nextCursor;
      if (!cursor) return tools;
    }
    throw new AppError("bad_request", `The MCP server at ${url} returned more than ${MAX_PAGES} pages of tools.`);
  } catch (error) {
    throw toReadableError(error, url, deadline.aborted, timeoutMs);
  } finally {
    await client.close().catch(() => undefined);
  }
}

function toUpstreamTool(tool: { name: string; title?: string; description?: string; inputSchema?: object; annotations?: object }): UpstreamTool {
  const out: UpstreamTool = { name: tool.name };
  if (tool.title) out.title = tool.title;
  if (tool.description) out.description = tool.description;
  if (tool.inputSchema) out.inputSchema = tool.inputSchema;
  if (tool.annotations) out.annotations = tool.annotations as UpstreamTool["annotations"];
  return out;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate cannot be verified",
};

function findCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function findHttpStatus(error: unknown): number | undefined {
  // The SDK's StreamableHTTPError carries the HTTP status as a numeric `code`.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "number" && code >= 400 && code < 600) return code;
  const match = /\b(40[0-9]|5[0-9]{2})\b/.exec(error instanceof Error ? error.message : "");
  return match ? Number(match[1]) : undefined;
}

function toReadableError(error: unknown, url: string, isTimedOut: boolean, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (isTimedOut) return new AppError("unavailable", `Could not reach the MCP server at ${url}: no answer within ${timeoutMs / 1000} s.`);
  const code = findCode(error);
  const reason = code ? NETWORK_REASONS[code] : undefined;
  if (reason) return new AppError("unavailable", `Could not reach the MCP server at ${url}: ${reason}.`);
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (error instanceof TypeError && error.message === "fetch failed") {
    return new AppError("unavailable", `Could not reach the MCP server at ${url}: ${cause instanceof Error ? cause.message : "network error"}.`);
  }
  const status = findHttpStatus(error);
  if (status === 401 || status === 403)
    return new AppError("bad_request", `The MCP server at ${url} refused the credentials (HTTP ${status}). Check the headers.`);
  if (status === 404) return new AppError("bad_request", `Nothing answers at ${url} (HTTP 404). Check the endpoint path, often /mcp.`);
  if (status && status >= 500) return new AppError("unavailable", `The MCP server at ${url} failed (HTTP ${status}).`);
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("bad_request", `The server at ${url} did not answer as an MCP server: ${message.slice(0, 300)}`);
}
