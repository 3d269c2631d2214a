// Liveness: the process answers. It does not touch the database (that is readiness).
export function GET() {
  return Response.json({ status: "ok" });
}
