import { isFlagSet, type ParsedArgs, stringOption } from "../args";
import type { ApiClient } from "../http-client";
import { CliError, EXIT, type Output, printJson, printTable } from "../output";

type Approval = {
  id: string;
  serverName: string;
  grantLabel: string;
  tool: string;
  status: string;
  requestedAt: string;
  expiresAt: string;
  decidedByLabel: string | null;
  note: string | null;
};

const USAGE = "Usage: toolgate approvals list [--status S] [--limit N] | approvals approve ID [--note TEXT] | approvals deny ID [--note TEXT]";

export async function runApprovalsCommand(subcommand: string | undefined, args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  const json = isFlagSet(args, "json");
  if (subcommand === "list") {
    const query = { status: stringOption(args, "status") ?? "pending", limit: stringOption(args, "limit") ?? "100" };
    const page = await client.request<{ items: Approval[] }>("GET", "/approvals", { query });
    if (json) return printJson(output, page.items);
    return printTable(
      output,
      ["ID", "STATUS", "TOOL", "SERVER", "GRANT", "REQUESTED", "EXPIRES", "DECIDED BY"],
      page.items.map((item) => [item.id, item.status, item.tool, item.serverName, item.grantLabel, item.requestedAt, item.expiresAt, item.decidedByLabel]),
    );
  }
  if (subcommand === "approve" || subcommand === "deny") {
    const id = args.positionals[0];
    if (!id) throw new CliError(USAGE, EXIT.usage);
    const body = { note: stringOption(args, "note") };
    // A second decision answers 409 with the approval's current state, which the error message names.
    const approval = await client.request<Approval>("POST", `/approvals/${encodeURIComponent(id)}/${subcommand}`, { body });
    if (json) return printJson(output, approval);
    output.out(`${approval.status === "approved" ? "Approved" : "Denied"} ${approval.tool} on ${approval.serverName} (${approval.id}).`);
    return;
  }
  throw new CliError(USAGE, EXIT.usage);
}
