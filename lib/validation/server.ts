import { z } from "zod";

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;
/** Headers the proxy manages itself; an upstream credential may not override them. */
const FORBIDDEN_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding", "mcp-session-id", "mcp-protocol-version", "cookie"]);

export const upstreamHeadersSchema = z
  .record(z.string(), z.string().max(8192, { error: "Header values are limited to 8192 characters." }))
  .superRefine((headers, context) => {
    for (const name of Object.keys(headers)) {
      if (!HEADER_NAME.test(name)) context.addIssue({ code: "custom", message: `"${name}" is not a valid header name.`, path: [name] });
      else if (FORBIDDEN_HEADERS.has(name.toLowerCase()))
        context.addIssue({ code: "custom", message: `"${name}" is managed by the proxy and cannot be set.`, path: [name] });
    }
  });

export const serverUrlSchema = z
  .string({ error: "Enter the upstream URL." })
  .trim()
  .max(2048, { error: "URL is too long." })
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL of the MCP endpoint." }));

export const serverNameSchema = z.string().trim().min(1, { error: "Give the server a name." }).max(80, { error: "Use at most 80 characters." });

export const createServerSchema = z.object({ name: serverNameSchema, url: serverUrlSchema, headers: upstreamHeadersSchema.optional() });
export type CreateServerInput = z.infer<typeof createServerSchema>;

export const updateServerSchema = z.object({ name: serverNameSchema.optional(), url: serverUrlSchema.optional() });
export type UpdateServerInput = z.infer<typeof updateServerSchema>;

/** Dashboard form: one `Name: value` header per line. */
export function parseHeaderLines(text: string): { headers: Record<string, string>; errors: string[] } {
  const headers: Record<string, string> = {};
  const errors: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) {
      errors.push(`Line ${index + 1}: write "Name: value".`);
      continue;
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { headers, errors };
}
