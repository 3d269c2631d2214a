/**
 * `toolgate`: bootstrap commands that work on the database directly (`admin …`) and client
 * commands that use /api/v1 with TOOLGATE_URL and TOOLGATE_API_KEY. Returns the exit code.
 */
import { type OptionSpec, parseArgs } from "./args";
import { runAdminCommand } from "./commands/admin";
import { runApprovalsCommand } from "./commands/approvals";
import { CALL_FILTERS, runCallsCommand } from "./commands/calls";
import { runGrantsCommand } from "./commands/grants";
import { runPoliciesCommand } from "./commands/policies";
import { runServersCommand } from "./commands/servers";
import { createApiClient } from "./http-client";
import { CliError, EXIT, type Output, printJson, processOutput } from "./output";

export const HELP = `toolgate: manage Toolgate from scripts and CI.

Bootstrap (opens the database directly; stop the app first when it uses the embedded database):
  toolgate admin create-org --name NAME --email EMAIL --password PASSWORD [--slug SLUG]
      Creates an admin user, an organisation and an admin API key; prints JSON.
  toolgate admin maintenance
      Runs the maintenance job once: call-log retention, idle MCP sessions, expired keys,
      counters and invitations. The app runs it on a timer (TOOLGATE_MAINTENANCE_INTERVAL_MINUTES).

Client (needs TOOLGATE_URL and TOOLGATE_API_KEY):
  toolgate servers list
  toolgate servers add --name NAME --url URL [--header "Name: value"]…
  toolgate grants mint --server ID --label LABEL [--policy ID] [--expires ISO_DATE]
  toolgate grants list --server ID
  toolgate policies apply FILE --server ID --name NAME     create or version a policy; prints the diff
  toolgate policies export (--policy ID | --server ID --name NAME) [--out FILE]
  toolgate approvals list [--status pending|approved|denied|expired|consumed] [--limit N]
  toolgate approvals approve ID [--note TEXT]      let the agent's identical retry run once
  toolgate approvals deny ID [--note TEXT]
  toolgate calls tail [--server ID] [--grant ID] [--tool NAME] [--decision D] [--code C]
                      [--from ISO] [--to ISO] [--limit N] [--follow] [--interval SECONDS]
  toolgate calls verify                            recompute the call log's tamper-evidence chain; exit 1 if broken

Every command accepts --json for machine-readable output, and --field PATH to print one value
of that output as plain text (e.g. --field id, --field apiKey) for shell scripts.
Exit codes: 0 ok, 1 failure, 2 usage, 3 authentication or role, 4 not found, 5 invalid input.`;

const SPECS: Record<string, OptionSpec> = {
  admin: { strings: ["name", "email", "password", "slug"] },
  servers: { strings: ["name", "url"], repeatable: ["header"] },
  grants: { strings: ["server", "label", "policy", "expires"] },
  policies: { strings: ["server", "name", "policy", "out"] },
  calls: { strings: [...CALL_FILTERS, "limit", "interval"], booleans: ["follow"] },
  approvals: { strings: ["status", "limit", "note"] },
};

export type MainOptions = { output?: Output; signal?: AbortSignal; clientConfig?: { url?: string; apiKey?: string } };

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const field = extractFieldOption(argv);
  if (!field) return runCommand(argv, options);
  // `--field PATH` prints one value of the JSON result as plain text, so a shell script can capture
  // an id with $(…) and needs nothing but toolgate and curl.
  if (field.path === "") {
    (options.output ?? processOutput).err("toolgate: --field needs a dot path, e.g. --field id.");
    return EXIT.usage;
  }
  const output = options.output ?? processOutput;
  let captured = "";
  const code = await runCommand([...field.rest, "--json"], { ...options, output: { out: (text) => (captured += text), err: output.err } });
  if (code !== EXIT.ok) return code;
  const value = field.path
    .split(".")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), JSON.parse(captured));
  if (value === undefined) {
    output.err(`toolgate: the result has no field "${field.path}".`);
    return EXIT.usage;
  }
  output.out(typeof value === "string" ? value : JSON.stringify(value));
  return EXIT.ok;
}

function extractFieldOption(argv: string[]): { path: string; rest: string[] } | null {
  const index = argv.findIndex((arg) => arg === "--field" || arg.startsWith("--field="));
  if (index === -1) return null;
  const arg = argv[index] as string;
  const path = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (argv[index + 1] ?? "");
  const rest = argv.filter((_, position) => position !== index && (arg.includes("=") || position !== index + 1));
  return { path, rest };
}

async function runCommand(argv: string[], { output = processOutput, signal, clientConfig }: MainOptions): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    output.out(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  const spec = SPECS[command];
  let isJson = argv.includes("--json");
  try {
    if (!spec) throw new CliError(`Unknown command "${command}". Run toolgate --help.`, EXIT.usage);
    const args = parseArgs(rest, spec);
    isJson = args.options.json === true;
    if (args.options.help === true || subcommand === "--help") {
      output.out(HELP);
      return EXIT.ok;
    }
    if (command === "admin") await runAdminCommand(subcommand, args, output);
    else {
      const client = createApiClient(clientConfig);
      if (command === "servers") await runServersCommand(subcommand, args, client, output);
      else if (command === "grants") await runGrantsCommand(subcommand, args, client, output);
      else if (command === "policies") await runPoliciesCommand(subcommand, args, client, output);
      else if (command === "approvals") await runApprovalsCommand(subcommand, args, client, output);
      else await runCallsCommand(subcommand, args, client, output, signal);
    }
    return EXIT.ok;
  } catch (error) {
    const cliError = error instanceof CliError ? error : new CliError(`Unexpected error: ${(error as Error).message ?? String(error)}`, EXIT.failure);
    if (isJson)
      printJson({ out: output.err, err: output.err }, { error: { message: cliError.message, exitCode: cliError.exitCode, details: cliError.details } });
    else output.err(`toolgate: ${cliError.message}`);
    return cliError.exitCode;
  }
}
