// Facts that claim no more than their sources (issue 12, "Over-claims"): a resolution item asking
// for two bodies is not done when one is set up; a narrative "Chính phủ sẽ…" names no lead; a
// dependency is STATED only when its quote names what it depends on; a succession read from the
// names says INFERRED; a date the facts call unverified is cited as UNVERIFIED. Checked in the
// seed as read and in the graph as loaded, with the status rule's Cypher.
import type { Driver } from "neo4j-driver";

import { statusOf } from "../../src/cypher/fragments.js";
import { readConfiguredSeed, type SeedGraph } from "../../src/seed/index.js";
import { seedReport } from "../../src/seed/report.js";
import { config, database, testDriver } from "../support/db.js";

let graph: SeedGraph;
let driver: Driver;
beforeAll(() => { graph = readConfiguredSeed(config); driver = testDriver(); });
afterAll(() => driver.close());

const statusAsOf = async (id: string, asOf: string) => {
  const { records } = await driver.executeQuery(`MATCH (t:Task {id: $id}) RETURN ${statusOf("t")} AS s`, { id, asOf }, { database });
  return records.map((r) => r.get("s") as string);
};

describe("57-NQ/TW#IV.1 asks for the Steering Committee and a National Advisory Council", () => {
  it("only the Steering Committee part is fulfilled (by 229-QĐ/TW); the item as a whole is not", () => {
    const fulfilled = graph.relationships.filter((r) => r.relType === "FULFILLED_BY" && r.fromId.startsWith("57-NQ/TW#IV.1")).map((r) => `${r.fromId} → ${r.toId}`);
    expect(fulfilled).toEqual(["57-NQ/TW#IV.1.a → 229-QĐ/TW"]);
    const parts = graph.relationships.filter((r) => r.relType === "PART_OF" && r.toId === "57-NQ/TW#IV.1").map((r) => r.fromId).sort();
    expect(parts).toEqual(["57-NQ/TW#IV.1.a", "57-NQ/TW#IV.1.b"]);
    expect(graph.nodes.get("57-NQ/TW#IV.1.b")?.props.titleVi).toMatch(/^Thành lập Hội đồng Tư vấn quốc gia/);
  });

  it("as of 2025-12-31 the loaded graph says IV.1.a DONE, IV.1.b and IV.1 not DONE", async () => {
    expect(await statusAsOf("57-NQ/TW#IV.1.a", "2025-12-31")).toEqual(["DONE"]);
    expect(await statusAsOf("57-NQ/TW#IV.1.b", "2025-12-31")).toEqual(["UNKNOWN"]);
    expect(await statusAsOf("57-NQ/TW#IV.1", "2025-12-31")).toEqual(["UNKNOWN"]);
  });
});

describe("no lead on a narrative alone", () => {
  const SEVEN = ["03/NQ-CP#II.1.l", "03/NQ-CP#II.4.a", "03/NQ-CP#II.4.e", "03/NQ-CP#II.4.n", "03/NQ-CP#II.5.a", "03/NQ-CP#II.5.i", "03/NQ-CP#II.5.l"];

  it("no task is led by chinh-phu on the strength of article 004", () => {
    const led = graph.relationships.filter((r) => r.relType === "LED_BY" && r.toId === "chinh-phu").map((r) => `${r.fromId} (${String(r.props.sourceId)})`);
    expect(led.filter((l) => l.includes("article-004"))).toEqual([]);
  });

  it("the seven main-text items have no lead, and seed:report lists them among the tasks without one", async () => {
    const report = seedReport(graph);
    for (const id of SEVEN) {
      expect(graph.relationships.some((r) => r.relType === "LED_BY" && r.fromId === id)).toBe(false);
      expect(report.tasks.withoutOwner).toContain(id);
    }
    const { records } = await driver.executeQuery(
      "UNWIND $ids AS id MATCH (t:Task {id: id}) RETURN count(t) AS tasks, sum(COUNT { (t)-[:LED_BY]->() }) AS leads", { ids: SEVEN }, { database });
    expect(Number(records[0]!.get("tasks"))).toBe(7);
    expect(Number(records[0]!.get("leads"))).toBe(0);
  });
});

describe("STATED only when the quote names what the task depends on", () => {
  it("the 02/07 and 15/10/2025 directions on guiding texts depend on each law as INFERRED", () => {
    const kinds = graph.relationships
      .filter((r) => r.relType === "DEPENDS_ON" && (r.fromId === "EV-2025-07-02#4" || r.fromId === "EV-2025-10-15#9"))
      .map((r) => `${r.fromId} → ${r.toId}: ${String(r.props.kind)}`).sort();
    expect(kinds).toEqual([
      "EV-2025-07-02#4 → 03/NQ-CP#14: INFERRED", "EV-2025-07-02#4 → 03/NQ-CP#15: INFERRED", "EV-2025-07-02#4 → 03/NQ-CP#16: INFERRED",
      "EV-2025-07-02#4 → 03/NQ-CP#17: INFERRED", "EV-2025-07-02#4 → 03/NQ-CP#21: INFERRED",
      "EV-2025-10-15#9 → 03/NQ-CP#14: INFERRED", "EV-2025-10-15#9 → 03/NQ-CP#15: INFERRED", "EV-2025-10-15#9 → 03/NQ-CP#16: INFERRED",
      "EV-2025-10-15#9 → 03/NQ-CP#17: INFERRED", "EV-2025-10-15#9 → 03/NQ-CP#21: INFERRED",
    ]);
  });
});

describe("successions say whether a source states them", () => {
  it("1131/QĐ-TTg groups 4, 5 and 6 → 21/2026 are INFERRED in the loaded graph; every seeded succession has a kind", async () => {
    const { records } = await driver.executeQuery(
      "MATCH (g:TechnologyGroup)-[s:SUCCEEDED_BY]->(n) WHERE g.id IN $ids RETURN g.id AS g, n.id AS n, s.kind AS kind ORDER BY g",
      { ids: ["1131/QĐ-TTg#4", "1131/QĐ-TTg#5", "1131/QĐ-TTg#6"] }, { database });
    expect(records.map((r) => `${r.get("g")} → ${r.get("n")}: ${r.get("kind")}`)).toEqual([
      "1131/QĐ-TTg#4 → 21/2026/QĐ-TTg#2: INFERRED", "1131/QĐ-TTg#5 → 21/2026/QĐ-TTg#3: INFERRED", "1131/QĐ-TTg#6 → 21/2026/QĐ-TTg#6: INFERRED",
    ]);
    const seeded = graph.relationships.filter((r) => r.relType === "SUCCEEDED_BY");
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.filter((r) => r.props.kind !== "STATED" && r.props.kind !== "INFERRED")).toEqual([]);
  });
});

describe("a date the facts call unverified", () => {
  it("2815/QĐ-TTg's primary citation, the one that gives its date, is UNVERIFIED", async () => {
    const { records } = await driver.executeQuery(
      "MATCH (d:Document {id: '2815/QĐ-TTg'})-[c:SOURCED_FROM]->(:Source) WHERE c.quote CONTAINS '28/12/2025' RETURN c.trust AS trust", {}, { database });
    expect(records.map((r) => r.get("trust"))).toEqual(["UNVERIFIED"]);
  });
});
