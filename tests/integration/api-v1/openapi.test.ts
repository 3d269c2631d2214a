import { readdirSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import type { Endpoint } from "@/lib/api/endpoint";

const root = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route module under app/api/v1, as [OpenAPI path, file]. */
function findRouteFiles(dir = path.join(root, "app/api/v1")): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findRouteFiles(full));
    else if (entry.name === "route.ts") {
      const relative = path.relative(path.join(root, "app/api/v1"), path.dirname(full)).split(path.sep).join("/");
      found.push([`/${relative}`.replace(/\[(\w+)\]/g, "{$1}"), full]);
    }
  }
  return found;
}

// biome-ignore lint/suspicious/noExplicitAny: the document is checked structurally below.
async function loadDocument(): Promise<any> {
  const response = GET(new Request("http://toolgate.test/api/v1/openapi.json"));
  expect(response.status).toBe(200);
  return response.json();
}

function collectSchemas(value: unknown, out: object[] = []): object[] {
  if (Array.isArray(value)) for (const item of value) collectSchemas(item, out);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "schema" && inner && typeof inner === "object") out.push(inner);
      else collectSchemas(inner, out);
    }
  }
  return out;
}

describe("/api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document whose schemas all compile and whose references all resolve", async () => {
    const document = await loadDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0].url).toBe("http://toolgate.test/api/v1");
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: "toolgate", components: document.components }, "toolgate");
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(() => ajv.compile({ $ref: `toolgate#/components/schemas/${name}` }), name).not.toThrow();
      expect(schema).toBeTypeOf("object");
    }
    const schemas = collectSchemas(document.paths);
    expect(schemas.length).toBeGreaterThan(40);
    for (const schema of schemas) {
      const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"toolgate#/components/'));
      expect(() => ajv.compile(rewritten)).not.toThrow();
    }
    const operationIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const [template, item] of Object.entries(document.paths)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(item as Record<string, { parameters?: Array<{ in: string; name: string }>; responses: object }>)) {
        expect(operation.parameters?.filter((p) => p.in === "path").map((p) => p.name) ?? []).toEqual(names);
        expect(Object.keys(operation.responses)).toContain("401");
      }
    }
  });

  it("describes every route and method under /api/v1, and nothing else", async () => {
    const document = await loadDocument();
    const described = new Set(
      Object.entries(document.paths).flatMap(([template, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${template}`)),
    );
    const served = new Set<string>();
    for (const [template, file] of findRouteFiles()) {
      if (template === "/openapi.json") continue;
      const module = (await import(file)) as Record<string, { endpoint?: Endpoint }>;
      for (const method of METHODS) {
        const handler = module[method];
        if (!handler) continue;
        served.add(`${method} ${template}`);
        expect(handler.endpoint, `${method} ${template} must be built by withApiKey`).toMatchObject({ method, path: template });
      }
    }
    expect([...served].sort()).toEqual([...described].sort());
  });

  it("validates real responses against the documented schemas", async () => {
    const document = await loadDocument();
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema({ $id: "toolgate", components: document.components }, "toolgate");
    const validateError = ajv.compile({ $ref: "toolgate#/components/schemas/Error" });
    const { POST } = await import("@/app/api/v1/servers/route");
    const response = await POST(new Request("http://toolgate.test/api/v1/servers", { method: "POST" }), { params: Promise.resolve({}) });
    const body = await response.json();
    expect(response.status).toBe(401);
    expect(validateError(body), JSON.stringify(validateError.errors)).toBe(true);
  });
});
