import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RISK_CLASS_INFO, type RiskClass, type RiskLevel } from "@/lib/policy/risk";

const RISK_TONES: Record<RiskLevel, BadgeTone> = { low: "green", medium: "blue", high: "amber", critical: "red" };

/** The risk class and its level; the explanation is the hover title. */
export function RiskBadge({ riskClass, suffix = "" }: { riskClass: RiskClass; suffix?: string }) {
  const info = RISK_CLASS_INFO[riskClass];
  return (
    <Badge tone={RISK_TONES[info.level]} title={info.explanation} data-testid="risk-badge">
      {info.label} · {info.level}
      {suffix}
    </Badge>
  );
}
