import { buildOpenApiDocument } from "@/lib/api/openapi";
import { getEnv } from "@/lib/env";

// The API description is public, like any product's API reference: it holds no organisation data.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const serverUrl = getEnv().TOOLGATE_PUBLIC_URL ?? new URL(request.url).origin;
  return Response.json(buildOpenApiDocument({ serverUrl }), { headers: { "Cache-Control": "public, max-age=300" } });
}
