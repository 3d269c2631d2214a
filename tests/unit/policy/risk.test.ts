import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyTool, RISK_CLASS_INFO, type RiskClass, suggestedRuleFor } from "@/lib/policy/risk";
import { suggestStarterPolicy } from "@/lib/policy/starter-policy";
import { compile, decide } from "./helpers";

type FixtureTool = { name: string; description?: string; annotations?: Record<string, boolean> };
const loadFixture = (server: string): FixtureTool[] => JSON.parse(readFileSync(new URL(`../../fixtures/tools/${server}.json`, import.meta.url), "utf8")).tools;

const expectations: Record<string, Record<string, RiskClass>> = {
  everything: {
    echo: "read",
    "get-sum": "read",
    "get-env": "execute", // returns the server's environment variables, where its secrets live
    "get-tiny-image": "read",
    "toggle-simulated-logging": "write",
    "gzip-file-as-resource": "write",
    "trigger-sampling-request": "execute",
    "trigger-elicitation-request": "execute",
    "trigger-long-running-operation": "execute",
  },
  memory: {
    create_entities: "write",
    add_observations: "write",
    delete_entities: "destructive",
    delete_relations: "destructive",
    delete_observations: "destructive",
    read_graph: "read",
    search_nodes: "read",
    open_nodes: "read",
  },
  filesystem: {
    read_file: "read",
    read_text_file: "read",
    list_directory: "read",
    directory_tree: "read",
    search_files: "read",
    create_directory: "write",
    write_file: "destructive",
    edit_file: "destructive",
    move_file: "destructive",
  },
};

describe("classifyTool on captured server fixtures", () => {
  for (const [server, expected] of Object.entries(expectations)) {
    const tools = loadFixture(server);
    it.each(Object.entries(expected))(`${server}: %s → %s`, (name, riskClass) => {
      const tool = tools.find((candidate) => candidate.name === name);
      expect(tool, `fixture ${server} lacks ${name}`).toBeDefined();
      const result = classifyTool(tool as FixtureTool);
      expect(result.riskClass).toBe(riskClass);
      expect(result.level).toBe(RISK_CLASS_INFO[riskClass].level);
      expect(result.reasons.length).toBeGreaterThan(0);
    });
  }
});

describe("classifyTool heuristics", () => {
  it.each([
    [{ name: "create_refund" }, "financial"],
    [{ name: "list_invoices" }, "read"],
    [{ name: "delete_user", annotations: { readOnlyHint: true } }, "destructive"],
    [{ name: "runShellCommand" }, "execute"],
    [{ name: "sync", description: "Permanently removes stale rows." }, "destructive"],
    [{ name: "frobnicate" }, "write"],
    [{ name: "frobnicate", annotations: { readOnlyHint: true } }, "read"],
    [{ name: "address_lookup" }, "read"],
  ] as const)("%j → %s", (tool, riskClass) => {
    expect(classifyTool(tool).riskClass).toBe(riskClass);
  });
});

describe("classifyTool on tools that hand out secrets", () => {
  it.each([
    [{ name: "get_env_vars" }, "execute"],
    [{ name: "getEnvironmentVariables", annotations: { readOnlyHint: true } }, "execute"],
    [{ name: "read_dotenv" }, "execute"],
    [{ name: "get_secret" }, "execute"],
    [{ name: "list_secrets" }, "execute"],
    [{ name: "read_credentials" }, "execute"],
    [{ name: "get-password" }, "execute"],
    [{ name: "getAPIKey" }, "execute"],
    [{ name: "list_api_keys" }, "execute"],
    [{ name: "create_access_token" }, "execute"],
    [{ name: "read_private_keys" }, "execute"],
    [{ name: "update_secret" }, "execute"],
    [{ name: "delete_secret" }, "destructive"],
    [{ name: "debug_info", description: "Returns all environment variables of the server." }, "execute"],
    [{ name: "sync_config", description: "Prints the stored credentials for each profile." }, "execute"],
  ] as const)("%j → %s", (tool, riskClass) => {
    const result = classifyTool(tool);
    expect(result.riskClass).toBe(riskClass);
    expect(result.reasons.join(" ")).toMatch(/secrets|environment variables|credentials/);
  });

  // Bare "key" and "token" name data (key-value stores, language-model tokens, coins), and a
  // description may mention the key a tool uses without handing it out.
  it.each([
    [{ name: "get_weather" }, "read"],
    [{ name: "get_weather", description: "Uses your API key to fetch the forecast for a city." }, "read"],
    [{ name: "list_keys" }, "read"],
    [{ name: "get_key" }, "read"],
    [{ name: "count_tokens" }, "read"],
    [{ name: "get_token_price" }, "read"],
    [{ name: "list_environments" }, "read"],
    [{ name: "set_key" }, "write"],
  ] as const)("%j stays %s", (tool, riskClass) => {
    expect(classifyTool(tool).riskClass).toBe(riskClass);
  });
});

describe("suggested rules and starter policy", () => {
  it("suggests the SPEC §1 rule per class", () => {
    expect(suggestedRuleFor("read", "t")).toEqual({});
    expect(suggestedRuleFor("write", "t").limits?.[0]).toMatchObject({ window: "minute", max: 30, scope: "grant" });
    expect(suggestedRuleFor("execute", "t").limits?.[0]).toMatchObject({ window: "minute", max: 10 });
    expect(suggestedRuleFor("destructive", "t")).toMatchObject({ action: "require_approval" });
    expect(suggestedRuleFor("financial", "t")).toMatchObject({ action: "require_approval" });
  });

  it("builds a default-deny starter policy that validates and behaves per class", () => {
    const tools = [...loadFixture("memory"), ...loadFixture("filesystem"), { name: "create_refund" }];
    const document = suggestStarterPolicy(tools);
    const policy = compile(document);
    expect(policy.document).toEqual(document);
    expect(document.default).toBe("deny");
    expect(Object.keys(document.tools)).toHaveLength(new Set(tools.map((t) => t.name)).size);
    expect(decide(policy, "read_graph")).toMatchObject({ outcome: "allow", reservations: [] });
    expect(decide(policy, "create_entities").reservations[0]).toMatchObject({ max: 30, counter: "create_entities:minute" });
    expect(decide(policy, "delete_entities").outcome).toBe("require_approval");
    expect(decide(policy, "create_refund").outcome).toBe("require_approval");
    expect(decide(policy, "not_in_catalogue").code).toBe("default_deny");
  });
});
