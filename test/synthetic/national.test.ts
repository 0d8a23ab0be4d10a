// The synthetic national graph: the generator is pure and deterministic, its dependencies
// acyclic, its ids unique and its counts those of the options; loaded into a throw-away Neo4j
// of this test's own (never the shared test database), the graph in Cypher is the generator's,
// every synthetic node cites Source `synthetic`, a task's status lives in its ProgressReports
// (some tasks reported twice, a few reports withdrawn), a seed reload keeps all of it, and a
// load that fails half-way leaves no synthetic node behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";

import { BULK_LOAD_RETRIES, createDriver } from "../../src/db/driver.js";
import type { Db } from "../../src/db/gateway.js";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../src/db/localNeo4j.js";
import { ensureSchema } from "../../src/db/migrations.js";
import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { markedText } from "../../src/search/fold.js";
import { loadSeed } from "../../src/seed/load.js";
import { generateNational, readContext, type NationalResult } from "../../src/synthetic/index.js";
import { loadSynthetic } from "../../src/synthetic/load.js";
import { EMPTY_CONTEXT, nationalGraph, SYNTHETIC_ROOT_ID, type NationalContext, type NationalOptions, type SyntheticGraph } from "../../src/synthetic/national.js";
import { config } from "../support/db.js";

const SMALL: Partial<NationalOptions> = {
  provinces: 4, communes: 30, tasksPerCommune: 14, tasksPerProvince: 10, ministries: 3, tasksPerMinistry: 15, sectionsPerProvincePlan: 2,
};
const CONTEXT: NationalContext = { rootDocumentId: "57-NQ/TW", technologyGroupIds: ["g1", "g2", "g3"], ministryIds: ["bo-a", "bo-b"] };

const rowsOf = (g: SyntheticGraph, label: string) => g.nodes.find((n) => n.label === label)?.rows ?? [];
const relsOf = (g: SyntheticGraph, type: string, from?: string, to?: string) =>
  g.relationships.filter((r) => r.type === type && (!from || r.from === from) && (!to || r.to === to)).flatMap((r) => r.rows);

describe("the generator", () => {
  const graph = nationalGraph(SMALL, CONTEXT);

  test("is deterministic: the same options give the same graph, another seed another", () => {
    expect(nationalGraph(SMALL, CONTEXT)).toEqual(graph);
    expect(nationalGraph({ ...SMALL, randomSeed: 1 }, CONTEXT)).not.toEqual(graph);
  });

  test("searched nodes are found by folded text and by exact diacritics, like the seed's", () => {
    for (const label of ["Agency", "Document"]) {
      const searched = rowsOf(graph, label).filter((r) => r.searchText !== undefined);
      expect(searched.length).toBeGreaterThan(0);
      for (const r of searched) expect(r.searchTextMarked).toBe(markedText(`${r.nameVi ?? r.titleVi} ${r.nameEn ?? r.titleEn}`));
    }
  });

  test("counts follow the options", () => {
    const o = SMALL as NationalOptions;
    const tasks = o.communes * o.tasksPerCommune + o.provinces * o.tasksPerProvince + o.ministries * o.tasksPerMinistry;
    expect(graph.counts.tasks).toBe(tasks);
    expect(rowsOf(graph, "Task")).toHaveLength(tasks);
    const agencies = rowsOf(graph, "Agency");
    const byKind = (kind: string) => agencies.filter((a) => a.kind === kind).length;
    expect({ provinces: byKind("PROVINCE"), communes: byKind("COMMUNE"), ministries: byKind("MINISTRY") })
      .toEqual({ provinces: o.provinces, communes: o.communes, ministries: o.ministries });
    expect(rowsOf(graph, "Section")).toHaveLength(o.provinces * o.sectionsPerProvincePlan);
    // a plan per province and per commune, a programme per ministry: what IMPLEMENTS
    expect(relsOf(graph, "IMPLEMENTS")).toHaveLength(o.provinces + o.communes + o.ministries);
    expect(relsOf(graph, "PART_OF", "Agency", "Agency")).toHaveLength(o.communes);
    const nodes = graph.nodes.reduce((s, g) => s + g.rows.length, 0);
    expect(graph.counts.nodes).toBe(nodes);
    expect(graph.counts.relationships).toBe(graph.relationships.reduce((s, g) => s + g.rows.length, 0) + nodes - 1);
    expect(graph.counts.reports).toBe(rowsOf(graph, "ProgressReport").length);
    expect(relsOf(graph, "REPORTS_ON", "ProgressReport", "Task")).toHaveLength(graph.counts.reports);
  });

  test("ids are unique and synthetic; every relationship ends at a generated node or one of the context", () => {
    const ids = graph.nodes.flatMap((g) => g.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id !== "synthetic" && !id.startsWith("syn-"))).toEqual([]);
    const known = new Set([...ids, CONTEXT.rootDocumentId!, ...CONTEXT.technologyGroupIds, ...CONTEXT.ministryIds]);
    const dangling = graph.relationships.flatMap((g) => g.rows.filter((r) => !known.has(r.from) || !known.has(r.to)));
    expect(dangling).toEqual([]);
  });

  test("dependencies only point back to tasks made earlier (no cycles), and some chains are 10 or longer", () => {
    const order = new Map(rowsOf(graph, "Task").map((t, i) => [t.id, i]));
    const deps = relsOf(graph, "DEPENDS_ON");
    expect(deps.length).toBeGreaterThan(0);
    expect(deps.filter((d) => !(order.get(d.to)! < order.get(d.from)!))).toEqual([]);
    // longest chain, in creation order (a topological order)
    const longest = new Map<string, number>();
    const upstream = new Map<string, string[]>();
    for (const d of deps) upstream.set(d.from, [...(upstream.get(d.from) ?? []), d.to]);
    for (const t of rowsOf(graph, "Task")) longest.set(t.id, 1 + Math.max(0, ...(upstream.get(t.id) ?? []).map((u) => longest.get(u)!)));
    expect(Math.max(...longest.values())).toBeGreaterThanOrEqual(10);
  });

  test("plans implement the level above: provinces and ministries 57-NQ/TW, communes their province", () => {
    const implementsOf = new Map(relsOf(graph, "IMPLEMENTS").map((r) => [r.from, r.to]));
    expect(implementsOf.get("syn-kh-ha-noi")).toBe("57-NQ/TW");
    expect(implementsOf.get("syn-ct-bo-gia-lap-01")).toBe("57-NQ/TW");
    expect(implementsOf.get("syn-kh-xa-ha-noi-0001")).toBe("syn-kh-ha-noi");
    expect(rowsOf(graph, "Document").some((d) => d.id === SYNTHETIC_ROOT_ID)).toBe(false);
    // without 57-NQ/TW in the database, a synthetic national resolution stands in for it
    const alone = nationalGraph(SMALL, EMPTY_CONTEXT);
    expect(relsOf(alone, "IMPLEMENTS").find((r) => r.from === "syn-kh-ha-noi")?.to).toBe(SYNTHETIC_ROOT_ID);
    expect(relsOf(alone, "CONCERNS")).toEqual([]);
  });

  test("a ministry succeeds another (main, dated), and some tasks are led by both", () => {
    const successions = relsOf(graph, "SUCCEEDED_BY");
    expect(successions.some((s) => s.props?.main === true && s.props.date === "2025-03-01")).toBe(true);
    const leads = new Map<string, string[]>();
    for (const r of relsOf(graph, "LED_BY")) leads.set(r.from, [...(leads.get(r.from) ?? []), r.to]);
    const pairs = successions.map((s) => [s.from, s.to].sort().join("|"));
    const both = [...leads.values()].filter((l) => l.length === 2 && pairs.includes([...l].sort().join("|")));
    expect(both.length).toBeGreaterThan(0);
    expect([...leads.values()].every((l) => l.length >= 1)).toBe(true);
    expect(relsOf(graph, "LED_BY").some((r) => CONTEXT.ministryIds.includes(r.to))).toBe(true);
  });

  test("the defaults, next to the real seed, give over 100,000 tasks, over 100,000 progress reports and over a million nodes and relationships", () => {
    const seed = readConfiguredSeed(config);
    const ofType = (type: string) => [...seed.nodes.values()].filter((n) => n.type === type);
    const context: NationalContext = {
      rootDocumentId: "57-NQ/TW",
      technologyGroupIds: ofType("TechnologyGroup").map((n) => n.id).sort(),
      ministryIds: ofType("Agency").filter((n) => n.props.kind === "MINISTRY" && !n.props.dissolvedOn).map((n) => n.id).sort(),
    };
    const { counts } = nationalGraph({}, context);
    expect(counts.tasks).toBe(34 * 60 + 3321 * 30 + 6 * 250);
    expect(counts.tasks).toBeGreaterThanOrEqual(100_000);
    expect(counts.nodes + counts.relationships).toBeGreaterThan(1_000_000);
    expect(counts.reports).toBeGreaterThan(100_000);
  });

  test("tasks have what the SDL requires, deadlines in 2025-2027, and no status of their own; some delivered by a dated document", () => {
    const tasks = rowsOf(graph, "Task");
    for (const t of tasks) expect(typeof t.titleVi === "string" && typeof t.titleEn === "string" && typeof t.recurring === "boolean").toBe(true);
    expect(tasks.filter((t) => ["status", "statusAsOf", "statusSourceId", "statusQuote"].some((k) => k in t))).toEqual([]);
    const deadlines = tasks.map((t) => t.deadline).filter((d): d is string => typeof d === "string");
    expect(deadlines.every((d) => d >= "2025-01-01" && d <= "2027-12-31")).toBe(true);
    const docs = new Map(rowsOf(graph, "Document").map((d) => [d.id, d]));
    const fulfilled = relsOf(graph, "FULFILLED_BY");
    expect(fulfilled.length).toBeGreaterThan(0);
    expect(fulfilled.every((f) => typeof docs.get(f.to)?.issuedOn === "string")).toBe(true);
  });

  test("statuses are ProgressReports: <task>@<day>, one task each, every status reported, some tasks reported again later, a few reports withdrawn", () => {
    const tasks = new Set(rowsOf(graph, "Task").map((t) => t.id));
    const reports = rowsOf(graph, "ProgressReport");
    const on = new Map(relsOf(graph, "REPORTS_ON").map((r) => [r.from, r.to]));
    expect(on.size).toBe(reports.length);
    for (const r of reports) {
      expect(r).toEqual({ id: `${on.get(r.id)}@${r.reportedOn}`, reportedOn: r.reportedOn, status: r.status, submittedBy: "synthetic", sequence: 0, trust: "SYNTHETIC" });
      expect(tasks.has(on.get(r.id)!)).toBe(true);
    }
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(["NOT_STARTED", "IN_PROGRESS", "DONE", "OVERDUE"]));
    const byTask = new Map<string, (typeof reports)[number][]>();
    for (const r of reports) byTask.set(on.get(r.id)!, [...(byTask.get(on.get(r.id)!) ?? []), r]);
    // three tasks in four are reported; some twice, the second one or two quarters after a first that was not done
    expect(byTask.size / tasks.size).toBeGreaterThan(0.65);
    expect(byTask.size / tasks.size).toBeLessThan(0.85);
    const twice = [...byTask.values()].filter((rs) => rs.length === 2);
    expect(twice.length).toBeGreaterThan(0);
    expect([...byTask.values()].every((rs) => rs.length <= 2)).toBe(true);
    for (const [a, b] of twice) {
      expect(String(a!.reportedOn) < String(b!.reportedOn)).toBe(true);
      expect(["NOT_STARTED", "IN_PROGRESS"]).toContain(a!.status);
    }
    const later = new Set(twice.map(([, b]) => String(b!.reportedOn)));
    expect([...later].some((d) => d > "2026-03-31")).toBe(true); // some reports are still in the future of an as-of date
    // a withdrawal: the later report of a task supersedes its first
    const withdrawn = relsOf(graph, "SUPERSEDES", "ProgressReport", "ProgressReport");
    expect(withdrawn.length).toBeGreaterThan(0);
    const second = new Map(twice.map(([a, b]) => [b!.id, a!.id]));
    expect(withdrawn.every((w) => second.get(w.from) === w.to)).toBe(true);
  });

  test("reports and deliveries agree: a task delivered by a document is reported DONE on every report from the document's day, and only then", () => {
    const docs = new Map(rowsOf(graph, "Document").map((d) => [d.id, String(d.issuedOn)]));
    const deliveredOn = new Map(relsOf(graph, "FULFILLED_BY").map((f) => [f.from, docs.get(f.to)!]));
    const on = new Map(relsOf(graph, "REPORTS_ON").map((r) => [r.from, r.to]));
    const delivered = rowsOf(graph, "ProgressReport").filter((r) => deliveredOn.has(on.get(r.id)!));
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.filter((r) => (String(r.reportedOn) >= deliveredOn.get(on.get(r.id)!)!) !== (r.status === "DONE"))).toEqual([]);
    // some reported in progress before their document, and done after it
    expect(delivered.some((r) => r.status !== "DONE")).toBe(true);
  });
});

describe("loaded into a throw-away Neo4j", () => {
  const model = buildModel();
  let local: LocalNeo4j;
  let dataDir: string;
  let driver: Driver;
  let db: Db;
  let result: NationalResult;

  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    Number((await driver.executeQuery(cypher, params)).records[0]!.get(0));
  const syntheticNodes = () => count("MATCH (n) WHERE n.load = 'synthetic' RETURN count(n)");
  const syntheticRelationships = () => count("MATCH ()-[r]->() WHERE r.load = 'synthetic' RETURN count(r)");

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-synthetic-test-"));
    local = await startLocalNeo4j({ home: config.NEO4J_HOME, dataDir, port: await freePort(), heap: "1g", pageCache: "128m", log: () => undefined });
    driver = createDriver({ uri: local.uri, user: local.user, password: local.password }, BULK_LOAD_RETRIES);
    db = { driver };
    await ensureSchema(driver, undefined, model);
    await loadSeed(driver, undefined, readConfiguredSeed(config), model);
    result = await generateNational(db, SMALL, model);
  }, 300_000); // a Neo4j of its own, on a machine that may be busy

  afterAll(async () => {
    await driver?.close();
    await local?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  test("the database holds exactly the generator's graph", async () => {
    const graph = nationalGraph(SMALL, await readContext(db));
    expect({ tasks: result.tasks, nodes: result.nodes, relationships: result.relationships })
      .toEqual({ tasks: graph.counts.tasks, nodes: graph.counts.nodes, relationships: graph.counts.relationships });
    expect(await syntheticNodes()).toBe(result.nodes);
    expect(await syntheticRelationships()).toBe(result.relationships);
    expect(await count("MATCH (t:Task {load: 'synthetic'}) RETURN count(t)")).toBe(result.tasks);
    for (const g of graph.relationships) {
      expect({ type: `${g.from}-${g.type}->${g.to}`, n: await count(`MATCH (:\`${g.from}\`)-[r:\`${g.type}\` {load: 'synthetic'}]->(:\`${g.to}\`) RETURN count(r)`) })
        .toEqual({ type: `${g.from}-${g.type}->${g.to}`, n: g.rows.length });
    }
    expect(await count("MATCH (m:SeedMeta {key: 'synthetic', status: 'complete', loadId: $id}) RETURN count(m)", { id: result.loadId })).toBe(1);
    expect(await count("MATCH (m:SeedMeta {key: 'synthetic', loadId: $id}) RETURN m.reports", { id: result.loadId })).toBe(graph.counts.reports);
  });

  test("every synthetic report is on one synthetic task, dated, trust SYNTHETIC, by synthetic, with sequence 0; tasks keep no status", async () => {
    const reports = await count("MATCH (r:ProgressReport {load: 'synthetic'}) RETURN count(r)");
    expect(reports).toBe(result.reports);
    expect(reports).toBeGreaterThan(0);
    expect(await count(`MATCH (r:ProgressReport {load: 'synthetic'})
      WHERE NOT (COUNT { (r)-[:REPORTS_ON]->(:Task {load: 'synthetic'}) } = 1 AND r.reportedOn IS :: DATE AND r.trust = 'SYNTHETIC'
        AND r.submittedBy = 'synthetic' AND r.sequence = 0 AND r.status IN ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'OVERDUE'])
      RETURN count(r)`)).toBe(0);
    expect(await count(`MATCH (r:ProgressReport {load: 'synthetic'})-[:REPORTS_ON]->(t:Task) WHERE r.id <> t.id + '@' + toString(r.reportedOn) RETURN count(r)`)).toBe(0);
    expect(await count(`MATCH (t:Task {load: 'synthetic'}) WHERE t.status IS NOT NULL OR t.statusAsOf IS NOT NULL OR t.statusSourceId IS NOT NULL RETURN count(t)`)).toBe(0);
    expect(await count("MATCH (:ProgressReport {load: 'synthetic'})-[s:SUPERSEDES]->(:ProgressReport {load: 'synthetic'}) RETURN count(s)")).toBeGreaterThan(0);
  });

  test("it links to the real seed: province plans implement 57-NQ/TW, tasks concern real technology groups", async () => {
    expect(await count("MATCH (:Document {load: 'synthetic', kind: 'PLAN'})-[:IMPLEMENTS]->(:Document {id: '57-NQ/TW'}) RETURN count(*)")).toBe(SMALL.provinces);
    expect(await count("MATCH (:Task {load: 'synthetic'})-[:CONCERNS]->(g:TechnologyGroup {load: 'seed'}) RETURN count(DISTINCT g)")).toBeGreaterThan(5);
  });

  test("every synthetic node cites Source synthetic, trust SYNTHETIC; every synthetic relationship says so", async () => {
    expect(await count("MATCH (s:Source {id: 'synthetic', kind: 'SYNTHETIC', trust: 'SYNTHETIC', file: '(generated)'}) RETURN count(s)")).toBe(1);
    expect(await count(`MATCH (n) WHERE n.load = 'synthetic' AND NOT n:Source
      AND NOT EXISTS { (n)-[c:SOURCED_FROM {trust: 'SYNTHETIC'}]->(:Source {id: 'synthetic'}) WHERE c.quote <> '' } RETURN count(n)`)).toBe(0);
    expect(await count(`MATCH ()-[r]->() WHERE r.load = 'synthetic' AND type(r) <> 'SOURCED_FROM'
      AND NOT (r.sourceId = 'synthetic' AND r.trust = 'SYNTHETIC' AND r.quote IS NOT NULL AND r.loadId = $id) RETURN count(r)`, { id: result.loadId })).toBe(0);
  });

  test("a seed reload keeps every synthetic node and relationship", async () => {
    const links = () => count("MATCH (n {load: 'synthetic'})-[r {load: 'synthetic'}]->(m {load: 'seed'}) RETURN count(r)");
    const before = { nodes: await syntheticNodes(), relationships: await syntheticRelationships(), links: await links() };
    expect(before.links).toBeGreaterThan(0);
    await loadSeed(driver, undefined, readConfiguredSeed(config), model, { force: true });
    expect({ nodes: await syntheticNodes(), relationships: await syntheticRelationships(), links: await links() }).toEqual(before);
  });

  test("a load that fails half-way deletes what it wrote, and the seed stays", async () => {
    const seedNodes = await count("MATCH (n) WHERE n.load = 'seed' RETURN count(n)");
    const graph = nationalGraph(SMALL, await readContext(db));
    const broken: SyntheticGraph = {
      ...graph,
      // the last relationships end at a task that does not exist
      relationships: [...graph.relationships, { type: "DEPENDS_ON", from: "Task", to: "Task", rows: [{ from: rowsOf(graph, "Task")[0]!.id, to: "syn-missing" }] }],
    };
    await expect(loadSynthetic(db, broken, model, { batchSize: 500 })).rejects.toThrow(/end node is missing/);
    expect({ nodes: await syntheticNodes(), relationships: await syntheticRelationships() }).toEqual({ nodes: 0, relationships: 0 });
    expect(await count("MATCH (m:SeedMeta {key: 'synthetic', status: 'failed'}) RETURN count(m)")).toBe(1);
    expect(await count("MATCH (n) WHERE n.load = 'seed' RETURN count(n)")).toBe(seedNodes);
  });
});
