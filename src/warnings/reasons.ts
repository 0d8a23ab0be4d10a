// A warning's reason in words, from the facts the query read for it: the dates and figures
// that decided it. Pure.
import { daysBetween, figure } from "./progress.js";
import type { WarningKind } from "./queries.js";

export interface Orphan { role: "lead" | "coordinating"; id: string; agency: string; dissolvedOn: string | null; heldBy: { id: string; agency: string; dissolvedOn: string | null }[] }
export interface OffTrack { baseline: number; baselineOn: string; latest: number; latestOn: string; targetValue: number; targetOn: string; expected: number }

export interface ReasonFacts {
  asOf: string;
  /** asOf − silentDays: the first day a report still counts as recent */
  silentSince: string;
  deadline: string | null;
  /** the report that counts as of asOf */
  lastReport: { on: string; status: string } | null;
  orphans?: Orphan[];
  offTrack?: OffTrack;
  /** the overdue tasks it waits on, in natural order */
  blockers?: { id: string; deadline: string | null }[];
}

/** How many blockers a reason names before it counts the rest. */
export const BLOCKERS_NAMED = 5;

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
const status = (s: string) => s.toLowerCase().replaceAll("_", " ");
const report = (r: ReasonFacts["lastReport"]) => (r ? `last report ${r.on}: ${status(r.status)}` : "no report at all");

export function reasonOf(kind: WarningKind, f: ReasonFacts): string {
  switch (kind) {
    case "DUE_SOON_UNREPORTED": {
      const n = daysBetween(f.asOf, f.deadline!);
      const due = `due ${f.deadline}, ${n === 0 ? "today" : `in ${days(n)}`}`;
      return f.lastReport ? `${due}; no report since ${f.silentSince} (${report(f.lastReport)})` : `${due}; no report at all`;
    }
    case "OVERDUE":
      if (f.deadline !== null && f.deadline < f.asOf) return `due ${f.deadline}, ${days(daysBetween(f.deadline, f.asOf))} ago, not done; ${report(f.lastReport)}`;
      return `reported overdue on ${f.lastReport?.on} (${f.deadline ? `due ${f.deadline}` : "no deadline"})`;
    case "ORPHANED_OWNER":
      return (f.orphans ?? []).map((o) => {
        const gone = (name: string, on: string | null) => `${name}${on ? `, dissolved ${on},` : ""} has no successor`;
        if (o.heldBy.length === 0) return `${o.role} agency ${gone(o.agency, o.dissolvedOn)}`;
        return `${o.role} agency ${o.agency} passed its role to ${o.heldBy.map((h) => gone(h.agency, h.dissolvedOn)).join(" and ")}`;
      }).join("; ");
    case "TARGET_OFF_TRACK": {
      const t = f.offTrack!;
      const rises = t.targetValue >= t.baseline;
      return `${figure(t.latest)} on ${t.latestOn} is ${rises ? "below" : "above"} the ${figure(t.expected)} expected then on the straight line from ${figure(t.baseline)} on ${t.baselineOn} to ${figure(t.targetValue)} by ${t.targetOn}`;
    }
    case "BLOCKED_BY_OVERDUE": {
      const b = f.blockers ?? [];
      const named = b.slice(0, BLOCKERS_NAMED).map((u) => `${u.id}${u.deadline ? ` (due ${u.deadline})` : ""}`).join(", ");
      return `waits on ${b.length} overdue task${b.length === 1 ? "" : "s"}: ${named}${b.length > BLOCKERS_NAMED ? ` and ${b.length - BLOCKERS_NAMED} more` : ""}`;
    }
  }
}
