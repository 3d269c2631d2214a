/**
 * Parses and validates a policy document (SPEC §2, version "1") into a compiled Policy. Every
 * error is collected with its JSON pointer, so the editor can mark all of them at once, and an
 * invalid document never yields a Policy: callers cannot store or evaluate half a document.
 */
import { createDecision, DEFAULT_ALLOW_RULE, DEFAULT_DENY_RULE, freezeDecision } from "./decisions";
import type { CompiledLimit, CompiledTool, Limit, Policy, PolicyDocument, ToolRule } from "./types";
import { describeType, ErrorSink, expectArray, expectObject, joinPointer, type PolicyError } from "./validate-helpers";
import { ALL_TOOLS_OWNER, type CounterRegistry, validateLimit } from "./validate-limits";
import { validateTool } from "./validate-tool";

export type { PolicyError } from "./validate-helpers";
export type PolicyValidation = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

const ROOT_KEYS = ["version", "default", "hide", "validate_arguments", "all_tools", "tools"] as const;

/** Callers parse JSON themselves; this helper exists for text inputs (editor, file import). */
export function parsePolicyJson(text: string): PolicyValidation {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ pointer: "", message: `is not valid JSON: ${(error as Error).message}`, expected: "a JSON object" }] };
  }
  return validatePolicy(input);
}

export function validatePolicy(input: unknown): PolicyValidation {
  const sink = new ErrorSink();
  const root = expectObject(input, "", ROOT_KEYS, sink);
  if (!root) return { ok: false, errors: sink.errors };
  if (root.version !== "1") sink.add("/version", 'must be "1"', root.version, '"1"');
  if (root.default !== "allow" && root.default !== "deny") {
    sink.add("/default", root.default === undefined ? 'is required: "allow" or "deny"' : 'must be "allow" or "deny"', root.default, "allow | deny");
  }
  if (root.validate_arguments !== undefined && typeof root.validate_arguments !== "boolean") {
    sink.add("/validate_arguments", `must be true or false, found ${describeType(root.validate_arguments)}`, root.validate_arguments, "boolean");
  }
  const hide = readHide(root.hide, sink);
  const registry: CounterRegistry = new Map();
  const allTools = readAllTools(root.all_tools, registry, sink);
  const tools = readTools(root.tools, registry, sink);
  if (sink.errors.length > 0) return { ok: false, errors: sink.errors };

  const document: PolicyDocument = {
    version: "1",
    default: root.default as "allow" | "deny",
    validate_arguments: root.validate_arguments !== false,
    tools: tools.docs,
  };
  if (hide) document.hide = hide;
  if (allTools.docs) document.all_tools = { limits: allTools.docs };
  return { ok: true, policy: compilePolicy(document, tools.compiled, allTools.compiled) };
}

function compilePolicy(document: PolicyDocument, tools: Map<string, CompiledTool>, allToolsLimits: CompiledLimit[]): Policy {
  const isDefaultAllow = document.default === "allow";
  let unlistedDecision = null;
  if (!isDefaultAllow)
    unlistedDecision = freezeDecision(createDecision("deny", "default_deny", DEFAULT_DENY_RULE, "This tool is not allowed by this policy (default deny)."));
  else if (allToolsLimits.length === 0) unlistedDecision = freezeDecision(createDecision("allow", "allowed", DEFAULT_ALLOW_RULE));
  const hidden = new Set(document.hide ?? []);
  return {
    document,
    isDefaultAllow,
    validateArguments: document.validate_arguments,
    hidesAll: hidden.has("*"),
    hidden,
    tools,
    allToolsLimits,
    unlistedDecision,
  };
}

function readHide(value: unknown, sink: ErrorSink): string[] | null {
  if (value === undefined) return null;
  if (value === "*") return ["*"];
  const names = expectArray(value, "/hide", sink);
  if (!names) return null;
  names.forEach((name, index) => {
    if (typeof name !== "string" || name.length === 0) {
      sink.add(joinPointer("/hide", index), 'must be a tool name or "*"', name, "non-empty string");
    }
  });
  return names as string[];
}

function readAllTools(value: unknown, registry: CounterRegistry, sink: ErrorSink) {
  const result: { docs: Limit[] | null; compiled: CompiledLimit[] } = { docs: null, compiled: [] };
  if (value === undefined) return result;
  const object = expectObject(value, "/all_tools", ["limits"], sink);
  if (!object) return result;
  result.docs = [];
  const limits = object.limits === undefined ? [] : (expectArray(object.limits, "/all_tools/limits", sink) ?? []);
  limits.forEach((limit, index) => {
    const checked = validateLimit(limit, `/all_tools/limits/${index}`, ALL_TOOLS_OWNER, registry, sink);
    if (!checked) return;
    result.docs?.push(checked.doc);
    result.compiled.push(checked.compiled);
  });
  return result;
}

function readTools(value: unknown, registry: CounterRegistry, sink: ErrorSink) {
  const result = { docs: {} as Record<string, ToolRule>, compiled: new Map<string, CompiledTool>() };
  if (value === undefined) return result;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    sink.add("/tools", `must be an object mapping tool names to rules, found ${describeType(value)}`, value, "object");
    return result;
  }
  for (const [name, rule] of Object.entries(value)) {
    const pointer = joinPointer("/tools", name);
    if (name.length === 0 || name === "*") {
      sink.add(pointer, 'must be a tool name (use "default" and "all_tools" for every tool)', name, "tool name");
      continue;
    }
    const checked = validateTool(name, rule, pointer, registry, sink);
    if (!checked) continue;
    // defineProperty, because plain assignment of a tool named "__proto__" would set the prototype.
    Object.defineProperty(result.docs, name, { value: checked.doc, enumerable: true, writable: true, configurable: true });
    result.compiled.set(name, checked.compiled);
  }
  return result;
}
