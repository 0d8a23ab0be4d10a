// Appendix II of 03/NQ-CP in the graph: 140 tasks in 7 sections, cell by cell against the
// transcription, and today's owner of every task assigned to a ministry merged in March 2025.
import type { Driver } from "neo4j-driver";

import { trace, type TracedTask } from "../../src/trace/index.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
let tasks: TracedTask[];
beforeAll(async () => {
  driver = testDriver();
  tasks = (await trace({ driver, database }, { id: "03/NQ-CP", asOf: "2025-11-23", limit: 2000 })).tasks;
});
afterAll(() => driver.close());

const rows = async (cypher: string, params = {}) => (await driver.executeQuery(cypher, params, { database })).records.map((r) => r.toObject());
const task = (id: string) => {
  const t = tasks.find((x) => x.id === id);
  if (!t) throw new Error(`${id} is not traced under 03/NQ-CP`);
  return t;
};
const assigned = (t: TracedTask, side: "leadAgencies" | "coordinatingAgencies") => t[side].map((o) => o.assigned.id).sort();
const today = (t: TracedTask) => [...new Set(t.leadAgencies.flatMap((o) => o.today.map((a) => a.id)))].sort();

test("7 sections hold 13, 29, 34, 12, 28, 15 and 9 tasks: 140 in all", async () => {
  const counts = await rows(`
    MATCH (s:Section)-[:PART_OF]->(:Document {id: '03/NQ-CP'}) WHERE s.id STARTS WITH '03/NQ-CP#PL2.'
    OPTIONAL MATCH (t:Task)-[:PART_OF]->(s)
    RETURN s.id AS section, count(t) AS tasks ORDER BY s.id`);
  const bySection = Object.fromEntries(counts.map((c) => [c.section, Number(c.tasks)]));
  expect(bySection).toEqual({
    "03/NQ-CP#PL2.I": 13, "03/NQ-CP#PL2.II": 29, "03/NQ-CP#PL2.III": 34, "03/NQ-CP#PL2.IV": 12,
    "03/NQ-CP#PL2.V": 28, "03/NQ-CP#PL2.VI": 15, "03/NQ-CP#PL2.VII": 9,
  });
  const numbered = tasks.filter((t) => /^03\/NQ-CP#\d+$/.test(t.id)).map((t) => Number(t.id.split("#")[1]));
  expect(numbered.sort((a, b) => a - b)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
});

test("task 1: Bộ Thông tin và Truyền thông leads, with Ban Tuyên giáo Trung ương, VTV, VOV, TTXVN; due 6/2025", () => {
  const t = task("03/NQ-CP#1");
  expect(t).toMatchObject({ deadlineText: "6/2025", deadline: "2025-06-30", recurring: false, output: "Quyết định của Thủ tướng Chính phủ" });
  expect(assigned(t, "leadAgencies")).toEqual(["bo-thong-tin-va-truyen-thong"]);
  expect(assigned(t, "coordinatingAgencies")).toEqual(expect.arrayContaining(["ban-tuyen-giao-trung-uong", "dai-truyen-hinh-viet-nam", "dai-tieng-noi-viet-nam", "thong-tan-xa-viet-nam"]));
  expect(t.ownerTextVi).toMatch(/^Chủ trì: Bộ Thông tin và Truyền thông/);
});

test("task 29: Bộ Công an drafts the decrees guiding the Law on Data, due 7/2025", () => {
  const t = task("03/NQ-CP#29");
  expect(t).toMatchObject({ deadlineText: "7/2025", deadline: "2025-07-31", output: "Nghị định của Chính phủ" });
  expect(assigned(t, "leadAgencies")).toEqual(["bo-cong-an"]);
  expect(t.titleVi).toMatch(/Luật Dữ liệu/);
});

test("task 44: the list of strategic technologies, led by two ministries, fulfilled by 1131/QĐ-TTg", async () => {
  const t = task("03/NQ-CP#44");
  expect(t).toMatchObject({ deadlineText: "2025", deadline: "2025-12-31" });
  expect(assigned(t, "leadAgencies")).toEqual(["bo-khoa-hoc-va-cong-nghe", "bo-thong-tin-va-truyen-thong"]);
  expect(today(t)).toEqual(["bo-khoa-hoc-va-cong-nghe"]);
  const fulfilled = await rows("MATCH (:Task {id: '03/NQ-CP#44'})-[r:FULFILLED_BY]->(d:Document) RETURN d.id AS id, r.trust AS trust");
  expect(fulfilled).toEqual([{ id: "1131/QĐ-TTg", trust: "NEWS" }]);
});

test("task 140: continuous work has no deadline date and is recurring", () => {
  const t = task("03/NQ-CP#140");
  expect(t).toMatchObject({ deadlineText: "Thường xuyên", deadline: null, recurring: true });
  expect(assigned(t, "coordinatingAgencies")).toEqual(["bo-thong-tin-va-truyen-thong"]);
});

test("every task assigned to a merged ministry has today's owner from its successor", async () => {
  const successors: Record<string, string> = {
    "bo-thong-tin-va-truyen-thong": "bo-khoa-hoc-va-cong-nghe",
    "bo-ke-hoach-va-dau-tu": "bo-tai-chinh",
    "bo-giao-thong-van-tai": "bo-xay-dung",
    "bo-tai-nguyen-va-moi-truong": "bo-nong-nghiep-va-moi-truong",
    "bo-nong-nghiep-va-phat-trien-nong-thon": "bo-nong-nghiep-va-moi-truong",
    "bo-lao-dong-thuong-binh-va-xa-hoi": "bo-noi-vu",
    "uy-ban-dan-toc": "bo-dan-toc-va-ton-giao",
  };
  const succession = await rows(`
    MATCH (a:Agency)-[s:SUCCEEDED_BY {main: true}]->(b:Agency) WHERE a.id IN $ids
    RETURN a.id AS from, b.id AS to, toString(s.date) AS date`, { ids: Object.keys(successors) });
  expect(Object.fromEntries(succession.map((s) => [s.from, s.to]))).toEqual(successors);
  for (const s of succession) expect(s.date).toBe("2025-03-01");

  let checked = 0;
  for (const t of tasks) {
    for (const o of [...t.leadAgencies, ...t.coordinatingAgencies]) {
      const next = successors[o.assigned.id];
      if (!next) continue;
      expect({ task: t.id, today: o.today.map((a) => a.id) }).toEqual({ task: t.id, today: [next] });
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(30);
});
