"use client";

import { useActionState, useMemo, useState } from "react";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/define-action";
import type { PolicyDto } from "@/lib/db/policies";
import { applyToolSettings, readToolSetting, type ToolChoice, type ToolSetting } from "@/lib/policy-builder";
import { formatPolicyDocument } from "@/lib/policy-format";
import { savePolicyAction } from "../../actions";

const CHOICES: Array<[ToolChoice, string]> = [
  ["default", "Default"],
  ["allow", "Allow"],
  ["deny", "Deny"],
  ["hide", "Hide"],
  ["approval", "Approval"],
  ["custom", "Custom (keep JSON)"],
];

export function VisualBuilder({ orgSlug, policy, tools }: { orgSlug: string; policy: PolicyDto; tools: Array<{ name: string; riskClass: string }> }) {
  const [settings, setSettings] = useState<Record<string, ToolSetting>>(() =>
    Object.fromEntries(tools.map((tool) => [tool.name, readToolSetting(policy.document, tool.name)])),
  );
  const [state, formAction] = useActionState<ActionResult<{ version: number }> | null, FormData>(savePolicyAction, null);
  const json = useMemo(() => formatPolicyDocument(applyToolSettings(policy.document, settings)), [policy.document, settings]);
  const update = (name: string, patch: Partial<ToolSetting>) =>
    setSettings((previous) => ({ ...previous, [name]: { ...(previous[name] ?? { choice: "default", perMinute: null }), ...patch } }));
  return (
    <Card>
      <CardHeader
        description={`One choice per tool. "Default" follows the policy's default (${policy.document.default}); "Custom" keeps a rule written in JSON untouched.`}
      >
        <CardTitle>Visual builder</CardTitle>
      </CardHeader>
      <CardBody>
        <form action={formAction} className="flex flex-col gap-4" data-testid="visual-builder">
          <input type="hidden" name="orgSlug" value={orgSlug} />
          <input type="hidden" name="policyId" value={policy.id} />
          <input type="hidden" name="document" value={json} />
          <Table caption="Per-tool rules">
            <THead>
              <TR>
                <TH>Tool</TH>
                <TH>Risk</TH>
                <TH>Rule</TH>
                <TH>Limit per minute</TH>
              </TR>
            </THead>
            <TBody>
              {tools.map((tool) => {
                const setting = settings[tool.name] ?? { choice: "default", perMinute: null };
                const canLimit = setting.choice === "allow" || setting.choice === "approval";
                return (
                  <TR key={tool.name}>
                    <TD className="font-mono">{tool.name}</TD>
                    <TD>{tool.riskClass}</TD>
                    <TD>
                      <Select
                        aria-label={`Rule for ${tool.name}`}
                        value={setting.choice}
                        onChange={(event) => update(tool.name, { choice: event.target.value as ToolChoice })}
                      >
                        {CHOICES.map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </Select>
                    </TD>
                    <TD>
                      <Input
                        type="number"
                        min={1}
                        aria-label={`Calls per minute for ${tool.name}`}
                        disabled={!canLimit}
                        value={canLimit && setting.perMinute ? String(setting.perMinute) : ""}
                        onChange={(event) => update(tool.name, { perMinute: Number(event.target.value) > 0 ? Math.floor(Number(event.target.value)) : null })}
                        className="w-28"
                      />
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <details>
            <summary className="cursor-pointer text-sm text-zinc-700">Generated JSON</summary>
            <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">{json}</pre>
          </details>
          {state?.ok ? <FormMessage tone="success">Saved as version {state.data.version}.</FormMessage> : null}
          {state && !state.ok ? (
            <FormMessage tone="error">
              {Object.values(state.fieldErrors ?? {})
                .flat()
                .join(" ") || state.error}
            </FormMessage>
          ) : null}
          <div>
            <SubmitButton pendingLabel="Saving…">Save builder changes as new version</SubmitButton>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
