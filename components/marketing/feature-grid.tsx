import type { ReactNode } from "react";

type Feature = { title: string; body: ReactNode; icon: string };

const FEATURES: Feature[] = [
  {
    title: "A grant per agent",
    body: (
      <>
        Each agent gets its own <code className="text-[13px]">tg_…</code> token for one server, shown once and stored only as a keyed hash. Rotate or revoke it
        and the very next call feels it.
      </>
    ),
    icon: "M12.5 3.5a4 4 0 1 1-3.9 4.9L3.5 13.5v3h3v-2h2v-2h1.6a4 4 0 0 1 2.4-9Z",
  },
  {
    title: "Allow, deny or hide",
    body: "Default-deny policies per tool. Hidden tools disappear from tools/list and answer exactly like tools that do not exist.",
    icon: "M10 2.75 3.75 5v4.5c0 3.9 2.6 6.6 6.25 7.75 3.65-1.15 6.25-3.85 6.25-7.75V5Z",
  },
  {
    title: "Rate limits and quotas",
    body: "Per grant, server, organisation or session, in fixed UTC windows. Count calls or sum an argument, such as refund totals per day. Limits hold across replicas.",
    icon: "M10 5.5V10l3 2M17.25 10a7.25 7.25 0 1 1-14.5 0 7.25 7.25 0 0 1 14.5 0Z",
  },
  {
    title: "Argument rules",
    body: "Arguments are checked against the tool's input schema, then against your rules: require a reason, refuse amounts over 10,000, match patterns safely.",
    icon: "M6.5 4.5 3 10l3.5 5.5M13.5 4.5 17 10l-3.5 5.5M11.25 3.5l-2.5 13",
  },
  {
    title: "Human approval",
    body: "Hold destructive or financial calls until someone approves them from the inbox. Approved in time, the agent simply gets the real result.",
    icon: "M7.5 9a2.75 2.75 0 1 0 0-5.5 2.75 2.75 0 0 0 0 5.5ZM2.5 16.25c.5-2.75 2.5-4.25 5-4.25 1 0 1.9.25 2.65.7M12 14l2 2 3.5-4",
  },
  {
    title: "A durable audit log",
    body: "One row per call: the decision, the rule that made it and the policy version. No response leaves before its row is written. Filter, tail live, export.",
    icon: "M4 5h12M4 10h12M4 15h8",
  },
];

export function FeatureGrid() {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {FEATURES.map((feature) => (
        <li key={feature.title} className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
          <div className="mb-3 flex size-9 items-center justify-center rounded-md bg-accent-50 text-accent-600">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className="size-5">
              <path d={feature.icon} stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </div>
          <h3 className="font-semibold text-zinc-900">{feature.title}</h3>
          <p className="mt-1.5 text-sm leading-6 text-zinc-600">{feature.body}</p>
        </li>
      ))}
    </ul>
  );
}
