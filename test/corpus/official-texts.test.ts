// The official corpus: Resolution 57-NQ/TW's structure and targets, 03/NQ-CP's objectives,
// task groups and appendix I targets, and Resolution 71/NQ-CP's tasks with their status of
// 24/05/2025 and the 03/NQ-CP tasks they update.
import type { Driver } from "neo4j-driver";

import { trace, type TracedTask } from "../../src/trace/index.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

const rows = async (cypher: string, params = {}) => (await driver.executeQuery(cypher, params, { database })).records.map((r) => r.toObject());
const ids = (list: { id: string }[]) => list.map((x) => x.id).sort();

describe("Resolution 57-NQ/TW", () => {
  test("5 viewpoints, objectives to 2030 and 2045, 7 groups of tasks and solutions, implementation", async () => {
    const children = async (parent: string) => (await rows("MATCH (s:Section)-[:PART_OF]->({id: $parent}) RETURN s.id AS id", { parent })).map((r) => r.id).sort();
    expect(await children("57-NQ/TW")).toEqual(["57-NQ/TW#I", "57-NQ/TW#II", "57-NQ/TW#III", "57-NQ/TW#IV"]);
    expect(await children("57-NQ/TW#I")).toHaveLength(5);
    expect(await children("57-NQ/TW#II")).toEqual(["57-NQ/TW#II.1", "57-NQ/TW#II.2"]);
    expect(await children("57-NQ/TW#III")).toHaveLength(7);
  });

  test("targets by horizon: 21 to 2030, 4 to 2045, and 2 with no year", async () => {
    const horizon = await rows("MATCH (t:Target) WHERE t.id STARTS WITH '57-NQ/TW#T' RETURN t.year AS year, count(*) AS n ORDER BY year");
    expect(horizon.map((h) => [h.year, Number(h.n)])).toEqual([[2030, 21], [2045, 4], [null, 2]]);
  });

  test("part IV gives the work to named bodies", async () => {
    const { tasks } = await trace({ driver, database }, { id: "57-NQ/TW#IV" });
    const lead = Object.fromEntries(tasks.map((t) => [t.id, t.leadAgencies.map((o) => o.assigned.id).sort()]));
    expect(lead).toMatchObject({
      "57-NQ/TW#IV.2": ["dang-doan-quoc-hoi"],
      "57-NQ/TW#IV.3": ["ban-can-su-dang-chinh-phu"],
      "57-NQ/TW#IV.5": ["ban-tuyen-giao-trung-uong"],
      "57-NQ/TW#IV.6": ["van-phong-trung-uong-dang"],
    });
    expect(lead["57-NQ/TW#IV.4"]).toContain("mat-tran-to-quoc-viet-nam");
    const iv6 = tasks.find((t) => t.id === "57-NQ/TW#IV.6")!;
    expect(iv6.coordinatingAgencies.map((o) => o.assigned.id)).toEqual(["ban-kinh-te-trung-uong"]);
    expect(iv6.recurring).toBe(true);
  });
});

describe("Resolution 03/NQ-CP", () => {
  test("its 7 task groups each implement the matching group of 57-NQ/TW", async () => {
    const pairs = await rows("MATCH (a:Section)-[:IMPLEMENTS]->(b:Section) WHERE a.id STARTS WITH '03/NQ-CP#II.' RETURN a.id AS a, b.id AS b ORDER BY a");
    expect(pairs.map((p) => [p.a, p.b])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [`03/NQ-CP#II.${n}`, `57-NQ/TW#III.${n}`]));
  });

  test("trace returns the 140 appendix tasks, the main text's sub-tasks and 71/NQ-CP's updates", async () => {
    const { tasks, totalTasks } = await trace({ driver, database }, { id: "03/NQ-CP", limit: 2000 });
    expect(totalTasks).toBe(tasks.length);
    expect(tasks.filter((t) => /^03\/NQ-CP#\d+$/.test(t.id))).toHaveLength(140);
    expect(tasks.filter((t) => /^03\/NQ-CP#II\.\d\.[a-zđ]$/.test(t.id))).toHaveLength(102);
    expect(tasks.filter((t) => t.id.startsWith("71/NQ-CP#"))).toHaveLength(37);
  });

  test("appendix I: 56 targets, 50 to 2030 and 6 to 2045, each with the agency that monitors it", async () => {
    const targets = await rows(`
      MATCH (t:Target) WHERE t.id STARTS WITH '03/NQ-CP#PL1.'
      RETURN t.id AS id, t.year AS year, [(t)-[:MONITORED_BY]->(a) | a.id] AS monitors`);
    expect(targets).toHaveLength(56);
    expect(targets.filter((t) => t.year === 2030)).toHaveLength(50);
    expect(targets.filter((t) => t.year === 2045)).toHaveLength(6);
    expect(targets.filter((t) => t.monitors.length === 0).map((t) => t.id)).toEqual([]);
  });

  test("every 57-NQ/TW target with a year is made concrete by a monitored appendix I target", async () => {
    const unmonitored = await rows(`
      MATCH (t:Target) WHERE t.id STARTS WITH '57-NQ/TW#T' AND t.year IS NOT NULL
        AND NOT EXISTS { (:Target)-[:REFINES]->(t) }
      RETURN t.id AS id`);
    expect(unmonitored).toEqual([]);
    const [rd] = await rows(`
      MATCH (p:Target)-[:REFINES]->(t:Target {id: '57-NQ/TW#T12'}) MATCH (p)-[:MONITORED_BY]->(a) RETURN t.titleVi AS title, collect(a.id) AS monitors`);
    expect(rd!.title).toMatch(/R&D\) đạt 2% GDP/);
    expect(rd!.monitors.length).toBeGreaterThan(0);
  });
});

describe("Resolution 71/NQ-CP (draft report of 25/05/2025)", () => {
  let tasks: TracedTask[];
  beforeAll(async () => { tasks = (await trace({ driver, database }, { id: "71/NQ-CP", asOf: "2025-05-24", limit: 2000 })).tasks; });

  test("37 tasks, 21 done, 14 in progress and 2 overdue as of 24/05/2025", () => {
    expect(tasks).toHaveLength(37);
    const reported = tasks.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.reportedStatus]: (acc[t.reportedStatus] ?? 0) + 1 }), {});
    expect(reported).toEqual({ DONE: 21, IN_PROGRESS: 14, OVERDUE: 2 });
    for (const t of tasks) expect(t.statusAsOf).toBe("2025-05-24");
  });

  test("the status is not known before the report's date", async () => {
    const early = (await trace({ driver, database }, { id: "71/NQ-CP", asOf: "2025-03-15", limit: 2000 })).tasks;
    expect(early.filter((t) => t.status === "DONE" && !t.fulfilledOn)).toEqual([]);
  });

  test("task 1 updates 03/NQ-CP task 1: earlier deadline, and the abolished ministry's work moves to Bộ Khoa học và Công nghệ", async () => {
    const [u] = await rows(`
      MATCH (a:Task {id: '71/NQ-CP#1'})-[r:UPDATES]->(b:Task) RETURN b.id AS id, r.changes AS changes, r.trust AS trust`);
    expect(u).toEqual({ id: "03/NQ-CP#1", changes: expect.arrayContaining(["DEADLINE", "OWNER"]), trust: "DRAFT_REPORT" });
    const t1 = tasks.find((t) => t.id === "71/NQ-CP#1")!;
    expect(t1.leadAgencies.map((o) => o.assigned.id)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
    expect(t1.deadline).toBe("2025-04-30");
  });

  test("27 of its tasks update a 03/NQ-CP task and 1 restates one unchanged; the documents that delivered tasks are linked", async () => {
    const count = async (type: string) => Number(((await rows(`MATCH (a:Task)-[:${type}]->(b:Task) WHERE a.id STARTS WITH '71/NQ-CP#' AND b.id STARTS WITH '03/NQ-CP#' RETURN count(DISTINCT a) AS n`)) as [{ n: number }])[0].n);
    expect(await count("UPDATES")).toBe(27);
    expect(await count("RESTATES")).toBe(1);
    const delivered = await rows("MATCH (:Task {id: '71/NQ-CP#8'})-[:FULFILLED_BY]->(d) RETURN d.id AS id");
    expect(ids(delivered as { id: string }[])).toEqual(["196/2025/QH15"]);
  });
});

describe("dependencies", () => {
  test("the guiding decrees due before 31/03/2026 wait for the laws they guide", async () => {
    const { tasks } = await trace({ driver, database }, { id: "EV-2025-10-15", asOf: "2025-11-23" });
    const t = tasks.find((x) => x.id === "EV-2025-10-15#9")!;
    expect(ids(t.dependsOn.map((d) => d.task))).toEqual(expect.arrayContaining(["03/NQ-CP#14", "03/NQ-CP#21"]));
    for (const d of t.dependsOn) expect(d.rationale.length).toBeGreaterThan(10);
    // The Law on Science, Technology and Innovation (task 14) was delivered by 93/2025/QH15: not a blocker.
    expect(t.blockedBy.map((b) => b.id)).not.toContain("03/NQ-CP#14");
    expect(t.dependsOn.find((d) => d.task.id === "03/NQ-CP#14")!.task.status).toBe("DONE");
  });

  test("unfinished upstream work blocks, transitively", async () => {
    const { tasks } = await trace({ driver, database }, { id: "03/NQ-CP", asOf: "2025-11-23", limit: 2000 });
    const blocked = tasks.filter((t) => t.blockedBy.length > 0);
    expect(blocked.length).toBeGreaterThan(0);
    for (const t of blocked) for (const b of t.blockedBy) expect(b.status).not.toBe("DONE");
  });
});
