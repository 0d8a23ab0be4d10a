// Every named operation in queries/ runs against the seeded graph and gives the answer its
// comment promises. An operation added without a check here fails this test.
import { statusOf } from "../../src/cypher/fragments.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { database } from "../support/db.js";

type Data = Record<string, any>;

const cypher = async (q: string, params: Record<string, unknown> = {}) =>
  (await t.driver.executeQuery(q, params, { database })).records.map((r) => r.toObject() as Data);

const checks: Record<string, (data: Data) => void | Promise<void>> = {
  TraceDirective: (d) => {
    expect(d.trace.root.id).toBe("57-NQ/TW");
    expect(d.trace.totalTasks).toBeGreaterThan(100);
    expect(d.trace.tasks).toHaveLength(100);
    for (const t of d.trace.tasks) expect(t.sources.length).toBeGreaterThan(0);
  },
  AgencySuccession: (d) => {
    const [mic] = d.agencies;
    expect(mic.nameVi).toBe("Bộ Thông tin và Truyền thông");
    expect(mic.dissolvedOn).toBe("2025-03-01");
    const main = mic.succeededByConnection.edges.filter((e: Data) => e.properties.main);
    expect(main.map((e: Data) => e.node.id)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
    expect(main[0].properties.kind).toBe("STATED");
    expect(mic.succeededByConnection.totalCount).toBe(mic.succeededByConnection.edges.length);
    expect(mic.predecessorsConnection.totalCount).toBe(mic.predecessorsConnection.edges.length);
  },
  MeetingDirections: (d) => {
    const [ev] = d.events;
    expect(ev.date).toBe("2025-07-02");
    expect(ev.tasks.length).toBeGreaterThanOrEqual(21);
    expect(ev.indicators.map((i: Data) => i.valueText)).toEqual(expect.arrayContaining(["858"]));
    expect(ev.attendedByConnection.edges.map((e: Data) => e.node.id)).toContain("nghe-an");
  },
  DocumentRelations: (d) => {
    const [r57] = d.documents;
    expect(r57.issuedOn).toBe("2024-12-22");
    expect(r57.implementedBy.map((x: Data) => x.id)).toEqual(expect.arrayContaining(["03/NQ-CP", "02-KH/BCĐTW"]));
    const programme = r57.implementedBy.find((x: Data) => x.id === "03/NQ-CP");
    expect(programme.amendedBy.map((x: Data) => x.id)).toContain("71/NQ-CP");
  },
  SearchPolicies: (d) => {
    expect(d.search[0]).toMatchObject({ id: "bo-cong-an", type: "Agency", titleVi: "Bộ Công an" });
    expect(d.search).toHaveLength(20);
    expect(d.search.filter((h: Data) => h.type === "Task").length).toBeGreaterThan(5);
  },
  UnverifiedTechnologyGroups: (d) => {
    const codes1131 = d.technologyGroups.filter((g: Data) => g.id.startsWith("1131/")).map((g: Data) => g.code);
    expect(codes1131).toEqual([7, 8, 9, 10, 11]);
  },
};

Object.assign(checks, {
  AgencyWorkload: (d: Data) => {
    const w = d.agencyWorkload;
    expect(w.predecessors.map((p: Data) => p.id)).toEqual(["bo-thong-tin-va-truyen-thong"]);
    // the README's numbers: a task assigned both to the ministry and to its predecessor is not inherited
    expect(w.lead).toEqual({ total: 76, byStatus: [{ status: "DONE", count: 15 }, { status: "OVERDUE", count: 9 }, { status: "UNKNOWN", count: 52 }] });
    expect(w.coordinating.total).toBe(31);
    expect(w.inherited).toBe(37);
    expect(w.overdue.items.map((o: Data) => o.task.id)).toContain("03/NQ-CP#8");
    expect(w.overdue.total).toBe(w.overdue.items.length);
    expect(w.overdue.hasNextPage).toBe(false);
    for (const t of w.nextDeadlines) expect(t.task.deadline >= "2025-06-01").toBe(true);
  },
  DependencyChain: (d: Data) => {
    const to = d.dependencies.edges.filter((e: Data) => e.depth === 1).map((e: Data) => e.to.id).sort();
    expect(to).toEqual(["03/NQ-CP#14", "03/NQ-CP#15", "03/NQ-CP#16", "03/NQ-CP#17", "03/NQ-CP#21"]);
  },
  CriticalPath: (d: Data) => {
    const c = d.criticalPath;
    expect(c.length).toBe(c.tasks.length);
    expect(c.length).toBeGreaterThanOrEqual(2);
    expect(c.end.id).toBe(c.tasks.at(-1).task.id);
    expect(c.daysLate).toBeGreaterThan(0);
  },
  BlockedByOverdue: (d: Data) => {
    expect(d.blockedByOverdue.total).toBe(11);
    expect(d.blockedByOverdue.items).toHaveLength(11);
    const blocked = d.blockedByOverdue.items.find((b: Data) => b.task.id === "EV-2025-10-15#9");
    expect(blocked.overdueBlockers.map((b: Data) => b.id).sort()).toEqual(["03/NQ-CP#15", "03/NQ-CP#16", "03/NQ-CP#17"]);
  },
  DeadlineTimeline: (d: Data) => {
    expect(d.deadlines.total).toBe(d.deadlines.items.length);
    const dates = d.deadlines.items.map((x: Data) => x.task.deadline);
    expect(dates.length).toBeGreaterThan(10);
    expect([...dates].sort()).toEqual(dates);
    for (const x of dates) expect(x >= "2025-04-01" && x <= "2025-06-30").toBe(true);
  },
  Connections: (d: Data) => {
    expect(d.connections.length).toBeGreaterThan(0);
    for (const p of d.connections) {
      expect(p.nodes[0].id).toBe("bo-cong-an");
      expect(p.nodes.at(-1).id).toBe("1131/QĐ-TTg#1");
      for (const e of p.edges) expect(e.quote).toBeTruthy();
    }
  },
  Dashboard: (d: Data) => {
    const b = d.dashboard;
    expect(b.totalTasks).toBe(358);
    expect(b.byStatus.reduce((n: number, s: Data) => n + s.count, 0)).toBe(358);
    expect(b.targetsByHorizon.map((h: Data) => h.year)).toEqual(expect.arrayContaining([2030, 2045]));
    expect(b.completionByDocument.find((c: Data) => c.group.id === "71/NQ-CP")).toMatchObject({ total: 37 });
  },
  DocumentTaskCounts: (d: Data) => {
    const byId = Object.fromEntries(d.documents.map((x: Data) => [x.id, x]));
    expect(byId["71/NQ-CP"].tasksConnection.aggregate.count.nodes).toBe(37);
    expect(byId["57-NQ/TW"].sectionsConnection.aggregate.count.nodes).toBe(4);
  },
  TargetsByHorizon: (d: Data) => {
    expect(d.to2030.aggregate.count.nodes).toBe(72);
    expect(d.to2045.aggregate.count.nodes).toBe(11);
    expect(d.monitoredBy.map((a: Data) => a.id)).toContain("bo-khoa-hoc-va-cong-nghe");
  },
  ProgressReport71: async (d: Data) => {
    expect(d.tasks).toHaveLength(37);
    const first = d.tasks.find((t: Data) => t.id === "71/NQ-CP#1");
    expect(first.updatesConnection.edges[0]).toMatchObject({ node: { id: "03/NQ-CP#1" }, properties: { changes: ["DEADLINE", "OWNER"] } });
    // each task's report of 24/05/2025 with its source's quote, its status as of then, and its history, as Cypher reads them
    const truth = await cypher(`
      MATCH (t:Task) WHERE t.id STARTS WITH '71/NQ-CP#'
      RETURN t.id AS id, ${statusOf("t")} AS status,
        COLLECT { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport) WHERE r.reportedOn <= date($asOf)
          MATCH (r)-[c:SOURCED_FROM]->(s:Source)
          RETURN {id: r.id, reportedOn: toString(r.reportedOn), status: r.status, source: s.id, quote: c.quote} } AS said,
        COLLECT { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport) RETURN {id: r.id, reportedOn: toString(r.reportedOn), status: r.status, trust: r.trust}
          ORDER BY r.reportedOn DESC, r.sequence DESC LIMIT 5 } AS reports
      ORDER BY id`, { asOf: "2025-05-24" });
    expect(truth).toHaveLength(37);
    expect(d.tasks.map((t: Data) => ({
      id: t.id, status: t.status, reports: t.reports,
      said: [{ ...t.latestReport, sourcesConnection: undefined, source: t.latestReport.sourcesConnection.edges[0].node.id, quote: t.latestReport.sourcesConnection.edges[0].properties.quote }],
    }))).toEqual(truth.map((t) => ({ ...t, said: (t.said as Data[]).map((r) => ({ ...r, sourcesConnection: undefined })) })));
    // the seed reports every 71/NQ-CP task on that day
    for (const t of d.tasks) expect(t.latestReport).toMatchObject({ id: `${t.id}@2025-05-24`, reportedOn: "2025-05-24" });
    expect(new Set(d.tasks.map((t: Data) => t.status))).toEqual(new Set(["DONE", "IN_PROGRESS", "OVERDUE"]));
  },
  TaskHistory: async (d: Data) => {
    const [task] = d.tasks;
    expect(task).toMatchObject({ id: "71/NQ-CP#3", deadline: "2025-05-31", status: "IN_PROGRESS", reportCount: 1,
      latestReport: { id: "71/NQ-CP#3@2025-05-24", reportedOn: "2025-05-24", status: "IN_PROGRESS" } });
    const [cited] = await cypher(`MATCH (:Task {id: '71/NQ-CP#3'})<-[:REPORTS_ON]-(r:ProgressReport)-[c:SOURCED_FROM]->(s:Source)
      RETURN s.id AS id, s.file AS file, c.quote AS quote, c.trust AS trust, r.trust AS reportTrust`);
    // the seeded report: no agency or evidence of its own (its source says who), never corrected
    expect(task.reports).toEqual([{
      id: "71/NQ-CP#3@2025-05-24", reportedOn: "2025-05-24", status: "IN_PROGRESS", percent: null, note: null, evidenceUrl: null,
      submittedBy: "seed", recordedAt: null, sequence: 0, trust: cited!.reportTrust, agency: [], evidence: [], supersedes: [], supersededBy: [],
      sourcesConnection: { edges: [{ node: { id: cited!.id, file: cited!.file }, properties: { quote: cited!.quote, trust: cited!.trust } }] },
    }]);
  },
  Changes: async (d: Data) => {
    const c = d.changes;
    // the seed writes nothing through the API: no change since 2025, and no write order yet
    const [written] = await cypher(`CALL () { MATCH (r:ProgressReport) WHERE r.recordedAt > datetime('2025-01-01T00:00:00Z') RETURN count(r) AS reports }
      CALL () { MATCH (i:Indicator) WHERE i.recordedAt > datetime('2025-01-01T00:00:00Z') RETURN count(i) AS figures }
      OPTIONAL MATCH (m:SeedMeta {key: 'reports'}) RETURN reports + figures AS total, coalesce(m.writes, 0) AS last`);
    expect(c).toEqual({ lastSequence: Number(written!.last), lastWriteAt: null, total: Number(written!.total), hasNextPage: false, items: [] });
    expect(c.total).toBe(0);
  },
  Warnings: (d: Data) => {
    const w = d.warnings;
    const count = Object.fromEntries(w.countsByKind.map((c: Data) => [c.kind, c.count]));
    // the README's numbers, as of 2 July 2025
    expect(count).toMatchObject({ DUE_SOON_UNREPORTED: 1, OVERDUE: 36, ORPHANED_OWNER: 1, BLOCKED_BY_OVERDUE: 6 });
    expect(w.total).toBe(w.countsByKind.reduce((n: number, c: Data) => n + c.count, 0));
    expect(w.items).toHaveLength(w.total);
    expect(w.items.find((i: Data) => i.kind === "DUE_SOON_UNREPORTED")).toMatchObject({ task: { id: "03/NQ-CP#29" }, reason: "due 2025-07-31, in 29 days; no report at all" });
    expect(w.items.find((i: Data) => i.kind === "ORPHANED_OWNER")).toMatchObject({ task: { id: "03/NQ-CP#111" }, reason: "coordinating agency Bình Dương, dissolved 2025-07-01, has no successor" });
  },
  TargetProgress: (d: Data) => {
    expect(d.targets).toHaveLength(20);
    for (const g of d.targets) expect(g.progress).toMatchObject({ targetOn: `${g.year}-12-31`, rule: expect.any(String) });
  },
  TechnologyGroupTasks: (d: Data) => {
    const [g] = d.technologyGroups;
    expect(g.succeededBy.map((x: Data) => x.id)).toEqual(["21/2026/QĐ-TTg#6"]);
    expect(g.tasksConnection.edges.length).toBeGreaterThan(0);
    for (const e of g.tasksConnection.edges) expect(e.properties.matched.length).toBeGreaterThan(0);
  },
});

const operations = namedOperations();

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

test("every operation is named, says who asks it and why, and has a check", () => {
  expect(operations.length).toBeGreaterThanOrEqual(15);
  for (const op of operations) {
    expect({ file: op.file, named: op.name !== "" }).toEqual({ file: op.file, named: true });
    expect({ file: op.file, comment: /^# Who asks: .+\n# Why: /m.test(op.text) }).toEqual({ file: op.file, comment: true });
    expect(Object.keys(checks)).toContain(op.name);
  }
});

test("every operation is well within the request bounds (src/graphql/armor.ts): half of each still passes", async () => {
  const { parse: parseWith, validate } = await import("graphql");
  const { REQUEST_LIMITS } = await import("../../src/graphql/armor.js");
  const { buildSchema } = await import("../../src/graphql/schema.js");
  const { costLimitRule } = await import("@escape.tech/graphql-armor-cost-limit");
  const { maxAliasesRule } = await import("@escape.tech/graphql-armor-max-aliases");
  const { maxDirectivesRule } = await import("@escape.tech/graphql-armor-max-directives");
  const { schema } = await buildSchema();
  const half = { propagateOnRejection: true, exposeLimits: true };
  for (const op of operations) {
    const doc = parseWith(op.text, { maxTokens: REQUEST_LIMITS.maxTokens / 2 });
    const errors = validate(schema, doc, [
      costLimitRule({ maxCost: REQUEST_LIMITS.maxCost / 2, ...half }),
      maxAliasesRule({ n: REQUEST_LIMITS.maxAliases / 2, ...half }),
      maxDirectivesRule({ n: REQUEST_LIMITS.maxDirectives / 2, ...half }),
    ]);
    expect({ op: op.name, errors: errors.map((e) => e.message) }).toEqual({ op: op.name, errors: [] });
  }
});

test.each(operations.map((op) => [op.name, op]))("%s answers on the seeded graph", async (_name, op) => {
  const res = await t.app.apollo.executeOperation({ query: op.text, operationName: op.name }, { contextValue: t.context() });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  expect(res.body.singleResult.errors).toBeUndefined();
  await checks[op.name]!(res.body.singleResult.data as Data);
});
