// The status computed in Cypher (src/cypher/fragments.ts: reportOf, statusOf) agrees with the
// pure rule (src/trace/status.ts: latestReport, statusAsOf) for every task, on every date where
// something changes: each report's day and the day before, each deadline and the day after,
// each delivery and the day before. The seed gives a task at most one report, so the suite
// first writes a history on three tasks (older and newer reports, two of one day, corrections
// that supersede, one about an earlier day than what it corrects), tagged as written reports
// are, and removes it afterwards.
import type { Driver } from "neo4j-driver";

import { reportOf, statusOf } from "../../src/cypher/fragments.js";
import { REPORTS_LOAD } from "../../src/seed/load.js";
import { latestReport, statusAsOf, type ReportFacts, type TaskStatus } from "../../src/trace/status.js";
import { database, testDriver } from "../support/db.js";
import { clearWrites } from "../support/writes.js";

interface Facts { id: string; deadline: string | null; fulfilledOn: string | null; reports: ReportFacts[] }

let driver: Driver;
const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params, { database })).records.map((r) => r.toObject());

const day = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The chosen tasks: A has a seeded report of IN_PROGRESS; B and C have none; none is delivered by a document. */
let A: string, B: string, C: string, deadlineA: string, deadlineC: string;

const NOT_DELIVERED = "NOT EXISTS { (t)-[:FULFILLED_BY]->(:Document) }";
async function pick(where: string): Promise<{ id: string; deadline: string | null }> {
  const [t] = await q(`MATCH (t:Task) WHERE ${NOT_DELIVERED} AND ${where}
    RETURN t.id AS id, toString(t.deadline) AS deadline ORDER BY size(t.id), t.id LIMIT 1`);
  if (!t) throw new Error(`no seeded task fits: ${where}`);
  return t as { id: string; deadline: string | null };
}

beforeAll(async () => {
  driver = testDriver();
  const a = await pick(`t.deadline >= date('2025-05-28') AND t.deadline < date('2025-07-15')
    AND [(t)<-[:REPORTS_ON]-(r:ProgressReport) | r.status] = ['IN_PROGRESS']
    AND EXISTS { (t)<-[:REPORTS_ON]-(:ProgressReport {reportedOn: date('2025-05-24')}) }`);
  A = a.id; deadlineA = a.deadline!;
  const none = "NOT EXISTS { (t)<-[:REPORTS_ON]-(:ProgressReport) }";
  B = (await pick(`${none} AND t.deadline > date('2026-06-30')`)).id;
  const c = await pick(`${none} AND t.deadline > date('2025-10-01') AND t.deadline <= date('2026-06-30')`);
  C = c.id; deadlineC = c.deadline!;

  const reports = [
    // A: the seeded IN_PROGRESS of 2025-05-24; a DONE of 2025-05-28 corrected the same day; the deadline passes; a DONE of 2025-07-15
    { id: "test-report:1", taskId: A, reportedOn: "2025-05-28", status: "DONE", sequence: 1 },
    { id: "test-report:2", taskId: A, reportedOn: "2025-05-28", status: "IN_PROGRESS", sequence: 2, supersedes: "test-report:1" },
    { id: "test-report:5", taskId: A, reportedOn: "2025-07-15", status: "DONE", sequence: 5 },
    // B: older and newer, two of one day (the later written counts), one written later about an earlier day
    { id: "test-report:3", taskId: B, reportedOn: "2025-03-01", status: "NOT_STARTED", sequence: 3 },
    { id: "test-report:4", taskId: B, reportedOn: "2025-08-01", status: "IN_PROGRESS", sequence: 4 },
    { id: "test-report:6", taskId: B, reportedOn: "2025-08-01", status: "DONE", sequence: 6 },
    { id: "test-report:7", taskId: B, reportedOn: "2025-06-01", status: "IN_PROGRESS", sequence: 7 },
    // C: a DONE of 2025-10-01 withdrawn by a correction about 2025-09-20; then its deadline passes
    { id: "test-report:8", taskId: C, reportedOn: "2025-10-01", status: "DONE", sequence: 8 },
    { id: "test-report:9", taskId: C, reportedOn: "2025-09-20", status: "IN_PROGRESS", sequence: 9, supersedes: "test-report:8" },
  ];
  await q(`UNWIND $reports AS r
    MATCH (t:Task {id: r.taskId})
    CREATE (p:ProgressReport {id: r.id, reportedOn: date(r.reportedOn), status: r.status, sequence: r.sequence,
      submittedBy: 'test', trust: 'REPORTED', recordedAt: datetime.realtime(), load: $load})
    CREATE (p)-[:REPORTS_ON {trust: 'REPORTED', load: $load}]->(t)`, { reports, load: REPORTS_LOAD });
  await q(`UNWIND $reports AS r
    MATCH (n:ProgressReport {id: r.id}) WHERE r.supersedes IS NOT NULL
    MATCH (o:ProgressReport {id: r.supersedes})
    CREATE (n)-[:SUPERSEDES {trust: 'REPORTED', load: $load}]->(o)`, { reports, load: REPORTS_LOAD });
});

afterAll(async () => {
  await clearWrites(driver, database);
  await driver.close();
});

/** Every task's facts, read with plain Cypher (not the fragments under test). */
async function facts(): Promise<Facts[]> {
  return (await q(`MATCH (t:Task)
    RETURN t.id AS id, toString(t.deadline) AS deadline,
      [(t)-[:FULFILLED_BY]->(d:Document) WHERE d.issuedOn IS NOT NULL | toString(d.issuedOn)] AS deliveredOn,
      COLLECT { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport)
        RETURN {id: r.id, reportedOn: toString(r.reportedOn), status: r.status, sequence: r.sequence,
          superseded: EXISTS { (r)<-[:SUPERSEDES]-(:ProgressReport) }} } AS reports`)).map((t) => ({
    id: t.id as string, deadline: t.deadline as string | null,
    fulfilledOn: (t.deliveredOn as string[]).sort()[0] ?? null,
    reports: (t.reports as ReportFacts[]).map((r) => ({ ...r, sequence: Number(r.sequence) })),
  }));
}

/** The report that counts and the status, in Cypher, for every task as of `asOf`. */
async function inCypher(asOf: string): Promise<Map<string, { report: string | null; status: TaskStatus }>> {
  const rows = await q(`MATCH (t:Task) RETURN t.id AS id, (${reportOf("t")}).id AS report, ${statusOf("t")} AS status`, { asOf });
  return new Map(rows.map((r) => [r.id as string, { report: r.report as string | null, status: r.status as TaskStatus }]));
}

test("the history written for the test is what the rule reads", async () => {
  const all = await facts();
  expect(all.length).toBeGreaterThan(300);
  const reports = (id: string) => all.find((t) => t.id === id)!.reports.map((r) => `${r.id} ${r.reportedOn} ${r.status}${r.superseded ? " superseded" : ""}`).sort();
  expect(reports(A)).toEqual([`${A}@2025-05-24 2025-05-24 IN_PROGRESS`, "test-report:1 2025-05-28 DONE superseded", "test-report:2 2025-05-28 IN_PROGRESS", "test-report:5 2025-07-15 DONE"]);
  expect(reports(B)).toHaveLength(4);
  expect(reports(C)).toEqual(["test-report:8 2025-10-01 DONE superseded", "test-report:9 2025-09-20 IN_PROGRESS"]);
});

test("Cypher and the pure rule agree on every task, on every date where something changes", async () => {
  const all = await facts();
  const dates = new Set(["2025-01-01", "2025-05-24", "2025-07-01", "2025-12-31", "2026-04-01", "2030-01-01"]);
  for (const t of all) {
    for (const r of t.reports) { dates.add(r.reportedOn); dates.add(day(r.reportedOn, -1)); }
    if (t.deadline) { dates.add(t.deadline); dates.add(day(t.deadline, 1)); }
    if (t.fulfilledOn) { dates.add(t.fulfilledOn); dates.add(day(t.fulfilledOn, -1)); }
  }
  const seen = new Set<TaskStatus>();
  const disagreements: unknown[] = [];
  for (const asOf of [...dates].sort()) {
    const cypher = await inCypher(asOf);
    expect(cypher.size).toBe(all.length);
    for (const t of all) {
      const pure = { report: latestReport(t.reports, asOf)?.id ?? null, status: statusAsOf(t, asOf) };
      const got = cypher.get(t.id)!;
      if (got.report !== pure.report || got.status !== pure.status) disagreements.push({ asOf, id: t.id, pure, cypher: got });
      seen.add(got.status);
    }
  }
  expect(disagreements.slice(0, 20)).toEqual([]);
  expect(dates.size).toBeGreaterThan(50);
  // the dates exercise every status the rule can give
  expect([...seen].sort()).toEqual(["DONE", "IN_PROGRESS", "NOT_STARTED", "OVERDUE", "UNKNOWN"]);
});

test("the history gives the statuses a reader of the reports expects", async () => {
  const expected: [string, string, TaskStatus, string | null][] = [
    // [task, as of, status, the report that counts]
    [A, "2025-05-23", "UNKNOWN", null],
    [A, "2025-05-24", "IN_PROGRESS", `${A}@2025-05-24`],
    [A, "2025-05-28", "IN_PROGRESS", "test-report:2"], // the DONE was corrected
    [A, deadlineA, "IN_PROGRESS", "test-report:2"],
    [A, day(deadlineA, 1), "OVERDUE", "test-report:2"],
    [A, "2025-07-15", "DONE", "test-report:5"],
    [A, "2030-01-01", "DONE", "test-report:5"],
    [B, "2025-02-28", "UNKNOWN", null],
    [B, "2025-03-01", "NOT_STARTED", "test-report:3"],
    [B, "2025-06-15", "IN_PROGRESS", "test-report:7"],
    [B, "2025-08-01", "DONE", "test-report:6"], // two of one day: the later written
    [B, "2026-01-01", "DONE", "test-report:6"],
    [C, "2025-09-19", "UNKNOWN", null],
    [C, "2025-10-01", "IN_PROGRESS", "test-report:9"], // the correction, about an earlier day, counts
    [C, deadlineC, "IN_PROGRESS", "test-report:9"],
    [C, day(deadlineC, 1), "OVERDUE", "test-report:9"],
  ];
  const got: typeof expected = [];
  for (const [id, asOf] of expected) {
    const s = (await inCypher(asOf)).get(id)!;
    got.push([id, asOf, s.status, s.report]);
  }
  expect(got).toEqual(expected);
});
