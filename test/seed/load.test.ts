// Loading the real seed: idempotent, transactional (a failure leaves the graph as it was), and
// confined to what the seed loaded (`load: "seed"`): nodes and relationships other loads made
// survive a reload, and a node removed from the seed is removed from the graph, alone. The
// check before a load does not trust the hash alone: a graph changed behind the loader's back
// is reloaded (seed content) or reported (what no load wrote), and the check reads the seed's
// nodes through the load index, never a scan.
import type { Driver } from "neo4j-driver";

import { onStatement, type Statement } from "../../src/db/gateway.js";
import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed, type SeedGraph } from "../../src/seed/index.js";
import { countByType, describeDrift, loadSeed, seedContentInDatabase, seedHashInDatabase } from "../../src/seed/load.js";
import { config, database, testDriver } from "../support/db.js";

const model = buildModel();
let driver: Driver;
let graph: SeedGraph;

beforeAll(() => {
  driver = testDriver();
  graph = readConfiguredSeed(config);
});
afterAll(() => driver.close());

const run = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params, { database })).records;

const snapshot = async () => {
  const [r] = await run("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels");
  return { nodes: Number(r!.get("nodes")), rels: Number(r!.get("rels")), counts: await countByType(driver, database, model), hash: await seedHashInDatabase(driver, database) };
};

/** An agency and a task the seed loads, to hang foreign data on. */
const seededAgency = () => [...graph.nodes.values()].find((n) => n.type === "Agency")!.id;
const seededTasks = () => [...graph.nodes.values()].filter((n) => n.type === "Task").slice(0, 2).map((n) => n.id);

test("the whole seed is in the graph, type by type", async () => {
  const counts = await countByType(driver, database, model);
  for (const type of model.nodeTypes.keys()) {
    const expected = [...graph.nodes.values()].filter((n) => n.type === type).length;
    expect({ type, count: counts[type] }).toEqual({ type, count: expected });
  }
});

test("everything the seed wrote is tagged load: seed", async () => {
  const [r] = await run("MATCH (n) WHERE n.id IS NOT NULL AND n.load IS NULL RETURN count(n) AS untagged");
  expect(Number(r!.get("untagged"))).toBe(0);
  const [rel] = await run("MATCH ()-[r]->() WHERE r.load IS NULL RETURN count(r) AS untagged");
  expect(Number(rel!.get("untagged"))).toBe(0);
  const [tagged] = await run("MATCH (n {load: 'seed'}) RETURN count(n) AS n");
  expect(Number(tagged!.get("n"))).toBe(graph.nodes.size);
});

test("loading the same seed again changes nothing", async () => {
  const before = await snapshot();
  const unchanged = await loadSeed(driver, database, graph, model);
  expect(unchanged.loaded).toBe(false);
  const forced = await loadSeed(driver, database, graph, model, { force: true });
  expect(forced.loaded).toBe(true);
  expect(await snapshot()).toEqual(before);
});

test("no id appears twice", async () => {
  const records = await run("MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id");
  expect(records.map((r) => r.get("id"))).toEqual([]);
});

test("a reload keeps the nodes and relationships other loads made, also between seed nodes", async () => {
  const agency = seededAgency();
  const [t1, t2] = seededTasks();
  await run(
    `MATCH (a:Agency {id: $agency}) MATCH (t1:Task {id: $t1}) MATCH (t2:Task {id: $t2})
     CREATE (f:Task {id: 'test-foreign', titleVi: 'ngoại', titleEn: 'foreign', recurring: false, status: 'UNKNOWN', load: 'other'})-[:LED_BY {load: 'other'}]->(a)
     CREATE (t1)-[:DEPENDS_ON {load: 'other', kind: 'INFERRED'}]->(t2)`,
    { agency, t1, t2 },
  );
  try {
    const before = await snapshot();
    await loadSeed(driver, database, graph, model, { force: true });
    expect(await snapshot()).toEqual(before);
    const [r] = await run(
      `MATCH (:Task {id: 'test-foreign', load: 'other'})-[l:LED_BY {load: 'other'}]->(:Agency {id: $agency})
       MATCH (:Task {id: $t1})-[d:DEPENDS_ON {load: 'other'}]->(:Task {id: $t2})
       RETURN count(l) AS led, count(d) AS deps`,
      { agency, t1, t2 },
    );
    expect({ led: Number(r!.get("led")), deps: Number(r!.get("deps")) }).toEqual({ led: 1, deps: 1 });
  } finally {
    await run("MATCH (f:Task {id: 'test-foreign'}) DETACH DELETE f");
    await run("MATCH (:Task {id: $t1})-[d:DEPENDS_ON {load: 'other'}]->(:Task {id: $t2}) DELETE d", { t1, t2 });
  }
});

test("a reload after a node left the seed removes exactly that node (and what touched it)", async () => {
  // An indicator: a leaf that only its citations and REPORTED_AT touch.
  const gone = [...graph.nodes.values()].find((n) => n.type === "Indicator")!;
  const nodes = new Map(graph.nodes);
  nodes.delete(gone.id);
  const smaller: SeedGraph = {
    nodes,
    citations: graph.citations.filter((c) => c.id !== gone.id),
    relationships: graph.relationships.filter((r) => r.fromId !== gone.id && r.toId !== gone.id),
    hash: "without-" + gone.id,
  };
  const touching = graph.citations.length - smaller.citations.length + graph.relationships.length - smaller.relationships.length;
  const before = await snapshot();
  try {
    const result = await loadSeed(driver, database, smaller, model);
    expect(result.loaded).toBe(true);
    const after = await snapshot();
    expect(after.nodes).toBe(before.nodes - 1);
    expect(after.rels).toBe(before.rels - touching);
    expect(after.counts).toEqual({ ...before.counts, Indicator: before.counts.Indicator! - 1 });
    expect(await run("MATCH (n:Indicator {id: $id}) RETURN n", { id: gone.id })).toHaveLength(0);
  } finally {
    await loadSeed(driver, database, graph, model, { force: true });
  }
  expect(await snapshot()).toEqual(before);
});

test("a store loaded before the tags existed is tagged and reloaded, not duplicated", async () => {
  const before = await snapshot();
  await run("MATCH (n) WHERE n.load = 'seed' REMOVE n.load");
  await run("MATCH ()-[r]->() WHERE r.load = 'seed' REMOVE r.load");
  await run("MATCH (m:SeedMeta {key: 'seed'}) REMOVE m.tagged");
  const result = await loadSeed(driver, database, graph, model);
  expect(result.loaded).toBe(true);
  expect(await snapshot()).toEqual(before);
  const [r] = await run("MATCH ()-[r]->() WHERE r.load IS NULL RETURN count(r) AS untagged");
  expect(Number(r!.get("untagged"))).toBe(0);
});

test("a load that fails half-way leaves the previous graph intact", async () => {
  const before = await snapshot();
  // A property Neo4j cannot store (a map) on the last node: the failure comes after most writes.
  const nodes = new Map(graph.nodes);
  const last = [...nodes.values()].at(-1)!;
  nodes.set(last.id, { ...last, props: { ...last.props, titleEn: { not: "storable" } } });
  const broken: SeedGraph = { ...graph, nodes, hash: "broken" };
  await expect(loadSeed(driver, database, broken, model, { force: true })).rejects.toThrow(/Property values can only be of primitive types|map/i);
  expect(await snapshot()).toEqual(before);
});

describe("the graph changed behind the loader's back", () => {
  /** A seed task and one of the seed's relationships leaving it, to tamper with. */
  const aTask = async () => {
    const [r] = await run("MATCH (t:Task {load: 'seed'})-[r:LED_BY {load: 'seed'}]->(a:Agency) RETURN t.id AS id, t.titleEn AS title, a.id AS agency LIMIT 1");
    return { id: r!.get("id") as string, title: r!.get("title") as string, agency: r!.get("agency") as string };
  };

  test("a forged node tagged as the seed's is found and removed by the reload: 1 node more than loaded", async () => {
    const before = await snapshot();
    await run("CREATE (:Task {id: 'forged-seed', titleVi: 'giả', titleEn: 'forged', recurring: false, status: 'DONE', load: 'seed'})");
    const result = await loadSeed(driver, database, graph, model);
    expect(result).toMatchObject({ loaded: true, reason: "the graph differed from the seed: 1 node more than loaded" });
    expect(await run("MATCH (t:Task {id: 'forged-seed'}) RETURN t")).toHaveLength(0);
    expect(await snapshot()).toEqual(before);
  });

  test("an edited property of a seed node is found and restored: same counts, changed properties", async () => {
    const t = await aTask();
    await run("MATCH (t:Task {id: $id}) SET t.titleEn = 'edited behind its back'", { id: t.id });
    const result = await loadSeed(driver, database, graph, model);
    expect(result).toMatchObject({ loaded: true, reason: "the graph differed from the seed: as many nodes and relationships as loaded, but properties or ends changed" });
    expect((await run("MATCH (t:Task {id: $id}) RETURN t.titleEn AS title", { id: t.id }))[0]!.get("title")).toBe(t.title);
  });

  test("a deleted seed relationship is found and restored: 1 relationship fewer than loaded", async () => {
    const before = await snapshot();
    const t = await aTask();
    await run("MATCH (:Task {id: $id})-[r:LED_BY]->(:Agency {id: $agency}) DELETE r", t);
    const result = await loadSeed(driver, database, graph, model);
    expect(result).toMatchObject({ loaded: true, reason: "the graph differed from the seed: 1 relationship fewer than loaded" });
    expect(await snapshot()).toEqual(before);
  });

  test("a relationship moved to another end is found, though the counts are the same", async () => {
    const t = await aTask();
    const [other] = await run("MATCH (a:Agency {load: 'seed'}) WHERE a.id <> $agency RETURN a.id AS id LIMIT 1", t);
    await run(`MATCH (:Task {id: $id})-[r:LED_BY {load: 'seed'}]->(:Agency {id: $agency}) WITH r LIMIT 1
               MATCH (t:Task {id: $id}), (b:Agency {id: $other}) CREATE (t)-[n:LED_BY]->(b) SET n = properties(r) DELETE r`, { ...t, other: other!.get("id") });
    const result = await loadSeed(driver, database, graph, model);
    expect(result.reason).toMatch(/properties or ends changed/);
    expect(await run("MATCH (:Task {id: $id})-[:LED_BY]->(:Agency {id: $other}) RETURN 1", { id: t.id, other: other!.get("id") })).toHaveLength(0);
  });

  test("a node no load wrote (the issue's forged task) and its relationship are reported by name, and left, as the loader leaves what it did not write", async () => {
    const before = await snapshot();
    const t = await aTask();
    await run("MATCH (a:Agency {id: $agency}) CREATE (:Task {id: 'x', titleEn: 'forged', status: 'DONE'})-[:LED_BY]->(a)", t);
    try {
      const result = await loadSeed(driver, database, graph, model);
      expect(result.loaded).toBe(false); // the seed's own content is intact: nothing to reload
      expect(result.foreign).toMatch(/^the graph differed from the seed: 1 node and 1 relationship more than loaded, with no load tag \(e\.g\. Task "x"\); a reload keeps what no load wrote, so they stay and are served: delete them/);
      expect(await run("MATCH (t:Task {id: 'x'}) RETURN t")).toHaveLength(1);
    } finally {
      await run("MATCH (t:Task {id: 'x'}) DETACH DELETE t");
    }
    expect(await snapshot()).toEqual(before);
    expect((await loadSeed(driver, database, graph, model)).foreign).toBeUndefined();
  });

  test("an untagged relationship between two seed nodes is reported with its ends", async () => {
    const [t1, t2] = seededTasks();
    await run("MATCH (a:Task {id: $t1}), (b:Task {id: $t2}) CREATE (a)-[:DEPENDS_ON {kind: 'INFERRED'}]->(b)", { t1, t2 });
    try {
      const result = await loadSeed(driver, database, graph, model);
      expect(result.loaded).toBe(false);
      expect(result.foreign).toContain(`1 relationship more than loaded, with no load tag (e.g. (${JSON.stringify(t1)})-[:DEPENDS_ON]->(${JSON.stringify(t2)}))`);
    } finally {
      await run("MATCH (:Task {id: $t1})-[d:DEPENDS_ON]->(:Task {id: $t2}) WHERE d.load IS NULL DELETE d", { t1, t2 });
    }
  });

  test("a store loaded before the content record existed is reloaded once, and then recorded", async () => {
    await run("MATCH (m:SeedMeta {key: 'seed'}) REMOVE m.fingerprint, m.nodes, m.relationships");
    expect(await loadSeed(driver, database, graph, model)).toMatchObject({ loaded: true, reason: "the store holds no record of the seed's content yet" });
    const [m] = await run("MATCH (m:SeedMeta {key: 'seed'}) RETURN m.nodes AS nodes, m.relationships AS rels, m.fingerprint AS fp");
    expect(Number(m!.get("nodes"))).toBe(graph.nodes.size);
    expect(Number(m!.get("rels"))).toBe(graph.relationships.length + graph.citations.length);
    expect(m!.get("fp")).toEqual((await seedContentInDatabase(driver, database, model)).fingerprint);
    expect((await loadSeed(driver, database, graph, model)).loaded).toBe(false);
  });

  test("the check reads the seed through the load index: no statement of an unchanged check scans a label or all nodes", async () => {
    const seen: Statement[] = [];
    const stop = onStatement((s) => seen.push(s));
    try {
      expect((await loadSeed(driver, database, graph, model)).loaded).toBe(false);
    } finally {
      stop();
    }
    expect(new Set(seen.map((s) => s.operation))).toEqual(new Set(["seed.meta", "seed.content", "seed.otherLoads", "seed.countNodes", "seed.countRelationships"]));
    const scans: string[] = [];
    for (const s of seen) {
      const { summary } = await driver.executeQuery(`EXPLAIN ${s.cypher}`, s.params, { database });
      const walk = (p: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }) => {
        if (/AllNodesScan|NodeByLabelScan|DirectedRelationshipTypeScan|UndirectedRelationshipTypeScan/.test(p.operatorType)) scans.push(`${s.operation}: ${p.operatorType} ${String(p.arguments.Details ?? "")}`);
        for (const c of p.children) walk(c as typeof p);
      };
      walk(summary.plan as unknown as Parameters<typeof walk>[0]);
    }
    expect(scans).toEqual([]);
  });
});

test("describeDrift says how the graph differs from the record, in words", () => {
  const at = { nodes: 10, relationships: 20, fingerprint: "a" };
  expect(describeDrift(at, at)).toBeUndefined();
  expect(describeDrift(at, { ...at, nodes: 11, fingerprint: "b" })).toBe("the graph differed from the seed: 1 node more than loaded");
  expect(describeDrift(at, { nodes: 7, relationships: 22, fingerprint: "b" })).toBe("the graph differed from the seed: 3 nodes fewer than loaded, 2 relationships more than loaded");
  expect(describeDrift(at, { ...at, fingerprint: "b" })).toBe("the graph differed from the seed: as many nodes and relationships as loaded, but properties or ends changed");
});
