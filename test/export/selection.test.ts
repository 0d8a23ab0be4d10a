// The selection model shared by every export entry point, read from the seeded graph.
import type { Driver } from "neo4j-driver";

import { subgraph } from "../../src/export/index.js";
import { parseSelection, readSelection } from "../../src/export/index.js";
import { vocabulary } from "../../src/export/selection.js";
import { buildModel } from "../../src/model/index.js";
import { database, testDriver } from "../support/db.js";

const model = buildModel();
let driver: Driver;
const db = () => ({ driver, database });
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

test("depth 0 is the seeds (and their sources); depth 1 adds their neighbours", async () => {
  const zero = await subgraph(db(), model, { seeds: ["EV-2025-07-02#10"], depth: 0 });
  expect(zero.nodes.map((n) => n.label).sort()).toEqual(["Source", "Task"]);
  const one = await subgraph(db(), model, { seeds: ["EV-2025-07-02#10"], depth: 1, asOf: "2025-12-31" });
  const ids = one.nodes.map((n) => n.id);
  expect(ids).toEqual(expect.arrayContaining(["EV-2025-07-02#10", "bo-khoa-hoc-va-cong-nghe", "bo-tai-chinh", "bo-cong-thuong", "EV-2025-07-02", "1131/QĐ-TTg#4"]));
  expect(one.nodeCount).toBe(one.nodes.length);
  expect(one.relationshipCount).toBe(one.relationships.length);
  for (const r of one.relationships) {
    expect(ids).toContain(r.start);
    expect(ids).toContain(r.end);
  }
  const led = one.relationships.find((r) => r.type === "LED_BY")!;
  expect(led).toMatchObject({ start: "EV-2025-07-02#10", end: "bo-khoa-hoc-va-cong-nghe", properties: { sourceId: "article-001", trust: "ARTICLE" } });
});

test("tasks carry their status as of the date and their life from assignment to deadline", async () => {
  const g = await subgraph(db(), model, { seeds: ["EV-2025-10-15#9"], depth: 0, asOf: "2026-04-01" });
  const task = g.nodes.find((n) => n.id === "EV-2025-10-15#9")!;
  expect(task.properties).toMatchObject({ deadline: "2026-03-31", lifeStart: "2025-10-15", lifeEnd: "2026-03-31", statusOnDate: "OVERDUE" });
  expect(task.properties).not.toHaveProperty("searchText");
});

test("without provenance: no Source nodes, no SOURCED_FROM, no quotes on relationships", async () => {
  const g = await subgraph(db(), model, { seeds: ["EV-2025-07-02#10"], depth: 1, provenance: false });
  expect(g.nodes.some((n) => n.label === "Source")).toBe(false);
  expect(g.relationships.some((r) => r.type === "SOURCED_FROM")).toBe(false);
  for (const r of g.relationships) expect(r.properties).not.toHaveProperty("quote");
});

test("node and relationship types can be included or excluded", async () => {
  const g = await subgraph(db(), model, { seeds: ["57-NQ/TW"], depth: 2, nodeTypes: ["Document", "Agency"], excludeRelationshipTypes: ["SIGNED_BY"] });
  expect(new Set(g.nodes.map((n) => n.label))).toEqual(new Set(["Document", "Agency"]));
  expect(g.relationships.some((r) => r.type === "SIGNED_BY")).toBe(false);
  expect(g.relationships.some((r) => r.type === "IMPLEMENTS")).toBe(true);
});

test("the whole graph is a selection too", async () => {
  const g = await subgraph(db(), model, {});
  const { records } = await driver.executeQuery("MATCH (n) WHERE NOT n:SeedMeta RETURN count(n) AS n", {}, { database });
  expect(g.nodeCount).toBe(Number(records[0]!.get("n")));
});

test("an oversized selection fails before anything is read, stating its size and the limit", async () => {
  // the whole graph: every node of the model's labels and every relationship between them, as Cypher counts them
  const { records } = await driver.executeQuery(`
    CALL () { MATCH (n) WHERE labels(n)[0] IN $labels RETURN count(n) AS nodes }
    CALL () { MATCH (a)-[r]->(b) WHERE labels(a)[0] IN $labels AND labels(b)[0] IN $labels RETURN count(r) AS relationships }
    RETURN nodes, relationships`, { labels: vocabulary(model).labels }, { database });
  const [nodes, relationships] = ["nodes", "relationships"].map((k) => Number(records[0]!.get(k)).toLocaleString("en"));
  const selection = parseSelection({ maxNodes: 100 }, model, { maxNodes: 1000, maxRelationships: 1000 });
  await expect(readSelection(db(), model, selection, "x")).rejects.toMatchObject({
    code: "LIMIT_EXCEEDED",
    message: `The selection has ${nodes} nodes and ${relationships} relationships; the limit is 100 nodes and 1,000 relationships. Narrow it (seeds, depth, types) or raise maxNodes/maxRelationships.`,
  });
});

test("a task comes with its reports: the seeded report, its REPORTS_ON and its source; the task holds no status of its own", async () => {
  const g = await subgraph(db(), model, { seeds: ["71/NQ-CP#3"], depth: 1, asOf: "2025-05-24" });
  const task = g.nodes.find((n) => n.id === "71/NQ-CP#3")!;
  expect(Object.keys(task.properties).filter((k) => k.startsWith("status"))).toEqual(["statusOnDate"]);
  expect(task.properties.statusOnDate).toBe("IN_PROGRESS");
  const report = g.nodes.find((n) => n.id === "71/NQ-CP#3@2025-05-24")!;
  expect(report).toMatchObject({ label: "ProgressReport", properties: { reportedOn: "2025-05-24", status: "IN_PROGRESS", submittedBy: "seed", sequence: 0 } });
  const on = g.relationships.find((r) => r.type === "REPORTS_ON" && r.start === report.id)!;
  const [cited] = (await driver.executeQuery(
    "MATCH (:ProgressReport {id: $id})-[c:SOURCED_FROM]->(s:Source) RETURN s.id AS source, c.quote AS quote, c.trust AS trust", { id: report.id }, { database },
  )).records.map((r) => r.toObject());
  expect(on).toMatchObject({ end: "71/NQ-CP#3", properties: { sourceId: cited!.source, quote: cited!.quote, trust: cited!.trust } });
  // its source comes with it, as for every selected node
  expect(g.relationships.filter((r) => r.type === "SOURCED_FROM" && r.start === report.id).map((r) => r.end)).toEqual([cited!.source]);
  // after the deadline, with no later report, the same task is OVERDUE in the export
  const later = await subgraph(db(), model, { seeds: ["71/NQ-CP#3"], depth: 0, asOf: "2025-06-01" });
  expect(later.nodes.find((n) => n.id === "71/NQ-CP#3")!.properties.statusOnDate).toBe("OVERDUE");
});

test("bad selections: unknown seed, unknown type, depth out of range", async () => {
  await expect(subgraph(db(), model, { seeds: ["no-such-id"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect(() => parseSelection({ nodeTypes: ["Job"] }, model, { maxNodes: 1, maxRelationships: 1 })).toThrow(/unknown node type "Job"/);
  expect(() => parseSelection({ depth: 9 }, model, { maxNodes: 1, maxRelationships: 1 })).toThrow(/depth/);
  expect(() => parseSelection({ asOf: "2025-02-30" }, model, { maxNodes: 1, maxRelationships: 1 })).toThrow(/asOf: a date that exists/);
});

test("a selection is read strictly: numbers are digits, include lists are not empty, provenance is a boolean", () => {
  const parse = (input: Record<string, unknown>) => parseSelection(input, model, { maxNodes: 10, maxRelationships: 10 });
  expect(parse({ depth: "2", maxNodes: "7" })).toMatchObject({ depth: 2, maxNodes: 7 });
  for (const depth of ["", " 1", "1e0", "0x2", "1.0", -1, 1.5, { a: 1 }]) expect(() => parse({ depth })).toThrow(/depth: a whole number from 0 to 6/);
  expect(() => parse({ seeds: [] })).toThrow(/seeds: an empty list; leave it out to export the whole graph/);
  expect(() => parse({ nodeTypes: [] })).toThrow(/nodeTypes: an empty list; leave it out to keep every node type/);
  expect(() => parse({ relationshipTypes: [] })).toThrow(/relationshipTypes: an empty list/);
  expect(parse({ excludeNodeTypes: [] }).excludeNodeTypes).toEqual([]); // excluding nothing is unambiguous
  expect(() => parse({ provenance: "maybe" })).toThrow(/provenance: true or false/);
  expect(() => parse({ asOf: "9999-99-99" })).toThrow(/asOf: a date that exists/);
  expect(() => parse({ ids: ["57-NQ/TW"] })).toThrow(/Unrecognized key: "ids"/);
  expect(parse({})).toMatchObject({ seeds: [], nodeTypes: [], relationshipTypes: [], depth: 1, provenance: true });
});
