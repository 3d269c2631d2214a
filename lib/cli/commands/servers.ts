import { isFlagSet, listOption, type ParsedArgs, requireOption } from "../args";
import type { ApiClient } from "../http-client";
import { CliError, EXIT, type Output, printJson, printTable } from "../output";

type Server = { id: string; name: string; url: string; proxyUrl: string; credentialHeaderNames: string[] };

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new CliError(`--header "${line}": write "Name: value".`, EXIT.usage);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export async function runServersCommand(subcommand: string | undefined, args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  const json = isFlagSet(args, "json");
  if (subcommand === "list") {
    const servers: Server[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.request<{ items: Server[]; nextCursor: string | null }>("GET", "/servers", { query: { cursor, limit: "200" } });
      servers.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (json) return printJson(output, servers);
    return printTable(
      output,
      ["ID", "NAME", "URL", "PROXY URL"],
      servers.map((server) => [server.id, server.name, server.url, server.proxyUrl]),
    );
  }
  if (subcommand === "add") {
    const headers = parseHeaders(listOption(args, "header"));
    const body = { name: requireOption(args, "name"), url: requireOption(args, "url"), ...(Object.keys(headers).length > 0 ? { headers } : {}) };
    const server = await client.request<Server>("POST", "/servers", { body });
    if (json) return printJson(output, server);
    output.out(`Added server ${server.name} (${server.id}).`);
    output.out(`Agents connect to ${server.proxyUrl} with a grant token.`);
    return;
  }
  throw new CliError('Usage: toolgate servers list | servers add --name NAME --url URL [--header "Name: value"]…', EXIT.usage);
}
