/**
 * The visual builder's per-tool form: a choice (Allow / Deny / Hide / Approval) plus rows for
 * limits and argument rules, read from and written back into a policy document. A tool is shown
 * as "custom" unless writing its form back reproduces its rule exactly (deep equality), so any
 * feature the forms do not cover (an explicit "allow", `rate_limit`, a hidden tool that also has a
 * rule, …) is never rewritten: custom tools are skipped when the document is rebuilt.
 */
import { isDeepEqual } from "@/lib/policy/deep-equal";
import type { Limit, PolicyDocument, ToolRule } from "@/lib/policy/types";
import { type LimitRow, limitToRow, rowToLimit } from "./limit-rows";
import { type RuleRow, rowToRule, ruleToRow } from "./rule-rows";

export type ToolChoice = "default" | "allow" | "deny" | "hide" | "approval" | "custom";

export type ToolForm = {
  choice: ToolChoice;
  /** Shown to the agent for deny and approval. */
  reason: string;
  /** Blank leaves `approval` out (the engine's default timeout applies). */
  approvalTimeout: string;
  limits: LimitRow[];
  require: RuleRow[];
  denyIf: RuleRow[];
};

/** A conversion problem, at the JSON pointer the value would have in the document. */
export type FormError = { pointer: string; message: string };

export const DEFAULT_APPROVAL_TIMEOUT = "30m";

export function emptyToolForm(choice: ToolChoice = "default"): ToolForm {
  return { choice, reason: "", approvalTimeout: DEFAULT_APPROVAL_TIMEOUT, limits: [], require: [], denyIf: [] };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function toolPointer(toolName: string): string {
  return `/tools/${escapePointer(toolName)}`;
}

/** The rule a form stands for, and any text that could not be converted. */
export function buildToolRule(toolName: string, form: ToolForm): { rule: Record<string, unknown>; errors: FormError[] } {
  const base = toolPointer(toolName);
  const errors: FormError[] = [];
  if (form.choice === "deny") return { rule: form.reason === "" ? { action: "deny" } : { action: "deny", reason: form.reason }, errors };
  const rule: Record<string, unknown> = {};
  if (form.choice === "approval") {
    rule.action = "require_approval";
    if (form.reason !== "") rule.reason = form.reason;
  }
  const rulesOf = (rows: RuleRow[], key: "require" | "deny_if") =>
    rows.map((row, index) => {
      const converted = rowToRule(row);
      for (const error of converted.errors)
        errors.push({ pointer: `${base}/${key}/${index}/conditions/${error.condition}/${error.key}`, message: error.message });
      return converted.rule;
    });
  if (form.require.length > 0) rule.require = rulesOf(form.require, "require");
  if (form.denyIf.length > 0) rule.deny_if = rulesOf(form.denyIf, "deny_if");
  if (form.limits.length > 0) rule.limits = form.limits.map(rowToLimit);
  if (form.choice === "approval" && form.approvalTimeout !== "") rule.approval = { timeout: form.approvalTimeout };
  return { rule, errors };
}

function ruleToForm(rule: ToolRule): ToolForm {
  const choice: ToolChoice = rule.action === "deny" ? "deny" : rule.action === "require_approval" ? "approval" : "allow";
  return {
    choice,
    reason: typeof rule.reason === "string" ? rule.reason : "",
    approvalTimeout: rule.approval?.timeout ?? (choice === "approval" ? "" : DEFAULT_APPROVAL_TIMEOUT),
    limits: Array.isArray(rule.limits) ? rule.limits.map((limit) => limitToRow(limit as Partial<Limit>)) : [],
    require: Array.isArray(rule.require) ? rule.require.map(ruleToRow) : [],
    denyIf: Array.isArray(rule.deny_if) ? rule.deny_if.map(ruleToRow) : [],
  };
}

function isHidden(document: PolicyDocument, toolName: string): boolean {
  const hide = document.hide as unknown;
  return Array.isArray(hide) && hide.includes(toolName);
}

export function readToolForm(document: PolicyDocument, toolName: string): ToolForm {
  const tools = document.tools ?? {};
  const isListed = Object.hasOwn(tools, toolName);
  if (isHidden(document, toolName)) return emptyToolForm(isListed ? "custom" : "hide");
  if (!isListed) return emptyToolForm("default");
  const rule = tools[toolName];
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) return emptyToolForm("custom");
  try {
    const form = ruleToForm(rule);
    const rebuilt = buildToolRule(toolName, form);
    if (rebuilt.errors.length === 0 && isDeepEqual(rebuilt.rule, rule)) return form;
  } catch {
    // A shape the forms do not know (conditions that are not objects, …): keep it as written.
  }
  return emptyToolForm("custom");
}

/**
 * Writes the forms back. Tools keep their place in `tools` (so the version diff shows only what
 * changed); custom tools and tools without a form are left exactly as they were.
 */
export function applyToolForms(document: PolicyDocument, forms: Record<string, ToolForm>): { document: PolicyDocument; errors: FormError[] } {
  const errors: FormError[] = [];
  const built = new Map<string, Record<string, unknown> | null>();
  const hideAll = (document.hide as unknown) === "*" || (Array.isArray(document.hide) && document.hide.includes("*"));
  const hide = new Set(Array.isArray(document.hide) ? document.hide : []);
  for (const [name, form] of Object.entries(forms)) {
    if (form.choice === "custom") continue;
    hide.delete(name);
    if (form.choice === "hide") hide.add(name);
    if (form.choice === "hide" || form.choice === "default") {
      built.set(name, null);
      continue;
    }
    const result = buildToolRule(name, form);
    errors.push(...result.errors);
    built.set(name, result.rule);
  }
  const tools: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => Object.defineProperty(tools, name, { value, enumerable: true, writable: true, configurable: true });
  for (const [name, rule] of Object.entries(document.tools ?? {})) {
    if (!built.has(name)) put(name, rule);
    else if (built.get(name)) put(name, built.get(name));
  }
  for (const [name, rule] of built) if (rule && !Object.hasOwn(tools, name)) put(name, rule);
  const out: PolicyDocument = { ...document, tools: tools as Record<string, ToolRule> };
  if (!hideAll) {
    if (hide.size > 0) out.hide = [...hide].sort();
    else delete out.hide;
  }
  return { document: out, errors };
}

/** Splits the save action's messages ("/pointer: message") back into pointer and text. */
export function parsePointerMessages(messages: readonly string[]): FormError[] {
  return messages.map((message) => {
    const split = message.indexOf(": ");
    if (!message.startsWith("/") || split < 0) return { pointer: "", message };
    const pointer = message.slice(0, split);
    return { pointer: pointer === "/" ? "" : pointer, message: message.slice(split + 2) };
  });
}

export function messagesAt(errors: readonly FormError[], pointer: string): string[] {
  return errors.filter((error) => error.pointer === pointer).map((error) => error.message);
}

/** One line for the builder's table: what the form holds besides its choice. */
export function summariseToolForm(form: ToolForm): string {
  if (form.choice === "custom") return "Written in JSON; edit it in the editor above.";
  if (form.choice === "default" || form.choice === "hide") return "—";
  if (form.choice === "deny") return form.reason ? "message" : "none";
  const parts = [
    form.limits.length ? `${form.limits.length} limit${form.limits.length === 1 ? "" : "s"}` : "",
    form.require.length ? `${form.require.length} require` : "",
    form.denyIf.length ? `${form.denyIf.length} deny if` : "",
    form.reason ? "message" : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "none";
}

export function dedupeErrors(errors: FormError[]): FormError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.pointer}\n${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
