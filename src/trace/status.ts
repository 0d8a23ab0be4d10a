// Status as of a date, from a task's history of progress reports. Pure: the specification that
// the Cypher of src/cypher/fragments.ts (reportOf, statusOf) is tested against, task by task.
// The report that counts on a day is the latest reported on or before it that no correction
// supersedes (a report dated after `asOf` is not known yet on that date). A task is DONE when
// that report says so or a document that FULFILLED it was issued by then; OVERDUE when its
// deadline has passed otherwise; else what the report says, or UNKNOWN.
export type TaskStatus = "NOT_STARTED" | "IN_PROGRESS" | "DONE" | "OVERDUE" | "UNKNOWN";

/** One ProgressReport on a task, as the rule needs it. */
export interface ReportFacts {
  id: string;
  /** the day the report is about (ISO date) */
  reportedOn: string;
  status: TaskStatus;
  /** the order written: breaks ties between reports of one day (0 for seeded reports) */
  sequence: number;
  /** another report SUPERSEDES this one (a correction): it never counts */
  superseded: boolean;
}

export interface StatusFacts {
  deadline: string | null;
  /** every report on the task, in any order */
  reports: readonly ReportFacts[];
  /** the day the first document that FULFILLED the task was issued, if any */
  fulfilledOn?: string | null;
}

/** The report that counts as of `asOf`: the latest by reportedOn, then sequence, among those known by then and not superseded; null when none. */
export function latestReport<R extends ReportFacts>(reports: readonly R[], asOf: string): R | null {
  let best: R | null = null;
  for (const r of reports) {
    if (r.superseded || r.reportedOn > asOf) continue;
    if (best === null || r.reportedOn > best.reportedOn || (r.reportedOn === best.reportedOn && r.sequence > best.sequence)) best = r;
  }
  return best;
}

export function statusAsOf(task: StatusFacts, asOf: string): TaskStatus {
  const said = latestReport(task.reports, asOf)?.status ?? "UNKNOWN";
  if (said === "DONE") return "DONE";
  // A document that delivered the task, issued by asOf, makes it done even with no report.
  if (task.fulfilledOn && task.fulfilledOn <= asOf) return "DONE";
  if (task.deadline !== null && task.deadline < asOf) return "OVERDUE";
  return said;
}

export const isUnfinished = (s: TaskStatus) => s !== "DONE";

export { todayInVietnam } from "../args/index.js";
