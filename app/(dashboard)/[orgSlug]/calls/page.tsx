import Link from "next/link";
import { CallsChart, chooseBucketSeconds } from "@/components/calls-chart";
import { PageHeader } from "@/components/layout/page-header";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { requireOrgMember } from "@/lib/auth/session";
import { countCallsByBucket, listCalls } from "@/lib/db/calls";
import { listGrants } from "@/lib/db/grants";
import { listServers } from "@/lib/db/servers";
import { type CallFilters, callFiltersToSearchParams, callListQuerySchema, searchParamsToObject } from "@/lib/validation/calls";
import { CallFiltersForm } from "./_components/call-filters-form";
import { CallsTable } from "./_components/calls-table";
import { LiveTailToggle } from "./_components/live-tail-toggle";
import { VerifyChainForm } from "./_components/verify-chain-form";

export const metadata = { title: "Logs" };

const DAY_MS = 86_400_000;
const RANGES: Array<[string, number]> = [
  ["hour", 3_600_000],
  ["24 hours", DAY_MS],
  ["7 days", 7 * DAY_MS],
  ["30 days", 30 * DAY_MS],
];

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CallsPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const { org } = await requireOrgMember(orgSlug);
  const parsed = callListQuerySchema.safeParse(searchParamsToObject(await searchParams));
  const { cursor, limit, ...filters }: CallFilters & { cursor?: string; limit?: number } = parsed.success ? parsed.data : {};
  const now = new Date();
  const chartTo = filters.to ?? now;
  const chartFrom = filters.from ?? new Date(chartTo.getTime() - DAY_MS);
  const [page, servers, grants, buckets] = await Promise.all([
    listCalls({ orgId: org.id, filters, cursor, limit }),
    listServers({ orgId: org.id }),
    listGrants({ orgId: org.id }),
    countCallsByBucket({ orgId: org.id, from: chartFrom, to: chartTo, bucketSeconds: chooseBucketSeconds(chartFrom, chartTo), serverId: filters.serverId }),
  ]);
  const basePath = `/${org.slug}/calls`;
  const serverNames = Object.fromEntries(servers.map((server) => [server.id, server.name]));
  const exportHref = (format: string) => `${basePath}/export?${callFiltersToSearchParams(filters, { format }).toString()}`;
  const olderHref = page.nextCursor ? `${basePath}?${callFiltersToSearchParams(filters, { cursor: page.nextCursor }).toString()}` : null;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Logs"
        description="Every call your agents made through Toolgate, and what the policy decided. Times are UTC; argument values are never stored."
        actions={
          <>
            <LiveTailToggle />
            <a href={exportHref("csv")} className={buttonClassName("secondary", "sm")} data-testid="export-csv">
              Export CSV
            </a>
            <a href={exportHref("ndjson")} className={buttonClassName("secondary", "sm")}>
              Export NDJSON
            </a>
          </>
        }
      />
      {!parsed.success ? (
        <FormMessage tone="error" title="Some filters were ignored">
          {parsed.error.issues.map((issue) => issue.message).join(" ")}
        </FormMessage>
      ) : null}
      <Card>
        <CardBody className="space-y-4">
          <nav aria-label="Time range" className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-zinc-600">Last</span>
            {RANGES.map(([label, ms]) => (
              <Link
                key={label}
                href={`${basePath}?${callFiltersToSearchParams({ ...filters, from: new Date(now.getTime() - ms), to: undefined }).toString()}`}
                className={buttonClassName("ghost", "sm")}
              >
                {label}
              </Link>
            ))}
          </nav>
          <CallFiltersForm
            basePath={basePath}
            filters={filters}
            servers={servers.map((server) => ({ id: server.id, label: server.name }))}
            grants={grants.map((grant) => ({ id: grant.id, label: `${grant.label} (${serverNames[grant.serverId] ?? "?"})` }))}
          />
        </CardBody>
      </Card>
      <Card>
        <CardBody>
          <CallsChart buckets={buckets} title={filters.from || filters.to ? "Calls in the chosen range" : "Calls in the last 24 hours"} />
        </CardBody>
      </Card>
      {page.items.length === 0 ? (
        <EmptyState
          title={cursor ? "No older calls" : "No calls match"}
          description={
            servers.length === 0
              ? "Add a server, mint a grant token and point an agent at the proxy URL: each call and its decision appears here."
              : "Once an agent uses a grant token against a proxy URL, each call appears here. Clear the filters if you expected calls."
          }
          action={
            servers.length === 0 ? (
              <Link href={`/${org.slug}/servers/new`} className={buttonClassName("primary")}>
                Add a server
              </Link>
            ) : undefined
          }
        />
      ) : (
        <CallsTable orgSlug={org.slug} calls={page.items} serverNames={serverNames} />
      )}
      <Card>
        <CardBody>
          <VerifyChainForm orgSlug={org.slug} />
        </CardBody>
      </Card>
      <nav className="flex justify-between" aria-label="Pages">
        {cursor ? (
          <Link href={`${basePath}?${callFiltersToSearchParams(filters).toString()}`} className={buttonClassName("ghost", "sm")}>
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {olderHref ? (
          <Link href={olderHref} className={buttonClassName("secondary", "sm")} data-testid="older-calls">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
