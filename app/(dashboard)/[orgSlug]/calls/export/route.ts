/**
 * Streams the filtered call log as CSV or NDJSON. Session-only, deliberately: API clients use
 * /api/v1/calls. Non-members and unknown organisations both get a plain 404, as the pages do, so
 * organisation slugs cannot be probed; the route answers rather than redirecting because it is a
 * download, not a page.
 */
import { getCurrentUser } from "@/lib/auth/session";
import { toCsvHeader, toCsvRow, toNdjsonRow } from "@/lib/calls-export";
import { streamCalls } from "@/lib/db/calls";
import { findMembershipBySlug } from "@/lib/db/orgs";
import { callExportFormatSchema, callFiltersSchema, searchParamsToObject } from "@/lib/validation/calls";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ orgSlug: string }> }): Promise<Response> {
  const { orgSlug } = await params;
  const user = await getCurrentUser();
  const org = user ? await findMembershipBySlug({ userId: user.id, orgSlug }) : null;
  if (!org) return new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const query = searchParamsToObject(new URL(request.url).searchParams);
  const format = callExportFormatSchema.safeParse(query.format);
  const filters = callFiltersSchema.safeParse(query);
  if (!format.success || !filters.success) {
    const issues = [...(format.error?.issues ?? []), ...(filters.error?.issues ?? [])].map((issue) => issue.message);
    return new Response(`${issues.join("\n")}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const isCsv = format.data === "csv";
  const rows = streamCalls({ orgId: org.id, filters: filters.data });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (isCsv) controller.enqueue(encoder.encode(toCsvHeader()));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(isCsv ? toCsvRow(next.value) : toNdjsonRow(next.value)));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, "");
  return new Response(body, {
    headers: {
      "content-type": isCsv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="toolgate-calls-${org.slug}-${stamp}.${isCsv ? "csv" : "ndjson"}"`,
      "cache-control": "no-store",
    },
  });
}
