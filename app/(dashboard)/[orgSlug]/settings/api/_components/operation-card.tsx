import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export type OperationView = {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: unknown }>;
  requestSchema: unknown;
  responses: Array<{ status: string; description: string; schema: unknown }>;
};

const METHOD_TONES: Record<string, BadgeTone> = { GET: "blue", POST: "green", PUT: "amber", PATCH: "amber", DELETE: "red" };

function schemaText(schema: unknown): string {
  return JSON.stringify(schema, null, 2);
}

export function OperationCard({ operation }: { operation: OperationView }) {
  const success = operation.responses.find((response) => response.status.startsWith("2"));
  const errors = operation.responses.filter((response) => !response.status.startsWith("2"));
  return (
    <Card id={`${operation.method}-${operation.path}`} data-testid={`operation-${operation.method}-${operation.path}`}>
      <CardBody className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <Badge tone={METHOD_TONES[operation.method] ?? "neutral"}>{operation.method}</Badge>
          <code className="text-sm font-semibold">/api/v1{operation.path}</code>
          <span className="text-sm text-zinc-600">{operation.summary}</span>
        </div>
        <p className="text-sm whitespace-pre-line text-zinc-600">{operation.description}</p>
        {operation.parameters.length > 0 ? (
          <Table caption={`Parameters of ${operation.method} ${operation.path}`}>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>In</TH>
                <TH>Type</TH>
                <TH>Description</TH>
              </TR>
            </THead>
            <TBody>
              {operation.parameters.map((parameter) => (
                <TR key={`${parameter.in}-${parameter.name}`}>
                  <TD>
                    <code>{parameter.name}</code>
                    {parameter.required ? <span className="text-red-600"> *</span> : null}
                  </TD>
                  <TD>{parameter.in}</TD>
                  <TD>
                    <code className="text-xs">{schemaText(parameter.schema)}</code>
                  </TD>
                  <TD>{parameter.description ?? ""}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        ) : null}
        {operation.requestSchema ? <CodeBlock title="Request body (JSON Schema)" language="json" code={schemaText(operation.requestSchema)} /> : null}
        {success ? (
          <CodeBlock
            title={`Response ${success.status}${success.schema ? "" : " (no content)"}`}
            language="json"
            code={success.schema ? schemaText(success.schema) : "—"}
          />
        ) : null}
        <p className="text-xs text-zinc-500">Errors: {errors.map((error) => `${error.status} ${error.description}`).join(" · ")}</p>
      </CardBody>
    </Card>
  );
}
