// trace(id, asOf): the directive, every task under it, owners as assigned and as of a date,
// deadlines and status — checked against what the sources state.
import type { Driver } from "neo4j-driver";

import { AppError } from "../../src/errors/index.js";
import { trace, type TracedTask } from "../../src/trace/index.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

const ids = (owners: { assigned: { id: string } }[]) => owners.map((o) => o.assigned.id).sort();
const byId = (tasks: TracedTask[], id: string) => {
  const t = tasks.find((x) => x.id === id);
  if (!t) throw new Error(`task ${id} not in the trace`);
  return t;
};

describe('trace("57-NQ/TW")', () => {
  let tasks: TracedTask[];
  let total: number;
  beforeAll(async () => {
    const result = await trace({ driver, database }, { id: "57-NQ/TW", asOf: "2025-11-23", limit: 2000 });
    tasks = result.tasks;
    total = result.totalTasks;
    expect(result.root).toEqual(expect.objectContaining({ id: "57-NQ/TW", type: "Document" }));
  });

  test("reaches the tasks of the meetings that reviewed it and of the programme that implements it", () => {
    expect(total).toBe(tasks.length);
    expect(tasks.filter((t) => t.id.startsWith("EV-2025-01-13#")).length).toBe(27);
    expect(tasks.filter((t) => t.id.startsWith("EV-2025-07-02#")).length).toBeGreaterThanOrEqual(21);
    expect(tasks.filter((t) => t.id.startsWith("EV-2025-10-15#")).length).toBe(15);
    expect(tasks.some((t) => t.id.startsWith("03/NQ-CP#"))).toBe(true);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
  });

  test("02/07/2025: the communication programme is led by Ban Tuyên giáo và Dân vận Trung ương", () => {
    const t = byId(tasks, "EV-2025-07-02#3");
    expect(ids(t.leadAgencies)).toEqual(["ban-tuyen-giao-va-dan-van-trung-uong"]);
    expect(t.path.map((p) => p.id)).toEqual(["57-NQ/TW", "EV-2025-07-02", "EV-2025-07-02#3"]);
    expect(t.pathTypes).toEqual(["REVIEWED", "ASSIGNED_AT"]);
  });

  test("02/07/2025: Bộ Công an completes the National Data Centre and national databases", () => {
    const t = byId(tasks, "EV-2025-07-02#8");
    expect(ids(t.leadAgencies)).toContain("bo-cong-an");
    expect(t.titleEn).toMatch(/National Data Centre/);
  });

  test("02/07/2025: Bộ Khoa học và Công nghệ leads 5G with satellite Internet, with Bộ Tài chính and Bộ Công Thương", () => {
    const t = byId(tasks, "EV-2025-07-02#10");
    expect(ids(t.leadAgencies)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
    expect(ids(t.coordinatingAgencies)).toEqual(expect.arrayContaining(["bo-tai-chinh", "bo-cong-thuong"]));
  });

  test("02/07/2025: Bộ Nội vụ leads talent policy; Bộ Giáo dục và Đào tạo attracts at least 100 leading experts", () => {
    expect(ids(byId(tasks, "EV-2025-07-02#13").leadAgencies)).toEqual(["bo-noi-vu"]);
    const experts = byId(tasks, "EV-2025-07-02#18");
    expect(ids(experts.leadAgencies)).toEqual(["bo-giao-duc-va-dao-tao"]);
    expect(experts.titleVi).toMatch(/ít nhất 100 chuyên gia/);
  });

  test("15/10/2025: every guiding decree and circular in force before 31/03/2026", () => {
    const t = byId(tasks, "EV-2025-10-15#9");
    expect(t.deadline).toBe("2026-03-31");
    expect(t.deadlineText).toBe("trước ngày 31/3/2026");
    expect(t.recurring).toBe(false);
    expect(t.status).toBe("UNKNOWN");
  });

  test("owners today equal owners as assigned where no succession applies", () => {
    const t = byId(tasks, "EV-2025-07-02#10");
    expect(t.leadAgencies[0]!.today.map((a) => a.id)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
  });
});

describe("status as of a date", () => {
  const statusOn = async (asOf: string) => byId((await trace({ driver, database }, { id: "EV-2025-10-15", asOf })).tasks, "EV-2025-10-15#9").status;
  test("not overdue on its deadline day, overdue the day after", async () => {
    expect(await statusOn("2026-03-31")).toBe("UNKNOWN");
    expect(await statusOn("2026-04-01")).toBe("OVERDUE");
  });
});

describe("owners as assigned and today", () => {
  test("a task assigned to Bộ Thông tin và Truyền thông is owned by Bộ Khoa học và Công nghệ from 01/03/2025", async () => {
    const { tasks } = await trace({ driver, database }, { id: "03/NQ-CP", asOf: "2025-06-01", limit: 2000 });
    const t = byId(tasks, "03/NQ-CP#1");
    expect(t.leadAgencies).toHaveLength(1);
    expect(t.leadAgencies[0]!.assigned.id).toBe("bo-thong-tin-va-truyen-thong");
    expect(t.leadAgencies[0]!.today.map((a) => a.id)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
  });

  test("before the succession date the assigned ministry still owns it", async () => {
    const { tasks } = await trace({ driver, database }, { id: "03/NQ-CP", asOf: "2025-02-28", limit: 2000 });
    expect(byId(tasks, "03/NQ-CP#1").leadAgencies[0]!.today.map((a) => a.id)).toEqual(["bo-thong-tin-va-truyen-thong"]);
  });
});

describe("trace on a task: the task, what is under it, and the tasks that restate or update it", () => {
  const read = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(cypher, params, { database })).records.map((r) => r.toObject());
  /** by Cypher: the task and every task that reaches it by parts, restatements and updates */
  const reaching = async (id: string) => (await read(
    "MATCH (:Task {id: $id})<-[:PART_OF|RESTATES|UPDATES*0..8]-(t:Task) RETURN DISTINCT t.id AS id", { id })).map((r) => r.id as string).sort();

  test.each(["RESTATES", "UPDATES"])("a task with incoming %s: itself first, then each of them, one hop away", async (rel) => {
    // the task with the most of them (the relationship type is one of two constants)
    const [pick] = await read(`
      MATCH (t:Task) WHERE EXISTS { (t)<-[:${rel}]-(:Task) }
      WITH t, COLLECT { MATCH (t)<-[:${rel}]-(o:Task) RETURN o.id ORDER BY o.id } AS others
      RETURN t.id AS id, others ORDER BY size(others) DESC, id LIMIT 1`);
    expect(pick).toBeDefined();
    const id = pick!.id as string;
    const result = await trace({ driver, database }, { id, asOf: "2025-11-23" });
    expect(result.root).toMatchObject({ id, type: "Task" });
    expect(result.totalTasks).toBeGreaterThanOrEqual(2);
    expect(result.tasks.map((t) => t.id).sort()).toEqual(await reaching(id));
    const [self] = result.tasks;
    expect(self).toMatchObject({ id, depth: 0, pathTypes: [] });
    expect(self!.path.map((p) => p.id)).toEqual([id]);
    for (const o of pick!.others as string[]) {
      const t = byId(result.tasks, o);
      expect(t).toMatchObject({ depth: 1, pathTypes: [rel] });
      expect(t.path.map((p) => p.id)).toEqual([id, o]);
    }
  });

  test("every task that is restated or updated traces to more than itself; a task alone traces to itself", async () => {
    const rows = await read(`
      MATCH (t:Task) WHERE EXISTS { (t)<-[:RESTATES|UPDATES]-(:Task) } RETURN t.id AS id ORDER BY id`);
    expect(rows.length).toBeGreaterThan(10);
    for (const { id } of rows) {
      const { tasks, totalTasks } = await trace({ driver, database }, { id: id as string, limit: 2000 });
      expect({ id, tasks: tasks.map((t) => t.id).sort() }).toEqual({ id, tasks: await reaching(id as string) });
      expect(totalTasks).toBeGreaterThan(1);
    }
    const [alone] = await read(`
      MATCH (t:Task) WHERE NOT EXISTS { (t)<-[:PART_OF|RESTATES|UPDATES]-(:Task) } RETURN t.id AS id ORDER BY id LIMIT 1`);
    const single = await trace({ driver, database }, { id: alone!.id as string });
    expect(single.totalTasks).toBe(1);
    expect(single.tasks.map((t) => t.id)).toEqual([alone!.id]);
  });

  test("a document's trace does not follow restatements and updates: the same tasks as its parts, implementations and meetings", async () => {
    for (const id of ["03/NQ-CP", "57-NQ/TW"]) {
      const { tasks } = await trace({ driver, database }, { id, limit: 2000 });
      const want = (await read(`
        CALL () { MATCH (d:Document {id: $id}) RETURN d }
        MATCH (d)<-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED*1..8]-(t:Task) RETURN DISTINCT t.id AS id`, { id })).map((r) => r.id as string).sort();
      expect(tasks.map((t) => t.id).sort()).toEqual(want);
      for (const t of tasks) expect(t.pathTypes.filter((p) => p === "RESTATES" || p === "UPDATES")).toEqual([]);
    }
  });
});

describe("scope, paging and errors", () => {
  test("a section traces only its own tasks", async () => {
    const { tasks, root } = await trace({ driver, database }, { id: "03/NQ-CP#II.3", asOf: "2025-11-23" });
    expect(root.type).toBe("Section");
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) expect(t.id.startsWith("03/NQ-CP#II.3.")).toBe(true);
  });

  test("tasks come in the order the source numbers them", async () => {
    const { tasks } = await trace({ driver, database }, { id: "EV-2025-07-02" });
    const numbers = tasks.map((t) => Number(t.id.split("#")[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.slice(0, 3)).toEqual([1, 2, 3]);
  });

  test("pages are disjoint and add up to the total", async () => {
    const first = await trace({ driver, database }, { id: "57-NQ/TW", limit: 10, offset: 0 });
    const second = await trace({ driver, database }, { id: "57-NQ/TW", limit: 10, offset: 10 });
    expect(first.tasks).toHaveLength(10);
    expect(second.totalTasks).toBe(first.totalTasks);
    expect(second.tasks.map((t) => t.id).filter((id) => first.tasks.some((f) => f.id === id))).toEqual([]);
  });

  test("an unknown id is NOT_FOUND and names the id", async () => {
    await expect(trace({ driver, database }, { id: "99-NQ/TW" })).rejects.toMatchObject({ code: "NOT_FOUND", message: 'No document, section, task or event with id "99-NQ/TW"' });
  });

  test("a meeting traces the tasks it assigned", async () => {
    const { root, tasks } = await trace({ driver, database }, { id: "EV-2025-10-15" });
    expect(root.type).toBe("Event");
    expect(tasks.map((t) => t.id).filter((id) => id.startsWith("EV-2025-10-15#"))).toHaveLength(15);
  });

  test("an agency is not a directive: NOT_FOUND", async () => {
    await expect(trace({ driver, database }, { id: "bo-cong-an" })).rejects.toBeInstanceOf(AppError);
  });

  test.each([
    [{ limit: 0 }, /limit must be a whole number from 1 to 2000/],
    [{ limit: 5000 }, /limit must be a whole number from 1 to 2000/],
    [{ limit: 2.5 }, /limit must be a whole number from 1 to 2000/],
    [{ offset: -1 }, /offset must be a whole number from 0/],
    [{ asOf: "1/7/2025" }, /asOf must be a date YYYY-MM-DD/],
    [{ asOf: "2025-02-30" }, /asOf must be a date YYYY-MM-DD/],
  ])("bad arguments %p are BAD_USER_INPUT", async (args, message) => {
    await expect(trace({ driver, database }, { id: "57-NQ/TW", ...args })).rejects.toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(message) });
  });
});
