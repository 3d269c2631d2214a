/**
 * A small argument parser: positionals, `--name value`, `--name=value`, boolean flags and
 * repeatable options. Unknown options are errors, so a typo never silently does something else.
 */
import { CliError, EXIT } from "./output";

export type ParsedArgs = { positionals: string[]; options: Record<string, string | boolean | string[]> };

export type OptionSpec = { booleans?: string[]; strings?: string[]; repeatable?: string[] };

export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  const booleans = new Set(["json", "help", ...(spec.booleans ?? [])]);
  const strings = new Set(spec.strings ?? []);
  const repeatable = new Set(spec.repeatable ?? []);
  const positionals: string[] = [];
  const options: ParsedArgs["options"] = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (booleans.has(rawName)) {
      options[rawName] = inline === undefined ? true : inline !== "false";
      continue;
    }
    if (!strings.has(rawName) && !repeatable.has(rawName)) throw new CliError(`Unknown option --${rawName}.`, EXIT.usage);
    const value = inline ?? argv[++index];
    if (value === undefined) throw new CliError(`--${rawName} needs a value.`, EXIT.usage);
    if (repeatable.has(rawName)) options[rawName] = [...((options[rawName] as string[] | undefined) ?? []), value];
    else options[rawName] = value;
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === "string" ? value : undefined;
}

export function requireOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value === "") throw new CliError(`Missing --${name}.`, EXIT.usage);
  return value;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.options[name];
  return Array.isArray(value) ? value : [];
}

export function isFlagSet(args: ParsedArgs, name: string): boolean {
  return args.options[name] === true;
}
