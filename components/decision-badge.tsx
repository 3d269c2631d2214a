import { Badge, type BadgeTone } from "@/components/ui/badge";

export type CallDecisionName = "allowed" | "denied" | "hidden" | "pending" | "error" | "forwarded";

export const DECISION_TONES: Record<CallDecisionName, BadgeTone> = {
  allowed: "green",
  denied: "red",
  hidden: "gray",
  pending: "amber",
  error: "red",
  forwarded: "blue",
};

const LABELS: Record<CallDecisionName, string> = {
  allowed: "Allowed",
  denied: "Denied",
  hidden: "Hidden",
  pending: "Pending",
  error: "Error",
  forwarded: "Forwarded",
};

export function DecisionBadge({ decision }: { decision: CallDecisionName }) {
  return (
    <Badge tone={DECISION_TONES[decision]} hasDot data-testid="decision-badge">
      {LABELS[decision]}
    </Badge>
  );
}
