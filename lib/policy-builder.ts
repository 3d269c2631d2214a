/**
 * The visual builder's model: one simple choice per catalogue tool, read from and written back
 * into a policy document. Rules the builder cannot express (argument rules, other limits) are shown
 * as "custom" and left exactly as written, so switching between builder and JSON loses nothing.
 */
import type { PolicyDocument, ToolRule } from "@/lib/policy/types";

export type ToolChoice = "default" | "allow" | "deny" | "hide" | "approval" | "custom";
export type ToolSetting = { choice: ToolChoice; perMinute: number | null };

const APPROVAL_TIMEOUT = "30m";

function counterFor(toolName: string): string {
  return `${toolName}:minute`;
}

function simpleLimit(rule: ToolRule, toolName: string): number | null | undefined {
  const limits = rule.limits ?? [];
  if (limits.length === 0) return null;
  const [limit] = limits;
  if (limits.length === 1 && limit && limit.window === "minute" && limit.scope === "grant" && limit.counter === counterFor(toolName) && !limit.amount_from)
    return limit.max;
  return undefined;
}

export function readToolSetting(document: PolicyDocument, toolName: string): ToolSetting {
  const hide = document.hide;
  if (Array.isArray(hide) && hide.includes(toolName)) return { choice: "hide", perMinute: null };
  if (!Object.hasOwn(document.tools ?? {}, toolName)) return { choice: "default", perMinute: null };
  const rule = (document.tools[toolName] ?? {}) as ToolRule;
  const limit = simpleLimit(rule, toolName);
  const hasArgumentRules = (rule.require?.length ?? 0) > 0 || (rule.deny_if?.length ?? 0) > 0 || rule.reason !== undefined;
  if (limit === undefined || hasArgumentRules) return { choice: "custom", perMinute: null };
  if (rule.action === "deny") return rule.limits?.length ? { choice: "custom", perMinute: null } : { choice: "deny", perMinute: null };
  if (rule.action === "require_approval") {
    const isSimple = !rule.approval || rule.approval.timeout === APPROVAL_TIMEOUT;
    return isSimple ? { choice: "approval", perMinute: limit } : { choice: "custom", perMinute: null };
  }
  return { choice: "allow", perMinute: limit };
}

function buildRule(toolName: string, setting: ToolSetting): ToolRule {
  const limits = setting.perMinute
    ? [{ counter: counterFor(toolName), window: "minute" as const, max: setting.perMinute, scope: "grant" as const }]
    : undefined;
  if (setting.choice === "deny") return { action: "deny" };
  const rule: ToolRule = setting.choice === "approval" ? { action: "require_approval", approval: { timeout: APPROVAL_TIMEOUT } } : {};
  if (limits) rule.limits = limits;
  return rule;
}

export function applyToolSettings(document: PolicyDocument, settings: Record<string, ToolSetting>): PolicyDocument {
  const tools: Record<string, ToolRule> = { ...document.tools };
  const hidesAll = (document.hide as unknown) === "*" || (Array.isArray(document.hide) && document.hide.includes("*"));
  const hide = new Set(Array.isArray(document.hide) ? document.hide : []);
  for (const [name, setting] of Object.entries(settings)) {
    if (setting.choice === "custom") continue;
    hide.delete(name);
    delete tools[name];
    if (setting.choice === "hide") hide.add(name);
    else if (setting.choice !== "default")
      Object.defineProperty(tools, name, { value: buildRule(name, setting), enumerable: true, writable: true, configurable: true });
  }
  const out: PolicyDocument = { ...document, tools };
  if (hidesAll) return out;
  if (hide.size > 0) out.hide = [...hide].sort();
  else delete out.hide;
  return out;
}
