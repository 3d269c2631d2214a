/**
 * Risk classes for tools (SPEC §1), from MCP annotations plus the tool's name and description.
 * Annotations are hints written by the server author and may be wrong or hostile, so they can
 * raise a tool's class but never lower what its name or description says: `delete_x` marked
 * readOnlyHint stays destructive. A tool with no recognisable signal is treated as `write`,
 * because guessing `read` would suggest a policy with no limit at all.
 *
 * A tool that hands out secrets (`get-env` returns the server's environment, where its API keys
 * live) is raised to `execute` however read-only it looks. SPEC §1 has no class for secrets, and
 * `execute` is the one whose meaning fits, "effects beyond the data it is given": a leaked key
 * reaches every system it opens and cannot be called back. The critical classes would demand an
 * approval for every debugging read and would mislabel the tool as deleting or paying.
 */
import {
  DESCRIPTION_SIGNALS,
  DESTRUCTIVE_WORDS,
  EXECUTE_WORDS,
  FINANCIAL_WORDS,
  READ_WORDS,
  SENSITIVE_KEY_NOUNS,
  SENSITIVE_KEY_QUALIFIERS,
  SENSITIVE_WORDS,
  WRITE_WORDS,
} from "./risk-words";
import type { ToolRule } from "./types";

export type RiskClass = "read" | "write" | "execute" | "destructive" | "financial";
export type RiskLevel = "low" | "medium" | "high" | "critical";
export type ToolAnnotations = { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean; title?: string };
export type ClassifiableTool = { name: string; description?: string; annotations?: ToolAnnotations };
export type RiskClassification = { riskClass: RiskClass; level: RiskLevel; reasons: string[] };

export const RISK_CLASS_INFO: Record<RiskClass, { level: RiskLevel; label: string; explanation: string }> = {
  read: { level: "low", label: "Read", explanation: "Reads data without changing it. Usually safe to allow; the data it returns may still be sensitive." },
  write: {
    level: "medium",
    label: "Write",
    explanation: "Creates or modifies data. A rate limit stops an agent from making hundreds of changes faster than anyone can review them.",
  },
  execute: {
    level: "high",
    label: "Execute",
    explanation:
      "Runs commands, code or long operations, or hands out secrets such as environment variables and credentials: its effects reach beyond the data it is given. Keep a tight rate limit and validate its arguments.",
  },
  destructive: {
    level: "critical",
    label: "Destructive",
    explanation: "Deletes or overwrites data in ways that may not be undone. Require a person's approval before each call.",
  },
  financial: {
    level: "critical",
    label: "Financial",
    explanation: "Moves money or creates financial obligations. Require a person's approval before each call.",
  },
};

const RANK: Record<RiskClass, number> = { read: 0, write: 1, execute: 2, destructive: 3, financial: 4 };

export function classifyTool(tool: ClassifiableTool): RiskClassification {
  const reasons: string[] = [];
  let riskClass: RiskClass | null = null;
  const raise = (candidate: RiskClass, reason: string) => {
    reasons.push(reason);
    if (riskClass === null || RANK[candidate] > RANK[riskClass]) riskClass = candidate;
  };
  const annotations = tool.annotations ?? {};
  if (annotations.readOnlyHint === true) raise("read", "annotated readOnlyHint: true");
  else if (annotations.destructiveHint === true) raise("destructive", "annotated destructiveHint: true");
  else if (annotations.readOnlyHint === false) raise("write", "annotated readOnlyHint: false");
  classifyByName(tool.name, raise);
  if (tool.description) {
    for (const signal of DESCRIPTION_SIGNALS) {
      const match = signal.pattern.exec(tool.description);
      if (match && (riskClass === null || RANK[signal.riskClass] > RANK[riskClass])) raise(signal.riskClass, `description mentions "${match[0]}"`);
    }
  }
  if (annotations.openWorldHint === true) reasons.push("annotated openWorldHint: true (reaches outside systems)");
  const finalClass: RiskClass = riskClass ?? "write";
  if (riskClass === null) reasons.push("no recognisable signal; assumed write");
  return { riskClass: finalClass, level: RISK_CLASS_INFO[finalClass].level, reasons };
}

function classifyByName(name: string, raise: (candidate: RiskClass, reason: string) => void): void {
  const words = splitName(name);
  const has = (set: Set<string>) => words.find((word) => set.has(word));
  const financial = has(FINANCIAL_WORDS);
  const destructive = has(DESTRUCTIVE_WORDS);
  const execute = has(EXECUTE_WORDS);
  const write = has(WRITE_WORDS);
  const read = has(READ_WORDS);
  const sensitive = findSensitive(words);
  const isReadOnlyVerb = read !== undefined && !destructive && !execute && !write;
  if (financial && !isReadOnlyVerb) raise("financial", `name mentions "${financial}"`);
  if (destructive) raise("destructive", `name contains "${destructive}"`);
  if (execute) raise("execute", `name contains "${execute}"`);
  if (sensitive) raise("execute", `name mentions "${sensitive}", which may hand out secrets`);
  if (write) raise("write", `name contains "${write}"`);
  if (isReadOnlyVerb) raise("read", `name contains "${read}"`);
}

/** A secret word (`env`, `password`), or "key"/"token" after a qualifier that makes it a credential (`api key`). */
function findSensitive(words: string[]): string | undefined {
  const word = words.find((candidate) => SENSITIVE_WORDS.has(candidate));
  if (word) return word;
  const at = words.findIndex((candidate, index) => index > 0 && SENSITIVE_KEY_NOUNS.has(candidate) && SENSITIVE_KEY_QUALIFIERS.has(words[index - 1] ?? ""));
  return at > 0 ? `${words[at - 1]} ${words[at]}` : undefined;
}

/** `delete_entities`, `getUserInfo`, `trigger-sampling-request` → lower-case word tokens. */
function splitName(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function suggestedRuleFor(riskClass: RiskClass, toolName: string): ToolRule {
  switch (riskClass) {
    case "read":
      return {};
    case "write":
      return { limits: [{ counter: `${toolName}:minute`, window: "minute", max: 30, scope: "grant" }] };
    case "execute":
      return { limits: [{ counter: `${toolName}:minute`, window: "minute", max: 10, scope: "grant" }] };
    case "destructive":
    case "financial":
      return { action: "require_approval", approval: { timeout: "30m" } };
  }
}
