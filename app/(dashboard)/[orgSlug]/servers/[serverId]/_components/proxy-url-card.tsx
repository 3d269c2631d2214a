import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { buildClientSnippets, TOKEN_PLACEHOLDER } from "@/lib/servers/client-snippets";

export function ProxyUrlCard({ proxyUrl, serverName }: { proxyUrl: string; serverName: string }) {
  const snippets = buildClientSnippets({ proxyUrl, serverName });
  return (
    <Card>
      <CardHeader description={`Agents connect here with a grant token. Replace ${TOKEN_PLACEHOLDER} with the token shown when you mint a grant.`}>
        <CardTitle>Proxy URL</CardTitle>
      </CardHeader>
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <code className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-sm break-all" data-testid="proxy-url">
            {proxyUrl}
          </code>
          <CopyButton value={proxyUrl} what="proxy URL" />
        </div>
        <div className="space-y-2">
          {snippets.map((snippet) => (
            <details key={snippet.id} className="group rounded-md border border-zinc-200">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-zinc-800">{snippet.title}</summary>
              <div className="p-3 pt-0">
                <CodeBlock code={snippet.code} title={snippet.file} language={snippet.language} />
              </div>
            </details>
          ))}
        </div>
      </CardBody>
    </Card>
  );
}
