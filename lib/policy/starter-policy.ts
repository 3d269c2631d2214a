/**
 * A starter policy from a server's tool list: default deny (so tools added upstream later stay
 * blocked until someone decides), and each known tool with the rule its risk class suggests.
 * The result is meant to be reviewed in the editor, not applied blindly.
 */
import { type ClassifiableTool, classifyTool, suggestedRuleFor } from "./risk";
import type { PolicyDocument, ToolRule } from "./types";

export function suggestStarterPolicy(tools: readonly ClassifiableTool[]): PolicyDocument {
  const rules: Record<string, ToolRule> = {};
  const names = [...new Set(tools.map((tool) => tool.name))].filter((name) => name.length > 0 && name !== "*").sort();
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  for (const name of names) {
    const tool = byName.get(name) as ClassifiableTool;
    Object.defineProperty(rules, name, { value: suggestedRuleFor(classifyTool(tool).riskClass, name), enumerable: true, writable: true, configurable: true });
  }
  return { version: "1", default: "deny", validate_arguments: true, tools: rules };
}
