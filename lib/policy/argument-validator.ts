/**
 * Validates tools/call arguments against the tool's inputSchema (SPEC §2 step 4). Compiling a
 * schema costs far more than running it, so validators are cached: first by schema object
 * identity (the catalogue hands us the same object on every call), then by the schema's canonical
 * JSON (a refreshed catalogue with an unchanged schema reuses the compiled code).
 * A schema that cannot be compiled fails closed: the call is denied, since we cannot tell what the
 * tool would accept. Draft choice follows `$schema` (2020-12, 2019-09), defaulting to draft-07,
 * which is what most MCP servers emit.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { canonicalJson } from "./canonical-json";

export type ArgumentCheck = { ok: true } | { ok: false; message: string };
type ArgumentValidator = (args: unknown) => ArgumentCheck;

const OK: ArgumentCheck = Object.freeze({ ok: true });
const MAX_CACHED_SCHEMAS = 5000;

// addUsedSchema: false keeps each instance free of `$id` registrations, so two servers publishing
// the same `$id` with different contents cannot collide. logger: false, because unknown formats
// and keywords in third-party schemas are expected and must not flood the logs.
const options = { strict: false, allErrors: false, addUsedSchema: false, validateSchema: false, logger: false as const };
let engines: { draft07: Ajv; draft2019: Ajv2019; draft2020: Ajv2020 } | null = null;

const byIdentity = new WeakMap<object, ArgumentValidator>();
const byContent = new Map<string, ArgumentValidator>();

export function validateArguments(schema: object, args: Record<string, unknown> | undefined): ArgumentCheck {
  return getArgumentValidator(schema)(args ?? {});
}

export function getArgumentValidator(schema: object): ArgumentValidator {
  const cached = byIdentity.get(schema);
  if (cached) return cached;
  const key = canonicalJson(schema);
  let validator = byContent.get(key);
  if (!validator) {
    validator = compileValidator(schema);
    if (byContent.size >= MAX_CACHED_SCHEMAS) {
      const oldest = byContent.keys().next().value;
      if (oldest !== undefined) byContent.delete(oldest);
    }
    byContent.set(key, validator);
  }
  byIdentity.set(schema, validator);
  return validator;
}

function compileValidator(schema: object): ArgumentValidator {
  let validate: ValidateFunction;
  try {
    validate = pickEngine(schema).compile(schema);
  } catch (error) {
    const message = `The tool's input schema could not be compiled (${(error as Error).message}), so its arguments cannot be checked.`;
    return () => ({ ok: false, message });
  }
  return (args) => (validate(args) ? OK : { ok: false, message: describeError(validate.errors?.[0]) });
}

function pickEngine(schema: object): Ajv | Ajv2019 | Ajv2020 {
  if (!engines) {
    engines = { draft07: new Ajv(options), draft2019: new Ajv2019(options), draft2020: new Ajv2020(options) };
    for (const engine of Object.values(engines)) addFormats(engine);
  }
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (typeof dialect === "string" && dialect.includes("2020-12")) return engines.draft2020;
  if (typeof dialect === "string" && dialect.includes("2019-09")) return engines.draft2019;
  return engines.draft07;
}

/** Names the failing field as a JSON pointer into the arguments, e.g. "/amount must be number". */
function describeError(error: ErrorObject | undefined): string {
  if (!error) return "The arguments do not match the tool's input schema.";
  const at = error.instancePath;
  if (error.keyword === "required") return `${at}/${String(error.params.missingProperty)} is required`;
  if (error.keyword === "additionalProperties") return `${at}/${String(error.params.additionalProperty)} is not an allowed property`;
  if (error.keyword === "enum") return `${at || "(arguments)"} must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return `${at || "(arguments)"} ${error.message ?? "is invalid"}`;
}
