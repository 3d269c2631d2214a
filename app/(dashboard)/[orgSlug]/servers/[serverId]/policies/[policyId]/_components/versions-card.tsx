import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { VersionDiff } from "@/components/policy/version-diff";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PolicyDto, PolicyVersionDto } from "@/lib/db/policies";
import { formatDateTime } from "@/lib/format";
import { formatPolicyDocument } from "@/lib/policy-format";
import { restorePolicyAction } from "../../actions";

type Props = {
  orgSlug: string;
  policy: PolicyDto;
  versions: PolicyVersionDto[];
  basePath: string;
  selected: { view: number | null; diff: number | null };
  canEdit: boolean;
};

export function VersionsCard({ orgSlug, policy, versions, basePath, selected, canEdit }: Props) {
  const current = formatPolicyDocument(policy.document);
  const viewed = versions.find((version) => version.version === selected.view);
  const diffed = versions.find((version) => version.version === selected.diff);
  return (
    <Card>
      <CardHeader description="Every save is kept. Restoring an old version saves it again as the newest.">
        <CardTitle>Versions ({versions.length})</CardTitle>
      </CardHeader>
      <CardBody className="space-y-4">
        <ul className="divide-y divide-zinc-100 text-sm" data-testid="policy-versions">
          {versions.map((version) => (
            <li key={version.version} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <strong>v{version.version}</strong> <span className="text-zinc-500">{formatDateTime(version.createdAt)}</span>
                {version.version === policy.version ? <span className="ml-2 text-xs text-allowed-700">current</span> : null}
              </span>
              <span className="flex items-center gap-3">
                <Link href={`${basePath}?view=${version.version}`} className="text-accent-700 hover:underline">
                  View
                </Link>
                {version.version !== policy.version ? (
                  <Link href={`${basePath}?diff=${version.version}`} className="text-accent-700 hover:underline">
                    Diff
                  </Link>
                ) : null}
                {canEdit && version.version !== policy.version ? (
                  <ActionForm action={restorePolicyAction} fields={{ orgSlug, policyId: policy.id, version: String(version.version) }}>
                    <SubmitButton variant="secondary" size="sm" pendingLabel="Restoring…">
                      Restore
                    </SubmitButton>
                  </ActionForm>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        {viewed ? <CodeBlock code={formatPolicyDocument(viewed.document)} title={`version ${viewed.version}`} language="json" /> : null}
        {diffed ? (
          <VersionDiff
            before={formatPolicyDocument(diffed.document)}
            after={current}
            beforeLabel={`v${diffed.version}`}
            afterLabel={`v${policy.version} (current)`}
          />
        ) : null}
      </CardBody>
    </Card>
  );
}
