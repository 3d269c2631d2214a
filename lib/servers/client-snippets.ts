/**
 * Ready-to-paste client configurations for a proxy URL. The token is a placeholder: the real one
 * is shown once at mint time and never stored in a form we could print here.
 */
export const TOKEN_PLACEHOLDER = "tg_YOUR_GRANT_TOKEN";

export type ClientSnippet = { id: string; title: string; file: string; language: string; code: string };

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "toolgate"
  );
}

export function buildClientSnippets({ proxyUrl, serverName }: { proxyUrl: string; serverName: string }): ClientSnippet[] {
  const key = slug(serverName);
  const bearer = `Bearer ${TOKEN_PLACEHOLDER}`;
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return [
    {
      id: "claude-desktop",
      title: "Claude Desktop",
      file: "claude_desktop_config.json",
      language: "json",
      // Claude Desktop launches stdio servers; mcp-remote bridges them to a remote HTTP endpoint.
      code: json({ mcpServers: { [key]: { command: "npx", args: ["-y", "mcp-remote", proxyUrl, "--header", `Authorization:${bearer}`] } } }),
    },
    {
      id: "cursor",
      title: "Cursor",
      file: ".cursor/mcp.json",
      language: "json",
      code: json({ mcpServers: { [key]: { url: proxyUrl, headers: { Authorization: bearer } } } }),
    },
    {
      id: "vscode",
      title: "VS Code",
      file: ".vscode/mcp.json",
      language: "json",
      code: json({ servers: { [key]: { type: "http", url: proxyUrl, headers: { Authorization: bearer } } } }),
    },
    {
      id: "typescript",
      title: "TypeScript SDK",
      file: "agent.ts",
      language: "ts",
      code: [
        'import { Client } from "@modelcontextprotocol/sdk/client/index.js";',
        'import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";',
        "",
        `const transport = new StreamableHTTPClientTransport(new URL(${JSON.stringify(proxyUrl)}), {`,
        `  requestInit: { headers: { Authorization: ${JSON.stringify(bearer)} } },`,
        "});",
        'const client = new Client({ name: "my-agent", version: "1.0.0" });',
        "await client.connect(transport);",
        "const { tools } = await client.listTools();",
      ].join("\n"),
    },
  ];
}
