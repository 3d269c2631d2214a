import { randomUUID } from "node:crypto";
import { isFlagSet, type ParsedArgs, requireOption, stringOption } from "../args";
import type { ApiClient } from "../http-client";
import { CliError, EXIT, type Output, printJson, printTable } from "../output";

type Grant = { id: string; label: string; prefix: string; policyName: string | null; expiresAt: string | null; revokedAt: string | null; token?: string };

export async function runGrantsCommand(subcommand: string | undefined, args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  const json = isFlagSet(args, "json");
  const serverId = requireOption(args, "server");
  if (subcommand === "mint") {
    const body = { label: requireOption(args, "label"), policyId: stringOption(args, "policy"), expiresAt: stringOption(args, "expires") };
    // A retried mint (after a timeout) must not create a second grant.
    const grant = await client.request<Grant>("POST", `/servers/${encodeURIComponent(serverId)}/grants`, { body, idempotencyKey: randomUUID() });
    if (json) return printJson(output, grant);
    output.out(
      `Minted grant ${grant.label} (${grant.id})${grant.policyName ? ` with policy ${grant.policyName}` : " without a policy: its calls are denied until one is attached"}.`,
    );
    output.out(`Token (shown once): ${grant.token}`);
    return;
  }
  if (subcommand === "list") {
    const page = await client.request<{ items: Grant[] }>("GET", `/servers/${encodeURIComponent(serverId)}/grants`, { query: { limit: "200" } });
    if (json) return printJson(output, page.items);
    return printTable(
      output,
      ["ID", "LABEL", "PREFIX", "POLICY", "EXPIRES", "REVOKED"],
      page.items.map((grant) => [grant.id, grant.label, grant.prefix, grant.policyName, grant.expiresAt, grant.revokedAt]),
    );
  }
  throw new CliError("Usage: toolgate grants mint --server ID --label LABEL [--policy ID] [--expires ISO_DATE] | grants list --server ID", EXIT.usage);
}
