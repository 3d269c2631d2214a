import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CALL_DECISIONS, type CallFilters } from "@/lib/validation/calls";

type Option = { id: string; label: string };

/** A plain GET form: the filters live in the query string, so a filtered view can be bookmarked and shared. */
export function CallFiltersForm({ basePath, filters, servers, grants }: { basePath: string; filters: CallFilters; servers: Option[]; grants: Option[] }) {
  const toLocal = (date?: Date) => (date ? date.toISOString().slice(0, 16) : "");
  return (
    <form method="get" action={basePath} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="call-filters">
      <Field id="filter-from-utc" label="From (UTC)">
        {(control) => <Input {...control} type="datetime-local" name="from" defaultValue={toLocal(filters.from)} />}
      </Field>
      <Field id="filter-to-utc" label="To (UTC)">
        {(control) => <Input {...control} type="datetime-local" name="to" defaultValue={toLocal(filters.to)} />}
      </Field>
      <Field id="filter-server" label="Server">
        {(control) => (
          <Select {...control} name="serverId" defaultValue={filters.serverId ?? ""}>
            <option value="">All servers</option>
            {servers.map((server) => (
              <option key={server.id} value={server.id}>
                {server.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="filter-grant" label="Grant">
        {(control) => (
          <Select {...control} name="grantId" defaultValue={filters.grantId ?? ""}>
            <option value="">All grants</option>
            {grants.map((grant) => (
              <option key={grant.id} value={grant.id}>
                {grant.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="filter-tool" label="Tool">
        {(control) => <Input {...control} name="tool" defaultValue={filters.tool ?? ""} placeholder="e.g. delete_entities" />}
      </Field>
      <Field id="filter-decision" label="Decision">
        {(control) => (
          <Select {...control} name="decision" defaultValue={filters.decision ?? ""}>
            <option value="">Any decision</option>
            {CALL_DECISIONS.map((decision) => (
              <option key={decision} value={decision}>
                {decision}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="filter-code" label="Code">
        {(control) => <Input {...control} name="code" defaultValue={filters.code ?? ""} placeholder="e.g. rate_limited" />}
      </Field>
      <Field id="filter-method" label="Method">
        {(control) => <Input {...control} name="method" defaultValue={filters.method ?? ""} placeholder="e.g. tools/call" />}
      </Field>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClassName("primary")}>
          Apply filters
        </button>
        <Link href={basePath} className={buttonClassName("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
