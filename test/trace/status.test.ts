// Status as of a date, from a task's history of reports: the report that counts is the latest
// known by then that nothing supersedes; OVERDUE when the deadline has passed and that report
// is not DONE; DONE from the day a document delivered the task.
import { latestReport, statusAsOf, todayInVietnam, type ReportFacts, type TaskStatus } from "../../src/trace/status.js";

const report = (id: string, reportedOn: string, status: TaskStatus, sequence = 0, superseded = false): ReportFacts =>
  ({ id, reportedOn, status, sequence, superseded });
const task = (deadline: string | null, ...reports: ReportFacts[]) => ({ deadline, reports });
const oneReport = (deadline: string | null, status: TaskStatus, reportedOn: string) => task(deadline, report("r", reportedOn, status));

describe("latestReport", () => {
  const history = [
    report("t@2025-05-24", "2025-05-24", "IN_PROGRESS"),
    report("report:3", "2025-09-30", "IN_PROGRESS", 3),
    report("report:1", "2025-09-01", "NOT_STARTED", 1),
  ];
  test("none before the first report, or with no reports", () => {
    expect(latestReport(history, "2025-05-23")).toBeNull();
    expect(latestReport([], "2030-01-01")).toBeNull();
  });
  test("the latest reported on or before asOf, whatever order the reports come in", () => {
    expect(latestReport(history, "2025-05-24")?.id).toBe("t@2025-05-24");
    expect(latestReport(history, "2025-09-29")?.id).toBe("report:1");
    expect(latestReport(history, "2025-09-30")?.id).toBe("report:3");
    expect(latestReport([...history].reverse(), "2026-01-01")?.id).toBe("report:3");
  });
  test("it is the day reported on that orders reports, not the order written", () => {
    // report:1 was written before report:3 but is about a later day
    const late = [report("report:1", "2025-10-15", "DONE", 1), report("report:3", "2025-09-30", "IN_PROGRESS", 3)];
    expect(latestReport(late, "2025-10-20")?.id).toBe("report:1");
  });
  test("two reports of one day: the later written counts", () => {
    const sameDay = [report("report:7", "2025-09-30", "DONE", 7), report("report:4", "2025-09-30", "IN_PROGRESS", 4)];
    expect(latestReport(sameDay, "2025-09-30")?.id).toBe("report:7");
  });
  test("a superseded report never counts: its correction, or the report before it, does", () => {
    const corrected = [
      report("t@2025-05-24", "2025-05-24", "IN_PROGRESS"),
      report("report:5", "2025-09-30", "DONE", 5, true),
      // the correction is about an earlier day than the report it corrects
      report("report:6", "2025-09-15", "IN_PROGRESS", 6),
    ];
    expect(latestReport(corrected, "2025-10-01")?.id).toBe("report:6");
    expect(latestReport(corrected, "2025-09-14")?.id).toBe("t@2025-05-24");
    expect(latestReport([report("only", "2025-01-01", "DONE", 1, true)], "2026-01-01")).toBeNull();
  });
});

describe("statusAsOf", () => {
  test("a deadline not yet passed keeps the reported status", () => {
    expect(statusAsOf(oneReport("2025-06-30", "IN_PROGRESS", "2025-05-24"), "2025-06-01")).toBe("IN_PROGRESS");
  });
  test("the deadline day itself is not overdue", () => {
    expect(statusAsOf(oneReport("2025-06-30", "IN_PROGRESS", "2025-05-24"), "2025-06-30")).toBe("IN_PROGRESS");
  });
  test("past the deadline without DONE is OVERDUE", () => {
    expect(statusAsOf(oneReport("2025-06-30", "IN_PROGRESS", "2025-05-24"), "2025-07-01")).toBe("OVERDUE");
    expect(statusAsOf(task("2025-06-30"), "2025-07-01")).toBe("OVERDUE");
  });
  test("DONE reported by asOf stays DONE after the deadline", () => {
    expect(statusAsOf(oneReport("2025-03-31", "DONE", "2025-05-24"), "2025-06-01")).toBe("DONE");
  });
  test("a report dated after asOf is not known on asOf", () => {
    expect(statusAsOf(oneReport("2025-12-31", "DONE", "2025-05-24"), "2025-05-01")).toBe("UNKNOWN");
    expect(statusAsOf(oneReport("2025-03-31", "DONE", "2025-05-24"), "2025-04-15")).toBe("OVERDUE");
  });
  test("a report of UNKNOWN says nothing", () => {
    expect(statusAsOf(oneReport("2025-12-31", "UNKNOWN", "2025-05-24"), "2025-06-01")).toBe("UNKNOWN");
    expect(statusAsOf(oneReport("2025-03-31", "UNKNOWN", "2025-05-24"), "2025-06-01")).toBe("OVERDUE");
  });
  test("the status follows the history: a newer report replaces an older one from its day", () => {
    const t = task("2025-12-31", report("t@2025-05-24", "2025-05-24", "NOT_STARTED"), report("report:2", "2025-09-30", "IN_PROGRESS", 2), report("report:3", "2025-11-30", "DONE", 3));
    expect(statusAsOf(t, "2025-09-29")).toBe("NOT_STARTED");
    expect(statusAsOf(t, "2025-09-30")).toBe("IN_PROGRESS");
    expect(statusAsOf(t, "2025-11-30")).toBe("DONE");
    expect(statusAsOf(t, "2026-06-01")).toBe("DONE");
  });
  test("a DONE that a correction superseded is not DONE: past the deadline the task is OVERDUE", () => {
    const t = task("2025-10-31", report("report:2", "2025-09-30", "DONE", 2, true), report("report:3", "2025-09-30", "IN_PROGRESS", 3));
    expect(statusAsOf(t, "2025-10-01")).toBe("IN_PROGRESS");
    expect(statusAsOf(t, "2025-11-01")).toBe("OVERDUE");
  });
  test("a task delivered by a document is DONE from the document's date", () => {
    const delivered = { ...task("2025-12-31"), fulfilledOn: "2025-06-12" };
    expect(statusAsOf(delivered, "2025-06-11")).toBe("UNKNOWN");
    expect(statusAsOf(delivered, "2025-06-12")).toBe("DONE");
    expect(statusAsOf(delivered, "2026-06-01")).toBe("DONE");
  });
  test("no deadline and no report is UNKNOWN", () => {
    expect(statusAsOf(task(null), "2030-01-01")).toBe("UNKNOWN");
  });
});

test("today in Viet Nam is UTC+7", () => {
  expect(todayInVietnam(new Date("2025-06-30T18:00:00Z"))).toBe("2025-07-01");
  expect(todayInVietnam(new Date("2025-06-30T16:00:00Z"))).toBe("2025-06-30");
});
