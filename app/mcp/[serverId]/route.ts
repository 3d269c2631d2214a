// The MCP enforcement proxy (SPEC §3). This route only adapts; the pipeline lives in proxy/.
export { DELETE, GET, POST } from "@/proxy/handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
