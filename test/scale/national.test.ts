// Right at any size: on a generated national graph larger than every cap (the real seed plus
// a synthetic country of > 10,000 tasks, in a throw-away Neo4j of its own), every analysis,
// the trace's total and pages, each task's status from its history of reports, and the
// generated API's limits agree with Cypher written here by hand. Timings are not asserted
// (they live in `npm run bench`).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";

import * as analytics from "../../src/analytics/index.js";
import { checkServer } from "../../src/db/compat.js";
import { BULK_LOAD_RETRIES, createDriver } from "../../src/db/driver.js";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../src/db/localNeo4j.js";
import { ensureSchema } from "../../src/db/migrations.js";
import { createContext } from "../../src/graphql/context.js";
import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { loadSeed } from "../../src/seed/load.js";
import { createApp, type App } from "../../src/server/app.js";
import { generateNational } from "../../src/synthetic/index.js";
import { trace } from "../../src/trace/index.js";
import { config } from "../support/db.js";

const ASOF = "2026-04-01";
/** A report of task `t` that counts on $asOf: reported by then, withdrawn by no report. */
const KNOWN = (t: string, r: string) => `(${t})<-[:REPORTS_ON]-(${r}:ProgressReport) WHERE ${r}.reportedOn <= date($asOf) AND NOT EXISTS { (${r})<-[:SUPERSEDES]-(:ProgressReport) }`;
/** What task `t`'s report as of $asOf says: the known report that no known report comes after (by day, then by order written). */
const REPORTED = (t: string) => `COLLECT { MATCH ${KNOWN(t, "said")}
  AND NOT EXISTS { MATCH ${KNOWN(t, "newer")} AND (newer.reportedOn > said.reportedOn OR (newer.reportedOn = said.reportedOn AND newer.sequence > said.sequence)) }
  RETURN said.status }[0]`;
/** The status rule, written out again here (src/trace/status.ts is the specification). */
const STATUS = (t: string) => `CASE
  WHEN ${REPORTED(t)} = 'DONE' THEN 'DONE'
  WHEN EXISTS { MATCH (${t})-[:FULFILLED_BY]->(d:Document) WHERE d.issuedOn <= date($asOf) } THEN 'DONE'
  WHEN ${t}.deadline < date($asOf) THEN 'OVERDUE'
  ELSE coalesce(${REPORTED(t)}, 'UNKNOWN') END`;
const UNDER = "PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED";

let local: LocalNeo4j;
let dataDir: string;
let driver: Driver;
let app: App;
const db = () => ({ driver });

async function cypher<T = number>(query: string, params: Record<string, unknown> = {}): Promise<T> {
  const { records } = await driver.executeQuery(query, { asOf: ASOF, ...params });
  return records[0]!.get(0) as T;
}

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await app.apollo.executeOperation({ query, variables }, { contextValue: createContext(db()) });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  return res.body.singleResult;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-scale-"));
  local = await startLocalNeo4j({ home: config.NEO4J_HOME, dataDir, port: await freePort(), pageCache: "256m", heap: "1g", log: () => undefined });
  driver = createDriver({ uri: local.uri, user: local.user, password: local.password }, BULK_LOAD_RETRIES);
  const model = buildModel();
  await ensureSchema(driver, undefined, model);
  await loadSeed(driver, undefined, readConfiguredSeed(config), model);
  await generateNational(db(), { provinces: 4, communes: 360, tasksPerCommune: 30, tasksPerProvince: 60, ministries: 4, tasksPerMinistry: 300, randomSeed: 8 }, model);
  app = await createApp({ db: { driver, database: undefined, uri: local.uri, server: await checkServer(driver, undefined) }, maxQueryDepth: 12 });
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await driver?.close();
  await local?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("the graph is larger than every cap: > 10,000 tasks, answers over 2,000", async () => {
  expect(await cypher("MATCH (t:Task) RETURN count(t)")).toBeGreaterThan(10_000);
  expect(await cypher("MATCH (t:Task) WHERE t.id STARTS WITH 'syn-' AND NOT EXISTS { (t)-[:SOURCED_FROM]->(:Source {id: 'synthetic'}) } RETURN count(t)")).toBe(0);
  expect(await cypher("MATCH (r:ProgressReport {load: 'synthetic'}) WHERE NOT EXISTS { (r)-[:SOURCED_FROM]->(:Source {id: 'synthetic'}) } RETURN count(r)")).toBe(0);
});

describe("status from the history of reports", () => {
  test("the history is there to get wrong: tasks reported twice, withdrawn reports, reports after the as-of day", async () => {
    expect(await cypher("MATCH (t:Task {load: 'synthetic'}) WHERE COUNT { (t)<-[:REPORTS_ON]-(:ProgressReport) } = 2 RETURN count(t)")).toBeGreaterThan(1000);
    expect(await cypher("MATCH (:ProgressReport)-[s:SUPERSEDES]->(:ProgressReport {load: 'synthetic'}) RETURN count(s)")).toBeGreaterThan(100);
    expect(await cypher("MATCH (r:ProgressReport {load: 'synthetic'}) WHERE r.reportedOn > date($asOf) RETURN count(r)")).toBeGreaterThan(100);
  });

  test.each(["2025-08-01", "2025-10-15", "2026-01-15", ASOF, "2026-08-01"])("dashboard statuses as of %s", async (asOf) => {
    const d = await gql("query($asOf: Date) { dashboard(asOf: $asOf) { byStatus { status count } } }", { asOf });
    expect(d.errors).toBeUndefined();
    const { records } = await driver.executeQuery(`MATCH (t:Task) WITH ${STATUS("t")} AS s RETURN s, count(*) AS n ORDER BY s`, { asOf });
    expect((d.data!.dashboard as { byStatus: unknown[] }).byStatus).toEqual(records.map((r) => ({ status: r.get("s"), count: r.get("n") })));
  });

  test.each(["2025-10-15", ASOF])("a task's status, latest report and reports through the API, as of %s, for tasks reported twice", async (asOf) => {
    // Tasks reported twice, withdrawn ones among them, and every one that a document delivered.
    const ids = await cypher<string[]>(`
      CALL () { MATCH (t:Task {load: 'synthetic'}) WHERE COUNT { (t)<-[:REPORTS_ON]-(:ProgressReport) } = 2 RETURN t ORDER BY t.id LIMIT 300
        UNION MATCH (t:Task {load: 'synthetic'})<-[:REPORTS_ON]-(:ProgressReport)<-[:SUPERSEDES]-(:ProgressReport) RETURN t ORDER BY t.id LIMIT 100
        UNION MATCH (t:Task {load: 'synthetic'})-[:FULFILLED_BY]->(:Document) WHERE EXISTS { (t)<-[:REPORTS_ON]-(:ProgressReport) } RETURN t ORDER BY t.id LIMIT 100
        UNION MATCH (t:Task {load: 'synthetic'})<-[:REPORTS_ON]-(first:ProgressReport)<-[:SUPERSEDES]-(second:ProgressReport)
          WHERE first.reportedOn <= date($asOf) AND second.reportedOn > date($asOf) RETURN t ORDER BY t.id LIMIT 50 }
      RETURN collect(t.id)`, { asOf });
    expect(ids.length).toBeGreaterThan(300);
    const r = await gql(`query($ids: [ID!]!, $asOf: Date) { tasks(where: { id: { in: $ids } }, sort: [{ id: ASC }], limit: 1000) {
      id status(asOf: $asOf) latestReport(asOf: $asOf) { id } reports(limit: 5) { id } } }`, { ids, asOf });
    expect(r.errors).toBeUndefined();
    const { records } = await driver.executeQuery(`
      MATCH (t:Task) WHERE t.id IN $ids
      RETURN t.id AS id, ${STATUS("t")} AS status,
        COLLECT { MATCH ${KNOWN("t", "said")} AND NOT EXISTS { MATCH ${KNOWN("t", "newer")} AND (newer.reportedOn > said.reportedOn OR (newer.reportedOn = said.reportedOn AND newer.sequence > said.sequence)) } RETURN said.id }[0] AS latest,
        COLLECT { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport) RETURN r.id ORDER BY r.reportedOn DESC, r.sequence DESC } AS reports
      ORDER BY id`, { ids, asOf });
    const api = (r.data!.tasks as { id: string; status: string; latestReport: { id: string } | null; reports: { id: string }[] }[])
      .map((t) => ({ id: t.id, status: t.status, latest: t.latestReport?.id ?? null, reports: t.reports.map((x) => x.id) }));
    expect(api).toEqual(records.map((x) => x.toObject()));
    // a withdrawn report counts on no day, even before the report that withdrew it is known
    const withdrawnEarly = await cypher<string[]>(`MATCH (t:Task)<-[:REPORTS_ON]-(first:ProgressReport)<-[:SUPERSEDES]-(second:ProgressReport)
      WHERE t.id IN $ids AND first.reportedOn <= date($asOf) AND second.reportedOn > date($asOf) RETURN collect(t.id)`, { ids, asOf });
    expect(withdrawnEarly.length).toBeGreaterThan(0);
    expect(api.filter((t) => withdrawnEarly.includes(t.id)).every((t) => t.latest === null)).toBe(true);
  });
});

describe("dashboard", () => {
  test("totals and statuses over every task", async () => {
    const d = await gql("query($asOf: Date) { dashboard(asOf: $asOf) { totalTasks byStatus { status count } byDeadlineMonth { total } } }", { asOf: ASOF });
    expect(d.errors).toBeUndefined();
    const dash = d.data!.dashboard as { totalTasks: number; byStatus: { status: string; count: number }[]; byDeadlineMonth: { total: number }[] };
    expect(dash.totalTasks).toBe(await cypher("MATCH (t:Task) RETURN count(t)"));
    const { records } = await driver.executeQuery(`MATCH (t:Task) WITH ${STATUS("t")} AS s RETURN s, count(*) AS n ORDER BY s`, { asOf: ASOF });
    expect(dash.byStatus).toEqual(records.map((r) => ({ status: r.get("s"), count: r.get("n") })));
    expect(dash.byDeadlineMonth.reduce((n, m) => n + m.total, 0)).toBe(await cypher("MATCH (t:Task) WHERE t.deadline IS NOT NULL RETURN count(t)"));
  });
});

describe("agencyWorkload", () => {
  // Owners as of ASOF: the agency and, when it is current, its predecessors through main successions in effect.
  const TRUTH = `
    MATCH (a:Agency {id: $id})
    OPTIONAL MATCH (p:Agency)-[s:SUCCEEDED_BY*1..5]->(a)
    WHERE all(r IN s WHERE r.main AND (r.date IS NULL OR r.date <= date($asOf)))
      AND NOT EXISTS { MATCH (a)-[r:SUCCEEDED_BY]->() WHERE r.main AND (r.date IS NULL OR r.date <= date($asOf)) }
    WITH a, collect(DISTINCT p) AS preds
    MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o:Agency) WHERE o = a OR o IN preds
    WITH DISTINCT a, preds, t
    WITH t,
      EXISTS { MATCH (t)-[:LED_BY]->(a) } AS leadDirect,
      any(p IN preds WHERE EXISTS { MATCH (t)-[:LED_BY]->(p) }) AS leadInherited,
      EXISTS { MATCH (t)-[:COORDINATED_WITH]->(a) } AS coordDirect
    WITH t, leadDirect OR leadInherited AS lead, (leadInherited AND NOT leadDirect) OR (NOT leadDirect AND NOT leadInherited AND NOT coordDirect) AS inherited
    RETURN sum(CASE WHEN lead THEN 1 ELSE 0 END) AS lead, sum(CASE WHEN lead THEN 0 ELSE 1 END) AS coordinating, sum(CASE WHEN inherited THEN 1 ELSE 0 END) AS inherited`;

  const agencies = async () => ({
    commune: await cypher<string>("MATCH (a:Agency {kind: 'COMMUNE'}) WHERE a.id STARTS WITH 'syn-' AND EXISTS { (a)<-[:LED_BY]-(:Task) } RETURN a.id ORDER BY a.id LIMIT 1"),
    province: await cypher<string>("MATCH (a:Agency {kind: 'PROVINCE'}) WHERE a.id STARTS WITH 'syn-' RETURN a.id ORDER BY a.id LIMIT 1"),
    heir: await cypher<string>("MATCH (a:Agency)<-[:SUCCEEDED_BY {main: true}]-(:Agency) WHERE a.id STARTS WITH 'syn-' RETURN a.id ORDER BY a.id LIMIT 1"),
  });

  test.each(["commune", "province", "heir", "bo-khoa-hoc-va-cong-nghe"])("of %s: led, coordinated, inherited, and every task paged", async (which) => {
    const ids = await agencies();
    const id = (ids as Record<string, string>)[which] ?? which;
    const w = await analytics.agencyWorkload(db(), { id, asOf: ASOF });
    const { records } = await driver.executeQuery(TRUTH, { id, asOf: ASOF });
    const truth = records[0]!.toObject() as { lead: number; coordinating: number; inherited: number };
    expect({ lead: w.lead.total, coordinating: w.coordinating.total, inherited: w.inherited }).toEqual(truth);
    expect(truth.lead + truth.coordinating).toBeGreaterThan(0);
    if (which === "heir" || which === "bo-khoa-hoc-va-cong-nghe") expect(truth.inherited).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 500) {
      const page = await analytics.workloadTasks(db(), { id, asOf: ASOF, which: "ALL", offset, limit: 500 });
      expect(page.total).toBe(truth.lead + truth.coordinating);
      for (const x of page.items) seen.add(x.task.id);
      if (!page.hasNextPage) break;
    }
    expect(seen.size).toBe(truth.lead + truth.coordinating);
  });
});

describe("deadlines", () => {
  test("a month and a year, over the page maximum, paged without loss", async () => {
    const month = await analytics.deadlines(db(), { from: "2026-06-01", to: "2026-06-30", asOf: ASOF });
    expect(month.total).toBe(await cypher("MATCH (t:Task) WHERE t.deadline >= date('2026-06-01') AND t.deadline <= date('2026-06-30') RETURN count(t)"));
    const yearTotal = await cypher("MATCH (t:Task) WHERE t.deadline >= date('2026-01-01') AND t.deadline <= date('2026-12-31') RETURN count(t)");
    expect(yearTotal).toBeGreaterThan(2000);
    const seen = new Set<string>();
    let last = "";
    for (let offset = 0; ; offset += 2000) {
      const page = await analytics.deadlines(db(), { from: "2026-01-01", to: "2026-12-31", asOf: ASOF, offset, limit: 2000 });
      expect(page.total).toBe(yearTotal);
      for (const x of page.items) {
        expect(x.task.deadline! >= last).toBe(true);
        last = x.task.deadline!;
        seen.add(x.task.id);
      }
      if (!page.hasNextPage) break;
    }
    expect(seen.size).toBe(yearTotal);
    await expect(analytics.deadlines(db(), { from: "2026-01-01", to: "2026-12-31", limit: 2001 })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });

  test("one agency's, status filtered", async () => {
    const province = await cypher<string>("MATCH (a:Agency {kind: 'PROVINCE'}) WHERE a.id STARTS WITH 'syn-' RETURN a.id ORDER BY a.id LIMIT 1");
    const d = await analytics.deadlines(db(), { from: "2025-01-01", to: "2027-12-31", agencyId: province, status: "OVERDUE", asOf: ASOF, limit: 2000 });
    expect(d.total).toBe(await cypher(
      `MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(:Agency {id: $id}) WHERE t.deadline >= date('2025-01-01') AND t.deadline <= date('2027-12-31')
       WITH DISTINCT t WHERE ${STATUS("t")} = 'OVERDUE' RETURN count(t)`, { id: province }));
  });
});

describe("trace", () => {
  test("the total under 57-NQ/TW, and pages that cover it exactly once", async () => {
    const truth = await cypher(`MATCH (t:Task)-[:${UNDER}*1..8]->(:Document {id: '57-NQ/TW'}) RETURN count(DISTINCT t)`);
    expect(truth).toBeGreaterThan(10_000);
    const seen = new Set<string>();
    let depth = 0;
    for (let offset = 0; ; offset += 2000) {
      const page = await trace(db(), { id: "57-NQ/TW", asOf: ASOF, offset, limit: 2000 });
      expect(page.totalTasks).toBe(truth);
      for (const t of page.tasks) {
        expect(t.depth).toBeGreaterThanOrEqual(depth);
        depth = t.depth;
        seen.add(t.id);
      }
      if (page.tasks.length < 2000) break;
    }
    expect(seen.size).toBe(truth);
  });

  test("a task's unfinished blockers at any depth", async () => {
    const end = await cypher<string>("MATCH p = (t:Task)-[:DEPENDS_ON*10]->(:Task) WHERE t.id STARTS WITH 'syn-' RETURN t.id ORDER BY t.id LIMIT 1");
    const page = await trace(db(), { id: end, asOf: ASOF });
    // a task traces to itself, then what restates or updates it (none for a synthetic task)
    expect(page.totalTasks).toBe(await cypher(`MATCH (:Task {id: $id})<-[:PART_OF|RESTATES|UPDATES*0..8]-(t:Task) RETURN count(DISTINCT t)`, { id: end }));
    expect(page.tasks[0]!.id).toBe(end);
    const [t] = (await trace(db(), { id: await cypher<string>(`MATCH (t:Task {id: $id})-[:PART_OF]->(p) RETURN p.id`, { id: end }), asOf: ASOF, limit: 2000 })).tasks.filter((x) => x.id === end);
    expect(t!.blockedBy.length).toBe(await cypher(`MATCH (:Task {id: $id})-[:DEPENDS_ON*]->(u:Task) WITH DISTINCT u WHERE ${STATUS("u")} <> 'DONE' RETURN count(u)`, { id: end }));
    expect(t!.blockedBy.length).toBeGreaterThan(0);
  });
});

describe("blocked work and the critical path", () => {
  test("blockedByOverdue: the total under 57-NQ/TW", async () => {
    const b = await analytics.blockedByOverdue(db(), { id: "57-NQ/TW", asOf: ASOF, limit: 10 });
    expect(b.total).toBe(await cypher(
      `MATCH (t:Task)-[:${UNDER}*1..8]->(:Document {id: '57-NQ/TW'}) WITH DISTINCT t
       WHERE EXISTS { MATCH (t)-[:DEPENDS_ON*]->(u:Task) WHERE ${STATUS("u")} = 'OVERDUE' } RETURN count(t)`));
    expect(b.total).toBeGreaterThan(10);
    expect(b.items).toHaveLength(10);
  });

  test("criticalPath of a province plan: the longest open chain", async () => {
    const plan = await cypher<string>("MATCH (d:Document {kind: 'PLAN'})-[:IMPLEMENTS]->(:Document {id: '57-NQ/TW'}) WHERE d.id STARTS WITH 'syn-' RETURN d.id ORDER BY d.id LIMIT 1");
    const c = await analytics.criticalPath(db(), { id: plan, asOf: ASOF });
    const truth = await cypher(
      `MATCH (root:Document {id: $plan})
       MATCH (t:Task)-[:${UNDER}*1..8]->(root) WITH root, collect(DISTINCT t) AS under
       UNWIND under AS a
       MATCH p = (a)-[:DEPENDS_ON*0..]->(b:Task)
       WHERE all(n IN nodes(p) WHERE n IN under AND ${STATUS("n")} <> 'DONE')
       RETURN max(length(p)) + 1`, { plan });
    expect(c.length).toBe(truth);
    expect(c.length).toBeGreaterThanOrEqual(10);
  });
});

describe("the generated API at this size", () => {
  test("a connection's totalCount and hasNextPage, and a refusal over the maximum", async () => {
    const tasks = await cypher("MATCH (t:Task) RETURN count(t)");
    const r = await gql("{ tasksConnection(first: 1000) { totalCount pageInfo { hasNextPage } edges { node { id } } } }");
    expect(r.errors).toBeUndefined();
    const conn = r.data!.tasksConnection as { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: unknown[] };
    expect(conn).toMatchObject({ totalCount: tasks, pageInfo: { hasNextPage: true } });
    expect(conn.edges).toHaveLength(1000);
    const over = await gql("{ tasks(limit: 5000) { id } }");
    expect(over.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(over.errors?.[0]?.message).toMatch(/1000/);
  });

  test("a province's communes: every one, with the count the aggregate gives", async () => {
    const province = await cypher<string>("MATCH (a:Agency {kind: 'PROVINCE'})<-[:PART_OF]-(:Agency) WHERE a.id STARTS WITH 'syn-' RETURN a.id ORDER BY a.id LIMIT 1");
    const truth = await cypher("MATCH (:Agency {id: $id})<-[:PART_OF]-(c:Agency) RETURN count(c)", { id: province });
    const r = await gql("query($id: ID!) { agencies(limit: 500, where: { partOf: { some: { id: { eq: $id } } } }) { id } agenciesConnection(first: 1, where: { partOf: { some: { id: { eq: $id } } } }) { totalCount } }", { id: province });
    expect(r.errors).toBeUndefined();
    expect((r.data!.agencies as unknown[]).length).toBe(truth);
    expect((r.data!.agenciesConnection as { totalCount: number }).totalCount).toBe(truth);
    expect(truth).toBeGreaterThan(50);
  });

  test("a seed reload keeps every synthetic node and its links to the seed", async () => {
    const before = await cypher("MATCH (n) WHERE n.load = 'synthetic' RETURN count(n)");
    const links = await cypher("MATCH (:Document)-[r:IMPLEMENTS]->(:Document {id: '57-NQ/TW'}) WHERE r.load = 'synthetic' RETURN count(r)");
    await loadSeed(driver, undefined, readConfiguredSeed(config), buildModel(), { force: true });
    expect(await cypher("MATCH (n) WHERE n.load = 'synthetic' RETURN count(n)")).toBe(before);
    expect(await cypher("MATCH (:Document)-[r:IMPLEMENTS]->(:Document {id: '57-NQ/TW'}) WHERE r.load = 'synthetic' RETURN count(r)")).toBe(links);
    expect(links).toBeGreaterThan(0);
  });
});
