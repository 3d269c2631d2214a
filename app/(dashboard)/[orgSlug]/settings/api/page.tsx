import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { requireOrgMember } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { OperationCard, type OperationView } from "./_components/operation-card";

export const metadata = { title: "API reference" };

type RawOperation = {
  tags: string[];
  summary: string;
  description: string;
  parameters?: OperationView["parameters"];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: unknown } } }>;
};

function toOperationViews(paths: Record<string, Record<string, unknown>>): Array<OperationView & { tag: string }> {
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, RawOperation>).map(([method, operation]) => ({
      tag: operation.tags[0] ?? "Other",
      method: method.toUpperCase(),
      path,
      summary: operation.summary,
      description: operation.description,
      parameters: operation.parameters ?? [],
      requestSchema: operation.requestBody?.content["application/json"].schema ?? null,
      responses: Object.entries(operation.responses).map(([status, response]) => ({
        status,
        description: response.description,
        schema: response.content?.["application/json"].schema ?? null,
      })),
    })),
  );
}

export default async function ApiReferencePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { org } = await requireOrgMember(orgSlug);
  const baseUrl = getEnv().TOOLGATE_PUBLIC_URL ?? "";
  const document = buildOpenApiDocument({ serverUrl: baseUrl || "http://localhost:3000" });
  const operations = toOperationViews(document.paths);
  const byTag = new Map<string, OperationView[]>();
  for (const operation of operations) {
    byTag.set(operation.tag, [...(byTag.get(operation.tag) ?? []), operation]);
  }
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="API reference"
        description={document.info.description}
        eyebrow={<Link href={`/${org.slug}/settings`}>← Settings</Link>}
        actions={
          <a className="text-sm text-indigo-700 hover:underline" href="/api/v1/openapi.json">
            openapi.json
          </a>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>Quick start</CardTitle>
        </CardHeader>
        <CardBody className="flex flex-col gap-3 text-sm text-zinc-600">
          <p>
            Create a key under <Link href={`/${org.slug}/settings/api-keys`}>API keys</Link>, then call the API or use the command line:
          </p>
          <CodeBlock
            language="shell"
            code={[
              `export TOOLGATE_URL=${baseUrl || "https://toolgate.example.com"}`,
              "export TOOLGATE_API_KEY=tgk_…",
              'curl -H "Authorization: Bearer $TOOLGATE_API_KEY" $TOOLGATE_URL/api/v1/servers',
              "npx toolgate servers list",
              "npx toolgate policies apply policy.json --server SERVER_ID --name default",
            ].join("\n")}
          />
        </CardBody>
      </Card>
      {[...byTag.entries()].map(([tag, list]) => (
        <section key={tag} className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold text-zinc-900">{tag}</h2>
          {list.map((operation) => (
            <OperationCard key={`${operation.method} ${operation.path}`} operation={operation} />
          ))}
        </section>
      ))}
    </div>
  );
}
