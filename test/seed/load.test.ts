// Loading the real seed: idempotent, and transactional (a failure leaves the graph as it was).
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

const snapshot = async () => {
  const { records } = await driver.executeQuery(
    "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels, collect(DISTINCT n.id)[0..0] AS _",
    {}, { database },
  );
  return { nodes: Number(records[0]!.get("nodes")), rels: Number(records[0]!.get("rels")), counts: await countByType(driver, database, model), hash: await seedHashInDatabase(driver, database) };
};

test("the whole seed is in the graph, type by type", async () => {
  const counts = await countByType(driver, database, model);
  for (const type of model.nodeTypes.keys()) {
    const expected = [...graph.nodes.values()].filter((n) => n.type === type).length;
    expect({ type, count: counts[type] }).toEqual({ type, count: expected });
  }
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
  const { records } = await driver.executeQuery("MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id", {}, { database });
  expect(records.map((r) => r.get("id"))).toEqual([]);
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
