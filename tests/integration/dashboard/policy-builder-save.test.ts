/**
 * The visual builder's save path: a document built from limit and argument-rule rows goes through
 * savePolicyAction (the same engine validation as the JSON editor), and reloading the saved version
 * gives back the same rows. Invalid rows come back as "/pointer: message" errors that the builder
 * places next to their fields, and nothing is stored.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { savePolicyAction } from "@/app/(dashboard)/[orgSlug]/servers/[serverId]/policies/actions";
import { createPolicy, getPolicy } from "@/lib/db/policies";
import { createServer } from "@/lib/db/servers";
import { listTools, upsertToolCatalogue } from "@/lib/db/tools";
import { listSchemaFields, operatorsForType } from "@/lib/policy-builder/schema-fields";
import { applyToolForms, emptyToolForm, messagesAt, parsePointerMessages, readToolForm, type ToolForm } from "@/lib/policy-builder/tool-form";
import { formatPolicyDocument } from "@/lib/policy-format";
import { addMember, createTestOrg, createTestUser } from "../../helpers/harness";
import { formData, signInAs } from "./action-context";

vi.mock("@/lib/auth/index", async () => (await import("./action-context")).authModule);
vi.mock("next/headers", async () => (await import("./action-context")).headersModule);
vi.mock("next/cache", async () => (await import("./action-context")).cacheModule);

const REFUND_SCHEMA = {
  type: "object",
  properties: { amount: { type: "number" }, reason: { type: "string" }, currency: { enum: ["EUR", "USD"] } },
  required: ["amount"],
};

async function setup(prefix: string) {
  const { user, org, actor } = await createTestOrg(prefix);
  const server = await createServer({ orgId: org.id, data: { name: "billing", url: "https://example.test/mcp" }, actor });
  await upsertToolCatalogue({ orgId: org.id, serverId: server.id, actor, tools: [{ name: "create_refund", inputSchema: REFUND_SCHEMA }, { name: "fancy" }] });
  const policy = await createPolicy({
    orgId: org.id,
    serverId: server.id,
    name: "p",
    document: { version: "1", default: "deny", tools: { fancy: { rate_limit: { max: 10, window: 60 } } } },
    actor,
  });
  return { user, org, server, policy };
}

afterEach(() => signInAs(null));

describe("saving the visual builder", () => {
  it("stores a document built from rows and reloads the same rows; custom tools are kept", async () => {
    const { user, org, server, policy } = await setup("builder-save");
    const [refund] = await listTools({ orgId: org.id, serverId: server.id });
    const fields = listSchemaFields(refund?.inputSchema);
    expect(fields.map((field) => field.path)).toEqual(["args.amount", "args.reason", "args.currency"]);
    expect(operatorsForType(fields[0]?.type ?? "unknown")).toContain("gt");

    const form: ToolForm = {
      ...emptyToolForm("allow"),
      require: [{ conditions: [{ path: "args.reason", op: "exists", value: "true", kind: "boolean", flags: "" }], onDeny: "Give a reason." }],
      denyIf: [
        { conditions: [{ path: "args.amount", op: "gt", value: "10000", kind: "number", flags: "" }], onDeny: "Over 10000 needs a human." },
        { conditions: [{ path: "args.currency", op: "not_in", value: "EUR\nUSD", kind: "string", flags: "" }], onDeny: "" },
      ],
      limits: [{ counter: "refund_total", window: "day", max: "50000", scope: "org", amountFrom: "args.amount" }],
    };
    expect(readToolForm(policy.document, "fancy").choice).toBe("custom");
    const built = applyToolForms(policy.document, { create_refund: form, fancy: readToolForm(policy.document, "fancy") });
    expect(built.errors).toEqual([]);

    signInAs(user);
    const result = await savePolicyAction(null, formData({ orgSlug: org.slug, policyId: policy.id, document: formatPolicyDocument(built.document) }));
    expect(result).toEqual({ ok: true, data: { version: 2 } });
    const saved = await getPolicy({ orgId: org.id, policyId: policy.id });
    expect(saved.document.tools.fancy).toEqual({ rate_limit: { max: 10, window: 60 } });
    expect(readToolForm(saved.document, "create_refund")).toEqual(form);
    expect(readToolForm(saved.document, "fancy").choice).toBe("custom");
  });

  it("refuses bad rows with pointers to their fields and stores nothing", async () => {
    const { user, org, policy } = await setup("builder-bad");
    const form: ToolForm = {
      ...emptyToolForm("allow"),
      denyIf: [{ conditions: [{ path: "args.amount", op: "gt", value: "big", kind: "string", flags: "" }], onDeny: "" }],
      limits: [{ counter: "", window: "fortnight", max: "0", scope: "grant", amountFrom: "" }],
    };
    const built = applyToolForms(policy.document, { create_refund: form });
    signInAs(user);
    const result = await savePolicyAction(null, formData({ orgSlug: org.slug, policyId: policy.id, document: JSON.stringify(built.document) }));
    expect(result.ok).toBe(false);
    const errors = parsePointerMessages(result.ok ? [] : (result.fieldErrors?.document ?? []));
    expect(messagesAt(errors, "/tools/create_refund/deny_if/0/conditions/0/value")).toEqual([expect.stringMatching(/must be a number/)]);
    expect(messagesAt(errors, "/tools/create_refund/limits/0/window")).toHaveLength(1);
    expect(messagesAt(errors, "/tools/create_refund/limits/0/max")).toHaveLength(1);
    expect((await getPolicy({ orgId: org.id, policyId: policy.id })).version).toBe(1);
  });

  it("refuses viewers and other organisations", async () => {
    const { org, policy } = await setup("builder-roles");
    const document = JSON.stringify(applyToolForms(policy.document, { create_refund: emptyToolForm("deny") }).document);
    const viewer = await createTestUser("builder-viewer");
    await addMember(org.id, viewer, "viewer");
    signInAs(viewer);
    expect(await savePolicyAction(null, formData({ orgSlug: org.slug, policyId: policy.id, document }))).toMatchObject({ ok: false });
    const other = await createTestOrg("builder-other");
    signInAs(other.user);
    expect(await savePolicyAction(null, formData({ orgSlug: other.org.slug, policyId: policy.id, document }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await getPolicy({ orgId: org.id, policyId: policy.id })).version).toBe(1);
  });
});
