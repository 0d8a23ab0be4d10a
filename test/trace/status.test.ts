// Status as of a date: OVERDUE when the deadline has passed and no DONE was reported by then.
import { statusAsOf, todayInVietnam } from "../../src/trace/status.js";

const task = (deadline: string | null, status: "DONE" | "IN_PROGRESS" | "NOT_STARTED" | "UNKNOWN", reportedOn: string | null) =>
  ({ deadline, status, statusAsOf: reportedOn });

describe("statusAsOf", () => {
  test("a deadline not yet passed keeps the reported status", () => {
    expect(statusAsOf(task("2025-06-30", "IN_PROGRESS", "2025-05-24"), "2025-06-01")).toBe("IN_PROGRESS");
  });
  test("the deadline day itself is not overdue", () => {
    expect(statusAsOf(task("2025-06-30", "IN_PROGRESS", "2025-05-24"), "2025-06-30")).toBe("IN_PROGRESS");
  });
  test("past the deadline without DONE is OVERDUE", () => {
    expect(statusAsOf(task("2025-06-30", "IN_PROGRESS", "2025-05-24"), "2025-07-01")).toBe("OVERDUE");
    expect(statusAsOf(task("2025-06-30", "UNKNOWN", null), "2025-07-01")).toBe("OVERDUE");
  });
  test("DONE reported by asOf stays DONE after the deadline", () => {
    expect(statusAsOf(task("2025-03-31", "DONE", "2025-05-24"), "2025-06-01")).toBe("DONE");
  });
  test("a report dated after asOf is not known on asOf", () => {
    expect(statusAsOf(task("2025-12-31", "DONE", "2025-05-24"), "2025-05-01")).toBe("UNKNOWN");
    expect(statusAsOf(task("2025-03-31", "DONE", "2025-05-24"), "2025-04-15")).toBe("OVERDUE");
  });
  test("a task delivered by a document is DONE from the document's date", () => {
    const delivered = { deadline: "2025-12-31", status: "UNKNOWN" as const, statusAsOf: null, fulfilledOn: "2025-06-12" };
    expect(statusAsOf(delivered, "2025-06-11")).toBe("UNKNOWN");
    expect(statusAsOf(delivered, "2025-06-12")).toBe("DONE");
    expect(statusAsOf(delivered, "2026-06-01")).toBe("DONE");
  });
  test("no deadline and no report is UNKNOWN", () => {
    expect(statusAsOf(task(null, "UNKNOWN", null), "2030-01-01")).toBe("UNKNOWN");
  });
});

test("today in Viet Nam is UTC+7", () => {
  expect(todayInVietnam(new Date("2025-06-30T18:00:00Z"))).toBe("2025-07-01");
  expect(todayInVietnam(new Date("2025-06-30T16:00:00Z"))).toBe("2025-06-30");
});
