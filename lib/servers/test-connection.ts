import "server-only";
/**
 * The "add server" form's connection test: the address rule, then a real tools/list. Failures come
 * back as data, not exceptions, so the form can show the reason next to the URL field.
 */
import { AppError } from "@/lib/errors";
import { fetchUpstreamTools, type UpstreamTool } from "@/lib/mcp/fetch-upstream-tools";
import { assertPublicUpstream } from "@/lib/net/ssrf";

export type ConnectionTestResult = { ok: true; tools: UpstreamTool[] } | { ok: false; message: string };

export async function testConnection({ url, headers }: { url: string; headers?: Record<string, string> }): Promise<ConnectionTestResult> {
  try {
    await assertPublicUpstream(url);
    return { ok: true, tools: await fetchUpstreamTools({ url, headers }) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}
