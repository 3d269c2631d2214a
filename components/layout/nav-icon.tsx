export type NavIconName = "overview" | "servers" | "logs" | "approvals" | "members" | "settings" | "grants" | "events" | "keys";

// 20×20 outline paths, drawn with a 1.5 stroke in currentColor.
const PATHS: Record<NavIconName, string> = {
  overview: "M3 3.5h5.5V9H3zM11.5 3.5H17V7h-5.5zM11.5 10H17v6.5h-5.5zM3 12h5.5v4.5H3z",
  servers: "M3.5 4h13v4.5h-13zM3.5 11.5h13V16h-13zM6 6.25h.01M6 13.75h.01",
  logs: "M4 5h12M4 10h12M4 15h8",
  approvals: "M10 2.75 3.75 5v4.5c0 3.9 2.6 6.6 6.25 7.75 3.65-1.15 6.25-3.85 6.25-7.75V5zM7.25 10l2 2 3.5-3.75",
  members:
    "M7.5 9a2.75 2.75 0 1 0 0-5.5 2.75 2.75 0 0 0 0 5.5ZM2.5 16.25c.5-2.75 2.5-4.25 5-4.25s4.5 1.5 5 4.25M13 4a2.5 2.5 0 0 1 0 4.75M14.75 12.25c1.4.6 2.35 1.9 2.75 4",
  settings:
    "M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4",
  grants: "M12.5 3.5a4 4 0 1 1-3.9 4.9L3.5 13.5V16.5h3v-2h2v-2h1.6A4 4 0 0 1 12.5 3.5ZM13.25 6.75h.01",
  events: "M10 5.5V10l3 2M17.25 10a7.25 7.25 0 1 1-14.5 0 7.25 7.25 0 0 1 14.5 0Z",
  keys: "M6.5 13.5a3.5 3.5 0 1 1 2.9-5.5h7.1v3h-2v2h-2.5v-2H9.4a3.5 3.5 0 0 1-2.9 2.5Z",
};

/** Decorative: the link text beside it carries the meaning. */
export function NavIcon({ name, className = "size-5" }: { name: NavIconName; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" className={className}>
      <path d={PATHS[name]} stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
