import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

// Readiness: the database answers, so the proxy can decide calls (it fails closed otherwise).
export async function GET() {
  const ok = await checkDatabase();
  return Response.json({ status: ok ? "ready" : "unavailable", database: ok }, { status: ok ? 200 : 503 });
}
