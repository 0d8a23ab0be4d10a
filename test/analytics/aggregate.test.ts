// The analyses as pure functions: critical path, workload membership through succession,
// deadline filters and dashboard counts — on small hand-made task facts.
import { criticalPath, dashboard, deadlinesBetween, ownsAs, workload, type TaskFact } from "../../src/analytics/aggregate.js";
import type { AgencyRef } from "../../src/trace/index.js";
import type { TaskStatus } from "../../src/trace/status.js";

const agency = (id: string): AgencyRef => ({ id, nameVi: id, nameEn: id, kind: "MINISTRY", abbreviation: null });
const fact = (id: string, status: TaskStatus, deadline: string | null, lead: [string, string] = ["a", "a"], origin = "DOC"): TaskFact => ({
  task: { id, type: "Task", titleVi: id, titleEn: id, deadline, deadlineText: deadline, status, reportedStatus: status, statusAsOf: null, fulfilledOn: null },
  leads: [{ assigned: agency(lead[0]), today: [agency(lead[1])] }],
  coordinators: [],
  origin: { id: origin, titleVi: origin, titleEn: origin },
  section: null,
  technologies: [],
});

describe("criticalPath", () => {
  const facts = [
    fact("law", "OVERDUE", "2025-06-30"),
    fact("decree", "UNKNOWN", "2025-12-31"),
    fact("circular", "UNKNOWN", "2026-03-31"),
    fact("side", "UNKNOWN", "2026-06-30"),
    fact("done", "DONE", "2025-01-31"),
  ];
  const edges: [string, string][] = [["decree", "law"], ["circular", "decree"], ["side", "done"]];

  test("is the longest chain of unfinished dependent tasks, first to do first", () => {
    const p = criticalPath(facts, edges, "2026-04-10");
    expect(p.tasks.map((f) => f.task.id)).toEqual(["law", "decree", "circular"]);
    expect(p.end?.task.id).toBe("circular");
    expect(p.daysLate).toBe(10);
  });

  test("finished work breaks a chain; an end not yet due is 0 days late", () => {
    const p = criticalPath(facts.map((f) => (f.task.id === "law" ? { ...f, task: { ...f.task, status: "DONE" as const } } : f)), edges, "2026-01-01");
    expect(p.tasks.map((f) => f.task.id)).toEqual(["decree", "circular"]);
    expect(p.daysLate).toBe(0);
  });

  test("no unfinished task: an empty path", () => {
    expect(criticalPath([fact("x", "DONE", null)], [], "2026-01-01")).toEqual({ tasks: [], end: null, daysLate: null });
  });
});

describe("workload", () => {
  const facts = [
    fact("t1", "OVERDUE", "2025-05-31", ["old-ministry", "new-ministry"]),
    fact("t2", "UNKNOWN", "2025-09-30", ["new-ministry", "new-ministry"], "OTHER"),
    fact("t3", "UNKNOWN", "2025-07-31", ["someone-else", "someone-else"]),
  ];

  test("an agency owns what it was assigned and what it inherited", () => {
    expect(ownsAs(facts[0]!, "new-ministry")).toEqual({ role: "LEAD", inheritedFrom: agency("old-ministry") });
    expect(ownsAs(facts[0]!, "old-ministry")).toEqual({ role: "LEAD", inheritedFrom: null });
    expect(ownsAs(facts[2]!, "new-ministry")).toBeNull();
  });

  test("groups by status, lists overdue work and the next deadlines, and the documents", () => {
    const w = workload(facts, "new-ministry", "2025-06-15", 5);
    expect(w.lead).toEqual({ total: 2, byStatus: [{ status: "OVERDUE", count: 1 }, { status: "UNKNOWN", count: 1 }] });
    expect(w.inherited).toBe(1);
    expect(w.overdue.map((t) => t.task.id)).toEqual(["t1"]);
    expect(w.nextDeadlines.map((t) => t.task.id)).toEqual(["t2"]);
    expect(w.documents.map((d) => [d.document.id, d.count])).toEqual([["DOC", 1], ["OTHER", 1]]);
  });
});

test("deadlinesBetween filters by period, agency and status, in date order", () => {
  const facts = [fact("b", "UNKNOWN", "2025-06-30"), fact("a", "OVERDUE", "2025-04-30"), fact("c", "UNKNOWN", "2025-07-31"), fact("n", "UNKNOWN", null)];
  expect(deadlinesBetween(facts, { from: "2025-04-01", to: "2025-06-30" }).map((f) => f.task.id)).toEqual(["a", "b"]);
  expect(deadlinesBetween(facts, { from: "2025-01-01", to: "2025-12-31", status: "OVERDUE" }).map((f) => f.task.id)).toEqual(["a"]);
  expect(deadlinesBetween(facts, { from: "2025-01-01", to: "2025-12-31", agencyId: "nobody" })).toEqual([]);
});

test("dashboard counts add up", () => {
  const facts = [fact("a", "DONE", "2025-04-30"), fact("b", "OVERDUE", "2025-04-15"), fact("c", "UNKNOWN", "2025-06-30", ["x", "y"])];
  const d = dashboard(facts);
  expect(d.totalTasks).toBe(3);
  expect(d.byDeadlineMonth).toEqual([{ month: "2025-04", total: 2, done: 1, overdue: 1 }, { month: "2025-06", total: 1, done: 0, overdue: 0 }]);
  expect(d.completionByDocument).toEqual([{ group: { id: "DOC", titleVi: "DOC", titleEn: "DOC" }, total: 3, done: 1, overdue: 1, completionRate: 0.333 }]);
  expect(d.completionByAgency.map((g) => [g.group.id, g.total])).toEqual([["a", 2], ["y", 1]]);
});
