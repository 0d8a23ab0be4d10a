// Status as of a date, from what a source reported. Pure.
// A task is OVERDUE as of a date when its deadline has passed and it was not reported DONE
// by then. A report dated after `asOf` is not known yet on that date. A task FULFILLED_BY a
// document issued by `asOf` is DONE.
export type TaskStatus = "NOT_STARTED" | "IN_PROGRESS" | "DONE" | "OVERDUE" | "UNKNOWN";

export interface StatusFacts {
  deadline: string | null;
  status: TaskStatus;
  statusAsOf: string | null;
  /** the day the first document that FULFILLED the task was issued, if any */
  fulfilledOn?: string | null;
}

export function statusAsOf(task: StatusFacts, asOf: string): TaskStatus {
  const reportKnown = task.status !== "UNKNOWN" && (task.statusAsOf === null || task.statusAsOf <= asOf);
  if (reportKnown && task.status === "DONE") return "DONE";
  // A document that delivered the task, issued by asOf, makes it done even with no report.
  if (task.fulfilledOn && task.fulfilledOn <= asOf) return "DONE";
  if (task.deadline !== null && task.deadline < asOf) return "OVERDUE";
  return reportKnown ? task.status : "UNKNOWN";
}

export const isUnfinished = (s: TaskStatus) => s !== "DONE";

export { todayInVietnam } from "../args/index.js";
