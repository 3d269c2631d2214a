/**
 * Captures the real `tools/list` of the reference MCP servers into tests/fixtures/tools/*.json,
 * so the risk classifier is tested against what servers actually publish rather than against
 * hand-written guesses. Run with `node --import tsx scripts/capture-tool-fixtures.ts`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.join(root, "tests/fixtures/tools");
const serverScript = (pkg: string) => path.join(root, "node_modules/@modelcontextprotocol", pkg, "dist/index.js");

type Target = { name: string; args: string[] };

async function captureTools(target: Target): Promise<unknown[]> {
  const transport = new StdioClientTransport({ command: process.execPath, args: target.args, stderr: "ignore" });
  // server-everything only registers its sampling, elicitation and roots tools when the client
  // declares those capabilities, so we declare them all to capture the complete list.
  const client = new Client(
    { name: "toolgate-fixture-capture", version: "0.0.0" },
    { capabilities: { sampling: {}, elicitation: {}, roots: { listChanged: true } } },
  );
  await client.connect(transport);
  try {
    const tools: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : {});
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const sandbox = await mkdtemp(path.join(tmpdir(), "toolgate-fs-"));
  const targets: Target[] = [
    { name: "everything", args: [serverScript("server-everything"), "stdio"] },
    { name: "memory", args: [serverScript("server-memory")] },
    { name: "filesystem", args: [serverScript("server-filesystem"), sandbox] },
  ];
  try {
    for (const target of targets) {
      const tools = await captureTools(target);
      const file = path.join(outDir, `${target.name}.json`);
      await writeFile(file, `${JSON.stringify({ server: target.name, tools }, null, 2)}\n`);
      console.log(`${target.name}: ${tools.length} tools → ${path.relative(root, file)}`);
    }
  } finally {
    await rm(sandbox, { recursive: true, force: true });
  }
}

await main();
