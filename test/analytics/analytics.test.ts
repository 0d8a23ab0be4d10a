// The analyses on the seeded graph, as of dates before and after a succession and a deadline.
import type { Driver } from "neo4j-driver";

import * as analytics from "../../src/analytics/index.js";
import { onStatement } from "../../src/db/gateway.js";
import { database, testDriver } from "../support/db.js";

const all = <T>(p: Promise<analytics.Page<T>>) => p.then((x) => x.items);
const tasksOf = (id: string, asOf: string) => all(analytics.workloadTasks(db(), { id, asOf, which: "ALL", limit: 2000 }));
const overdueOf = (id: string, asOf: string) => all(analytics.workloadTasks(db(), { id, asOf, which: "OVERDUE", limit: 2000 }));

let driver: Driver;
const db = () => ({ driver, database });
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

describe("agencyWorkload", () => {
  test("after 01/03/2025 Bộ Khoa học và Công nghệ carries the work of Bộ Thông tin và Truyền thông", async () => {
    const w = await analytics.agencyWorkload(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-06-01" });
    expect(w.predecessors.map((p) => p.id)).toEqual(["bo-thong-tin-va-truyen-thong"]);
    expect(w.inherited).toBeGreaterThan(30);
    const inherited = (await tasksOf("bo-khoa-hoc-va-cong-nghe", "2025-06-01")).find((t) => t.task.id === "03/NQ-CP#1")!;
    expect(inherited).toMatchObject({ role: "LEAD", inheritedFrom: { id: "bo-thong-tin-va-truyen-thong" } });
  });

  test("inherited counts only what it holds through a predecessor alone (the Cypher truth)", async () => {
    const w = await analytics.agencyWorkload(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-06-01" });
    const { records } = await driver.executeQuery(
      `MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(:Agency {id: 'bo-thong-tin-va-truyen-thong'})
       WHERE NOT EXISTS { (t)-[:LED_BY|COORDINATED_WITH]->(:Agency {id: 'bo-khoa-hoc-va-cong-nghe'}) }
       RETURN count(DISTINCT t) AS n`, {}, { database });
    expect(w.inherited).toBe(records[0]!.get("n"));
    const { records: owned } = await driver.executeQuery(
      `MATCH (t:Task)-[r:LED_BY]->(a:Agency) WHERE a.id IN ['bo-khoa-hoc-va-cong-nghe', 'bo-thong-tin-va-truyen-thong']
       RETURN count(DISTINCT t) AS n`, {}, { database });
    expect(w.lead.total).toBe(owned[0]!.get("n"));
    const page = await analytics.workloadTasks(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-06-01", which: "ALL", offset: 10, limit: 7 });
    expect(page).toMatchObject({ total: w.lead.total + w.coordinating.total, offset: 10, limit: 7, hasNextPage: true });
    expect(page.items).toHaveLength(7);
    await expect(analytics.workloadTasks(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-06-01", which: "ALL", limit: 2001 })).rejects.toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/2000/) });
  });

  test("the next deadlines are the first of its upcoming unfinished tasks, by deadline", async () => {
    const w = await analytics.agencyWorkload(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-06-01", upcoming: 7 });
    const upcoming = await analytics.workloadTasks(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-06-01", which: "UPCOMING", limit: 7 });
    expect(w.nextDeadlines).toHaveLength(7);
    expect(w.nextDeadlines).toEqual(upcoming.items);
  });

  test("before the succession date it does not", async () => {
    const w = await analytics.agencyWorkload(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf: "2025-02-28" });
    expect(w.predecessors).toEqual([]);
    expect(w.inherited).toBe(0);
    expect((await tasksOf("bo-khoa-hoc-va-cong-nghe", "2025-02-28")).find((t) => t.task.id === "03/NQ-CP#1")).toBeUndefined();
    expect((await tasksOf("bo-thong-tin-va-truyen-thong", "2025-02-28")).find((t) => t.task.id === "03/NQ-CP#1")).toMatchObject({ role: "LEAD", inheritedFrom: null });
  });

  test("a task becomes overdue the day after its deadline", async () => {
    expect((await overdueOf("bo-noi-vu", "2025-06-30")).map((t) => t.task.id)).not.toContain("03/NQ-CP#5");
    expect((await overdueOf("bo-noi-vu", "2025-07-01")).map((t) => t.task.id)).toContain("03/NQ-CP#5");
  });

  test("unknown agency → NOT_FOUND; bad date → BAD_USER_INPUT", async () => {
    await expect(analytics.agencyWorkload(db(), { id: "bo-khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(analytics.agencyWorkload(db(), { id: "bo-noi-vu", asOf: "30/06/2025" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("dependencies", () => {
  test("upstream of the 31/03/2026 direction: the laws it waits for, with rationale", async () => {
    const chain = await analytics.dependencies(db(), { id: "EV-2025-10-15#9", direction: "UPSTREAM", depth: 2 });
    expect(chain.edges.every((e) => e.from.id === "EV-2025-10-15#9" || e.depth > 1)).toBe(true);
    const law = chain.edges.find((e) => e.to.id === "03/NQ-CP#21")!;
    expect(law).toMatchObject({ kind: "INFERRED", depth: 1, sourceId: "article-002" });
  });

  test("downstream of the Law on Science, Technology and Innovation", async () => {
    const chain = await analytics.dependencies(db(), { id: "03/NQ-CP#14", direction: "DOWNSTREAM", depth: 1 });
    expect(chain.edges.map((e) => e.from.id)).toEqual(expect.arrayContaining(["03/NQ-CP#26", "EV-2025-10-15#9"]));
    for (const e of chain.edges) expect(e.to.id).toBe("03/NQ-CP#14");
  });

  test("depth is bounded", async () => {
    await expect(analytics.dependencies(db(), { id: "03/NQ-CP#14", depth: 11 })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("criticalPath and blocked work", () => {
  test("the critical path is unfinished and ordered by dependency", async () => {
    const c = await analytics.criticalPath(db(), { id: "57-NQ/TW", asOf: "2026-04-01" });
    expect(c.length).toBeGreaterThanOrEqual(2);
    for (const t of c.tasks) expect(t.task.status).not.toBe("DONE");
    const chain = await analytics.dependencies(db(), { id: c.end!.id, direction: "UPSTREAM", depth: 10 });
    const upstream = new Set(chain.edges.map((e) => e.to.id));
    for (const t of c.tasks.slice(0, -1)) expect(upstream.has(t.task.id)).toBe(true);
  });

  test("the guiding-documents direction is blocked by the overdue laws, not by the one passed", async () => {
    const blocked = await analytics.blockedByOverdue(db(), { id: "EV-2025-10-15", asOf: "2026-04-01" });
    expect(blocked.total).toBe(blocked.items.length);
    const nine = blocked.items.find((b) => b.task.id === "EV-2025-10-15#9")!;
    expect(nine.overdueBlockers.map((b) => b.id).sort()).toEqual(["03/NQ-CP#15", "03/NQ-CP#16", "03/NQ-CP#17"]);
  });
});

describe("deadlines", () => {
  test("a month of one ministry's deadlines, with status as of a date", async () => {
    const june = (await analytics.deadlines(db(), { from: "2025-06-01", to: "2025-06-30", agencyId: "bo-noi-vu", asOf: "2025-07-01" })).items;
    expect(june.map((d) => d.task.id)).toContain("03/NQ-CP#5");
    for (const d of june) expect(d.task.deadline! >= "2025-06-01" && d.task.deadline! <= "2025-06-30").toBe(true);
    const overdue = (await analytics.deadlines(db(), { from: "2025-01-01", to: "2025-12-31", documentId: "71/NQ-CP", status: "OVERDUE", asOf: "2025-05-24" })).items;
    expect(overdue.map((d) => d.task.id).sort()).toEqual(["71/NQ-CP#25", "71/NQ-CP#34"]);
  });

  test("a period that ends before it starts is BAD_USER_INPUT", async () => {
    await expect(analytics.deadlines(db(), { from: "2025-06-30", to: "2025-06-01" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("connections", () => {
  test("Bộ Công an ↔ the AI group: shortest paths, each edge with its quote", async () => {
    const paths = await analytics.connections(db(), { from: "bo-cong-an", to: "1131/QĐ-TTg#1", maxHops: 4, limit: 5 });
    expect(paths.length).toBeGreaterThan(0);
    const shortest = Math.min(...paths.map((p) => p.length));
    for (const p of paths) {
      expect(p.length).toBe(shortest);
      expect(p.edges).toHaveLength(p.length);
      for (const e of p.edges) expect(e.quote).toBeTruthy();
      expect(p.nodes.some((n) => n.type === "Source")).toBe(false);
    }
  });

  test("a province ↔ Resolution 57: through the meeting it joined as a bridge point", async () => {
    const [p] = await analytics.connections(db(), { from: "nghe-an", to: "57-NQ/TW" });
    expect(p!.nodes.map((n) => n.id)).toEqual(["nghe-an", "EV-2025-07-02", "57-NQ/TW"]);
    expect(p!.edges.map((e) => e.type)).toEqual(["ATTENDED_BY", "REVIEWED"]);
  });

  test("bounded in hops and count", async () => {
    expect(await analytics.connections(db(), { from: "nghe-an", to: "57-NQ/TW", maxHops: 1 })).toEqual([]);
    await expect(analytics.connections(db(), { from: "nghe-an", to: "57-NQ/TW", maxHops: 7 })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(analytics.connections(db(), { from: "nowhere", to: "57-NQ/TW" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("dashboard", () => {
  const panel = async (asOf: string, documentId: string | null, name: analytics.Panel) =>
    analytics.dashboardPanel(await analytics.dashboard(db(), { asOf, documentId }), name) as Promise<Record<string, any>[]>;

  test("aggregates add up to the tasks in scope", async () => {
    expect(await panel("2025-05-24", "71/NQ-CP", "total")).toBe(37);
    expect(await panel("2025-05-24", "71/NQ-CP", "byStatus")).toEqual([{ status: "DONE", count: 21 }, { status: "IN_PROGRESS", count: 14 }, { status: "OVERDUE", count: 2 }]);
    expect((await panel("2025-05-24", "71/NQ-CP", "byDeadlineMonth")).reduce((n, m) => n + m.total, 0)).toBe(37);
    expect(await panel("2025-05-24", "71/NQ-CP", "completionByDocument")).toEqual([expect.objectContaining({ group: expect.objectContaining({ id: "71/NQ-CP" }), total: 37, done: 21 })]);
  });

  test("targets by horizon count a merged ministry's targets for its successor", async () => {
    const monitors = async (asOf: string, year: number) =>
      Object.fromEntries((await panel(asOf, null, "targetsByHorizon")).find((h) => h.year === year)!.byMonitoringAgency.map((a: any) => [a.agency.id, a.count]));
    const before = await monitors("2025-02-01", 2030);
    const after = await monitors("2025-06-01", 2030);
    expect(before["bo-thong-tin-va-truyen-thong"]).toBe(17);
    expect(after["bo-thong-tin-va-truyen-thong"]).toBeUndefined();
    expect(after["bo-khoa-hoc-va-cong-nghe"]).toBe(before["bo-khoa-hoc-va-cong-nghe"] + 17);
    expect((await panel("2025-06-01", null, "targetsByHorizon")).find((h) => h.year === 2045)!.total).toBe(11);
  });

  test("an agency narrows the tasks to its workload, through its predecessors", async () => {
    const asOf = "2025-06-01";
    const w = await analytics.agencyWorkload(db(), { id: "bo-khoa-hoc-va-cong-nghe", asOf });
    expect(w.predecessors.length).toBeGreaterThan(0);
    const total = async (documentId: string | null) => analytics.dashboardPanel(await analytics.dashboard(db(), { asOf, documentId, agencyId: "bo-khoa-hoc-va-cong-nghe" }), "total");
    expect(await total(null)).toBe(w.lead.total + w.coordinating.total);
    // with a directive as well: the tasks under it that the agency or a predecessor owns, counted by hand
    const owners = ["bo-khoa-hoc-va-cong-nghe", ...w.predecessors.map((p) => p.id)];
    const [r] = (await driver.executeQuery(`
      MATCH (:Document {id: '03/NQ-CP'})<-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED*1..8]-(t:Task)
      WITH DISTINCT t MATCH (t)-[:LED_BY|COORDINATED_WITH]->(o:Agency) WHERE o.id IN $owners
      RETURN count(DISTINCT t) AS n`, { owners }, { database })).records;
    expect(Number(r!.get("n"))).toBeGreaterThan(0);
    expect(await total("03/NQ-CP")).toBe(Number(r!.get("n")));
    const byStatus = await analytics.dashboardPanel(await analytics.dashboard(db(), { asOf, documentId: "03/NQ-CP", agencyId: "bo-khoa-hoc-va-cong-nghe" }), "byStatus") as { count: number }[];
    expect(byStatus.reduce((n, s) => n + s.count, 0)).toBe(Number(r!.get("n")));
    await expect(analytics.dashboard(db(), { agencyId: "no-such-agency" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("the panels one request asks are computed in one statement, equal to each asked alone", async () => {
    const asOf = "2025-09-30";
    const names = ["total", "byStatus", "byAgency", "byDeadlineMonth", "bySection", "byTechnologyGroup", "completionByDocument", "completionByAgency"] as const;
    const sent: string[] = [];
    const stop = onStatement((s) => { if (s.operation.startsWith("dashboard.")) sent.push(s.operation); });
    const d = await analytics.dashboard(db(), { asOf, documentId: "03/NQ-CP" });
    const together = await Promise.all(names.map((n) => analytics.dashboardPanel(d, n)));
    stop();
    expect(sent).toEqual(["dashboard.all"]);
    for (const [i, n] of names.entries()) {
      expect(together[i]).toEqual(await analytics.dashboardPanel(await analytics.dashboard(db(), { asOf, documentId: "03/NQ-CP" }), n));
    }
  });

  test("an unknown scope is NOT_FOUND", async () => {
    await expect(analytics.dashboard(db(), { documentId: "no-such-document" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
