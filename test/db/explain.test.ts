// Every statement the project sends — its own questions and the Cypher @neo4j/graphql
// generates behind the named operations — is EXPLAINed: none may scan all nodes, and an
// anchored question (one id, one agency, one directive, one period) may not scan every Task.
// The statements are the ones the gateway saw while the questions ran on the seeded graph,
// the writes included: the named mutations run once each as a curator (a report and its
// correction, a figure), then the changes and the audit log are read; the writes are removed
// afterwards.
import type { Driver } from "neo4j-driver";

import * as analytics from "../../src/analytics/index.js";
import { onStatement, type Statement } from "../../src/db/gateway.js";
import { subgraph } from "../../src/export/index.js";
import { createContext } from "../../src/graphql/context.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { buildModel } from "../../src/model/index.js";
import { auditLog, changes } from "../../src/reports/index.js";
import { parseProgress } from "../../src/reports/rules.js";
import { writeProgress } from "../../src/reports/write.js";
import { search } from "../../src/search/index.js";
import { trace } from "../../src/trace/index.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { database } from "../support/db.js";
import { clearWrites } from "../support/writes.js";

interface PlanNode { operatorType: string; arguments: Record<string, unknown>; children: PlanNode[] }

const operators = (p: PlanNode): { op: string; details: string }[] =>
  [{ op: p.operatorType.replace(/@.*/, ""), details: String(p.arguments.Details ?? "") }, ...p.children.flatMap(operators)];

/** Whole-graph questions, which may read every Task: the dashboard with no scope and no agency. */
const unanchored = (s: Statement) => s.operation.startsWith("dashboard.") && s.params.scope == null && s.params.agencyId == null;

let t: TestApp;
let driver: Driver;
const seen = new Map<string, Statement>();
let stop: () => void;

beforeAll(async () => {
  t = await startTestApp();
  driver = t.driver;
  stop = onStatement((s) => { if (!seen.has(s.cypher)) seen.set(s.cypher, s); });
  const db = { driver, database };
  const curator = { subject: "explain-curator", role: "CURATOR" as const, agencyId: null };
  const [target] = (await driver.executeQuery("MATCH (t:Target)-[:MONITORED_BY]->(:Agency) RETURN t.id AS id ORDER BY id LIMIT 1", {}, { database })).records;
  // the mutations' inputs: a report on a seeded task, a figure for a monitored target
  const variables: Record<string, Record<string, unknown>> = {
    ReportProgress: { input: { taskId: "71/NQ-CP#3", status: "DONE", reportedOn: "2025-06-15", evidence: { documentId: "71/NQ-CP" } } },
    ReportIndicator: { input: { targetId: target!.get("id"), value: 1.5, reportedOn: "2025-06-15" } },
  };
  const ops = namedOperations({ mutations: true });
  expect(ops.filter((op) => op.kind === "mutation").map((op) => op.name).sort()).toEqual(Object.keys(variables).sort());
  for (const op of ops) {
    const res = await t.app.apollo.executeOperation(
      { query: op.text, operationName: op.name, variables: variables[op.name] },
      { contextValue: createContext(db, op.name, async () => curator) },
    );
    if (res.body.kind === "single" && res.body.singleResult.errors) throw new Error(`${op.name}: ${res.body.singleResult.errors[0]!.message}`);
  }
  // a correction (the supersedes lookup), then what dashboards and curators read of the writes
  const first = (await driver.executeQuery("MATCH (r:ProgressReport {load: 'reports'}) RETURN r.id AS id ORDER BY r.sequence LIMIT 1", {}, { database })).records[0]!.get("id") as string;
  await writeProgress({ db, identity: curator, requestId: "explain", action: "reportProgress" }, [{ input: parseProgress({ taskId: "71/NQ-CP#3", status: "IN_PROGRESS", reportedOn: "2025-06-15", supersedes: first }) }]);
  // a reporter's facts (its rows' owners on their date), judged only: nothing is written
  const reporter = { subject: "explain-reporter", role: "REPORTER" as const, agencyId: "bo-noi-vu" };
  await writeProgress({ db, identity: reporter, requestId: "explain", action: "reportProgress", judgeOnly: true }, [{ input: parseProgress({ taskId: "71/NQ-CP#3", status: "IN_PROGRESS", reportedOn: "2025-06-15" }) }])
    .catch((e: { code?: string }) => expect(e.code).toBe("FORBIDDEN"));
  await changes(db, { since: "2025-01-01T00:00:00Z", offset: 0, limit: 10 });
  for (const since of [null, "2025-01-01T00:00:00Z"]) for (const agencyId of [null, "bo-noi-vu"]) await auditLog(db, { since, agencyId, offset: 0, limit: 10 });
  // every variant of every analysis, beyond what the named operations use
  const asOf = "2025-07-01";
  await trace(db, { id: "03/NQ-CP", asOf, limit: 10, offset: 5 });
  for (const which of ["ALL", "OVERDUE", "UPCOMING"] as const) await analytics.workloadTasks(db, { id: "bo-noi-vu", asOf, which });
  for (const [agencyId, documentId] of [[null, null], ["bo-noi-vu", null], [null, "03/NQ-CP"], ["bo-noi-vu", "03/NQ-CP"]]) {
    await analytics.deadlines(db, { from: "2025-01-01", to: "2025-12-31", agencyId, documentId, asOf });
  }
  for (const direction of ["UPSTREAM", "DOWNSTREAM"] as const) await analytics.dependencies(db, { id: "03/NQ-CP#14", direction });
  await analytics.blockedByOverdue(db, { id: "EV-2025-10-15", asOf });
  await analytics.criticalPath(db, { id: "03/NQ-CP", asOf });
  const all = ["total", "byStatus", "byAgency", "byDeadlineMonth", "bySection", "byTechnologyGroup", "completionByDocument", "completionByAgency", "targetsByHorizon"] as const;
  for (const [agencyId, documentId] of [[null, null], ["bo-noi-vu", null], [null, "71/NQ-CP"], ["bo-noi-vu", "71/NQ-CP"]]) {
    const d = await analytics.dashboard(db, { asOf, documentId, agencyId });
    await analytics.panels(db, d, all);
    for (const panel of all) await analytics.panels(db, d, [panel]);
  }
  await analytics.connections(db, { from: "bo-cong-an", to: "57-NQ/TW" });
  await search(db, { text: "trí tuệ nhân tạo" });
  await subgraph(db, buildModel(), { seeds: ["71/NQ-CP"], depth: 1 });
  stop();
}, 300_000);

afterAll(async () => {
  await clearWrites(t.driver, database);
  await t.close();
});

test("the questions sent a statement of every kind", () => {
  const names = new Set([...seen.values()].map((s) => s.operation));
  expect(seen.size).toBeGreaterThan(40);
  for (const n of ["trace.page", "agencyWorkload.summary", "deadlines.agency_and_document", "dashboard.byAgency", "graphql:DocumentRelations", "search",
    "task.status", "graphql:TaskHistory", "graphql:ReportProgress", "graphql:ReportIndicator", "reports.lock", "reports.facts", "reports.create", "reports.record",
    "reports.changes", "reports.audit"]) expect(names).toContain(n);
  // the audit log's four variants (with and without since and agency)
  expect([...seen.values()].filter((s) => s.operation === "reports.audit")).toHaveLength(4);
});

async function scans(s: Statement): Promise<string[]> {
  const cypher = s.cypher.replace(/^\s*CYPHER 5\s*/, "");
  const { summary } = await driver.executeQuery(`EXPLAIN ${cypher}`, s.params, { database });
  const problems: string[] = [];
  for (const { op, details } of operators(summary.plan as unknown as PlanNode)) {
    if (op === "AllNodesScan") problems.push(`${s.operation}: AllNodesScan ${details}`);
    if (!unanchored(s) && /NodeByLabel/.test(op) && /:Task\b/.test(details)) problems.push(`${s.operation}: ${op} ${details}`);
  }
  return problems;
}

test("no statement scans all nodes; no anchored one scans every Task", async () => {
  const problems: string[] = [];
  for (const s of seen.values()) problems.push(...(await scans(s)));
  expect(problems).toEqual([]);
});

test("the check catches what it is for: a label-less lookup, a Task scan for one agency", async () => {
  expect(await scans({ operation: "probe", cypher: "MATCH (n {id: $id}) RETURN n", params: { id: "57-NQ/TW" }, mode: "READ" })).toEqual(["probe: AllNodesScan n"]);
  const taskScan = await scans({ operation: "probe", cypher: "MATCH (t:Task) WHERE EXISTS { (t)-[:LED_BY]->(:Agency {id: $id}) } RETURN count(t)", params: { id: "bo-noi-vu" }, mode: "READ" });
  expect(taskScan.join()).toMatch(/NodeByLabelScan t:Task/);
});
