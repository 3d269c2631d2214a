import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { isFlagSet, type ParsedArgs, requireOption, stringOption } from "../args";
import { diffJson, isSameJson } from "../diff";
import type { ApiClient } from "../http-client";
import { CliError, EXIT, type Output, printJson } from "../output";

type Policy = { id: string; name: string; version: number; document: unknown };

async function readPolicyFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.resolve(file), "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, EXIT.invalid);
  }
}

async function findPolicyByName(client: ApiClient, serverId: string, name: string): Promise<Policy | null> {
  const page = await client.request<{ items: Array<{ id: string }> }>("GET", `/servers/${encodeURIComponent(serverId)}/policies`, { query: { name } });
  const match = page.items[0];
  return match ? client.request<Policy>("GET", `/policies/${match.id}`) : null;
}

/** Creates the policy, or saves a new version when the file differs from the current one; prints the diff. */
async function applyPolicy(args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new CliError("Usage: toolgate policies apply FILE --server ID --name NAME", EXIT.usage);
  const serverId = requireOption(args, "server");
  const name = requireOption(args, "name");
  const document = await readPolicyFile(file);
  const validation = await client.request<{ valid: boolean; errors: Array<{ pointer: string; message: string }> }>("POST", "/policies/validate", {
    body: { document },
  });
  if (!validation.valid) {
    throw new CliError(
      `${file} is not a valid policy:\n${validation.errors.map((error) => `  ${error.pointer || "/"}: ${error.message}`).join("\n")}`,
      EXIT.invalid,
      validation,
    );
  }
  const current = await findPolicyByName(client, serverId, name);
  const diff = diffJson(current?.document, document);
  let result: Policy;
  let change: "created" | "updated" | "unchanged";
  if (!current) {
    result = await client.request<Policy>("POST", `/servers/${encodeURIComponent(serverId)}/policies`, { body: { name, document } });
    change = "created";
  } else if (isSameJson(current.document, document)) {
    result = current;
    change = "unchanged";
  } else {
    result = await client.request<Policy>("PUT", `/policies/${current.id}`, { body: { document } });
    change = "updated";
  }
  if (isFlagSet(args, "json")) return printJson(output, { change, policyId: result.id, name: result.name, version: result.version, diff });
  if (change !== "unchanged") for (const line of diff) output.out(line);
  const verb = { created: "Created", updated: "Saved", unchanged: "Unchanged:" }[change];
  output.out(`${verb} policy ${result.name} (${result.id}) version ${result.version}.`);
}

async function exportPolicy(args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  const policyId = stringOption(args, "policy");
  const policy = policyId
    ? await client.request<Policy>("GET", `/policies/${encodeURIComponent(policyId)}`)
    : await findPolicyByName(client, requireOption(args, "server"), requireOption(args, "name"));
  if (!policy) throw new CliError("No policy with this name on this server.", EXIT.notFound);
  const text = `${JSON.stringify(policy.document, null, 2)}\n`;
  const out = stringOption(args, "out");
  if (out) {
    await writeFile(path.resolve(out), text);
    output.err(`Wrote ${policy.name} version ${policy.version} to ${out}.`);
  } else output.out(text.trimEnd());
}

export async function runPoliciesCommand(subcommand: string | undefined, args: ParsedArgs, client: ApiClient, output: Output): Promise<void> {
  if (subcommand === "apply") return applyPolicy(args, client, output);
  if (subcommand === "export") return exportPolicy(args, client, output);
  throw new CliError(
    "Usage: toolgate policies apply FILE --server ID --name NAME | policies export (--policy ID | --server ID --name NAME) [--out FILE]",
    EXIT.usage,
  );
}
