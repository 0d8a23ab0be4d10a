// Loading the real seed: idempotent, transactional (a failure leaves the graph as it was), and
// confined to what the seed loaded (`load: "seed"`): nodes and relationships other loads made
// survive a reload, and a node removed from the seed is removed from the graph, alone.
import type { Driver } from "neo4j-driver";

import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed, type SeedGraph } from "../../src/seed/index.js";
import { countByType, loadSeed, seedHashInDatabase } from "../../src/seed/load.js";
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
