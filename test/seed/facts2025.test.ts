// Facts that were missing from the seed (issue 12, "Missing facts"): from ../shared/facts.md the
// Steering Committee's sessions of 20/01, 04/03 and 25/12/2025, the 2025 results reported at the
// last one, the status of 71/NQ-CP as of 31/07/2025 and the committee's 19 members, as indicators
// (so they feed the dashboard's history); from the articles the 2030/2045 goals of Tô Lâm's speech
// (article-000), the S&T sector's 9 key tasks and the STM review of 10/12/2024 (article-004).
// Checked in the seed as read and in the loaded graph.
import type { Driver } from "neo4j-driver";

import { readConfiguredSeed, type SeedGraph } from "../../src/seed/index.js";
import { config, database, testDriver } from "../support/db.js";

let graph: SeedGraph;
let driver: Driver;
beforeAll(() => { graph = readConfiguredSeed(config); driver = testDriver(); });
afterAll(() => driver.close());

const node = (id: string) => graph.nodes.get(id)?.props;
const rels = (relType: string, fromId: string) => graph.relationships.filter((r) => r.relType === relType && r.fromId === fromId);
const cites = (id: string) => graph.citations.filter((c) => c.id === id);

it("the three sessions are events on their dates, cited from facts with the trust facts.md gives (none: UNVERIFIED)", async () => {
  const { records } = await driver.executeQuery(
    `MATCH (e:Event) WHERE e.id IN ['EV-2025-01-20', 'EV-2025-03-04', 'EV-2025-12-25']
     MATCH (e)-[c:SOURCED_FROM]->(s:Source)
     RETURN e.id AS id, toString(e.date) AS date, collect(s.id + ' ' + c.trust) AS cites ORDER BY id`, {}, { database });
  expect(records.map((r) => [r.get("id"), r.get("date"), [...r.get("cites")].sort()])).toEqual([
    ["EV-2025-01-20", "2025-01-20", ["facts UNVERIFIED"]],
    ["EV-2025-03-04", "2025-03-04", ["facts UNVERIFIED"]],
    ["EV-2025-12-25", "2025-12-25", ["facts NEWS", "facts UNVERIFIED"]],
  ]);
});

it("the 2025 results are indicators as of 25/12/2025, their values as reported, and done + not done = total", async () => {
  const { records } = await driver.executeQuery(
    `MATCH (i:Indicator) WHERE i.id STARTS WITH 'IND-' AND i.id ENDS WITH '-2025-12' AND toString(i.asOf) = '2025-12-25'
     MATCH (i)-[c:SOURCED_FROM]->(:Source {id: 'facts'})
     RETURN i.id AS id, i.value AS value, collect(DISTINCT c.trust) AS trust ORDER BY id`, {}, { database });
  const values = Object.fromEntries(records.map((r) => [r.get("id"), Number(r.get("value"))]));
  expect(values).toEqual({
    "IND-luat-2025-12": 30, "IND-nghi-dinh-2025-12": 68, "IND-thong-tu-2025-12": 60,
    "IND-nhiem-vu-hoan-thanh-2025-12": 1227, "IND-nhiem-vu-chua-hoan-thanh-2025-12": 71, "IND-nhiem-vu-tong-2025-12": 1298,
  });
  expect(values["IND-nhiem-vu-hoan-thanh-2025-12"] + values["IND-nhiem-vu-chua-hoan-thanh-2025-12"]).toBe(values["IND-nhiem-vu-tong-2025-12"]);
  for (const r of records) expect(r.get("trust")).toEqual(["NEWS"]);
});

describe("71/NQ-CP as of 31/07/2025 (facts.md, NEWS)", () => {
  const P = "IND-71-nq-cp-";
  const MINISTRIES: Record<string, number> = {
    "bo-nong-nghiep-va-moi-truong": 10, "bo-dan-toc-va-ton-giao": 4, "bo-tai-chinh": 4, "bo-khoa-hoc-va-cong-nghe": 2,
    "bo-giao-duc-va-dao-tao": 1, "bo-tu-phap": 1, "bo-y-te": 1, "bo-cong-an": 1,
  };
  const LOCALITIES = ["thanh-hoa", "dong-nai", "bac-ninh", "vinh-long", "ninh-binh", "hai-phong", "tay-ninh", "quang-ninh", "ha-noi", "gia-lai", "hung-yen"];
  const expected: Record<string, number> = {
    [`${P}nhiem-vu-cham-tien-do-2025-07`]: 33,
    [`${P}nhiem-vu-cham-tien-do-da-hoan-thanh-2025-07`]: 12,
    [`${P}nhiem-vu-cham-tien-do-chua-hoan-thanh-2025-07`]: 21,
    [`${P}co-quan-co-nhiem-vu-cham-tien-do-2025-07`]: 21,
    [`${P}dia-phuong-co-nhiem-vu-cham-tien-do-2025-07`]: 11,
    [`${P}nhiem-vu-6-thang-cuoi-nam-2025-07`]: 286,
    ...Object.fromEntries(Object.entries(MINISTRIES).map(([a, n]) => [`${P}nhiem-vu-cham-tien-do-${a}-2025-07`, n])),
  };

  it("every count is an indicator as of 31/07/2025, cited from facts with trust NEWS, and linked to no task or target", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (i:Indicator) WHERE i.id STARTS WITH $prefix
       MATCH (i)-[c:SOURCED_FROM]->(s:Source)
       RETURN i.id AS id, i.value AS value, toString(i.asOf) AS asOf, collect(DISTINCT s.id + ' ' + c.trust) AS cites,
              COUNT { (i)-->(x) WHERE NOT x:Source } AS other`, { prefix: P }, { database });
    expect(Object.fromEntries(records.map((r) => [r.get("id"), Number(r.get("value"))]))).toEqual(expected);
    for (const r of records) {
      expect(r.get("asOf")).toBe("2025-07-31");
      expect(r.get("cites")).toEqual(["facts NEWS"]);
      expect(Number(r.get("other"))).toBe(0);
    }
    expect(expected[`${P}nhiem-vu-cham-tien-do-da-hoan-thanh-2025-07`]! + expected[`${P}nhiem-vu-cham-tien-do-chua-hoan-thanh-2025-07`]!)
      .toBe(expected[`${P}nhiem-vu-cham-tien-do-2025-07`]);
  });

  it("a per-agency count names its agency, and that agency cites the same line with the count in its note", () => {
    for (const [agency, n] of Object.entries(MINISTRIES)) {
      const ind = node(`${P}nhiem-vu-cham-tien-do-${agency}-2025-07`)!;
      expect(ind.nameVi).toBe(`Số nhiệm vụ của Nghị quyết 71/NQ-CP chậm tiến độ: ${String(node(agency)!.nameVi)}`);
      const late = cites(agency).filter((c) => (c.note ?? "").includes("Resolution 71/NQ-CP behind schedule"));
      expect(late).toHaveLength(1);
      expect(late[0]).toMatchObject({ source: "facts", trust: "NEWS", note: expect.stringMatching(new RegExp(`^${n} of the 33 tasks`)) });
      expect(late[0]!.quote).toContain(`${String(node(agency)!.nameVi)}${n > 1 ? ` ${n}` : ""}`);
    }
  });

  it("the 11 localities are the provinces facts.md lists, each citing the list, and the indicator's valueText names them", async () => {
    const text = String(node(`${P}dia-phuong-co-nhiem-vu-cham-tien-do-2025-07`)!.valueText);
    const { records } = await driver.executeQuery(
      `UNWIND $ids AS id MATCH (a:Agency {id: id})-[c:SOURCED_FROM]->(:Source {id: 'facts'}) WHERE c.quote STARTS WITH '11 localities:'
       RETURN a.id AS id, a.nameVi AS name, a.kind AS kind`, { ids: LOCALITIES }, { database });
    expect(records.map((r) => r.get("id")).sort()).toEqual([...LOCALITIES].sort());
    for (const r of records) {
      expect(r.get("kind")).toBe("PROVINCE");
      expect(text).toContain(r.get("name"));
    }
    expect(text.split(", ")).toHaveLength(11);
  });

  it("the 286 tasks of the second half of 2025 keep the period as written", () => {
    expect(node(`${P}nhiem-vu-6-thang-cuoi-nam-2025-07`)).toMatchObject({ value: 286, period: "the second half of 2025", asOf: "2025-07-31" });
  });
});

it("the Steering Committee's 19 members: an indicator with no asOf (facts.md gives no date), cited NEWS, and cited on the committee", async () => {
  const { records } = await driver.executeQuery(
    `MATCH (i:Indicator {id: 'IND-thanh-vien-ban-chi-dao-trung-uong'})-[c:SOURCED_FROM]->(:Source {id: 'facts'})
     MATCH (a:Agency {id: 'ban-chi-dao-trung-uong-ve-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-va-chuyen-doi-so'})-[ac:SOURCED_FROM]->(:Source {id: 'facts'})
     WHERE ac.quote CONTAINS '19 members'
     RETURN i.value AS value, i.asOf AS asOf, c.trust AS trust, ac.trust AS agencyTrust`, {}, { database });
  expect(records).toHaveLength(1);
  expect(Number(records[0]!.get("value"))).toBe(19);
  expect(records[0]!.get("asOf")).toBeNull();
  expect([records[0]!.get("trust"), records[0]!.get("agencyTrust")]).toEqual(["NEWS", "NEWS"]);
});

it("the 2030/2045 goals are targets of the conference speech (article-000), not parts of 57-NQ/TW, and the transcription is not cited for them", () => {
  const goals = ["EV-2025-01-13#T1", "EV-2025-01-13#T2"].map((id) => {
    const t = node(id)!;
    const cs = cites(id);
    return { id, year: t.year, valueText: t.valueText, sources: [...new Set(cs.map((c) => c.source))], speech: cs.some((c) => /General Secretary/.test(c.note ?? "")), partOf: rels("PART_OF", id).length };
  });
  expect(goals).toEqual([
    { id: "EV-2025-01-13#T1", year: 2030, valueText: "nước công nghiệp hiện đại", sources: ["article-000"], speech: true, partOf: 0 },
    { id: "EV-2025-01-13#T2", year: 2045, valueText: "nước phát triển công nghiệp cao", sources: ["article-000"], speech: true, partOf: 0 },
  ]);
  for (const id of ["EV-2025-01-13#T1", "EV-2025-01-13#T2"]) {
    expect(cites(id).every((c) => c.trust === "ARTICLE")).toBe(true);
  }
});

describe("article-004: the S&T sector's key tasks and the STM review", () => {
  it("the 9 key tasks are a count only: the article names none of them, so only the count and the sector cite that sentence", () => {
    expect(node("IND-nhiem-vu-trong-tam-nganh-khoa-hoc-va-cong-nghe")).toMatchObject({ value: 9, unit: "tasks" });
    expect(node("IND-nhiem-vu-trong-tam-nganh-khoa-hoc-va-cong-nghe")!.asOf).toBeUndefined();
    const citing = graph.citations.filter((c) => c.quote.includes("9 nhiệm vụ trọng tâm")).map((c) => `${c.type} ${c.id}`).sort();
    expect(citing).toEqual(["Agency nganh-khoa-hoc-va-cong-nghe", "Indicator IND-nhiem-vu-trong-tam-nganh-khoa-hoc-va-cong-nghe"]);
  });

  it("the review of 10/12/2024 is a session organised by Bộ Khoa học và Công nghệ, cited from article-004", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (e:Event {id: 'EV-2024-12-10'})-[o:ORGANIZED_BY]->(a:Agency)
       RETURN e.kind AS kind, toString(e.date) AS date, e.place AS place, a.id AS by, o.sourceId AS source, o.trust AS trust,
              COUNT { (e)-[:SOURCED_FROM]->(:Source {id: 'article-004'}) } AS cites`, {}, { database });
    expect(records.map((r) => r.toObject())).toEqual([
      { kind: "SESSION", date: "2024-12-10", place: "Hà Nội", by: "bo-khoa-hoc-va-cong-nghe", source: "article-004", trust: "ARTICLE", cites: expect.anything() },
    ]);
    expect(Number(records[0]!.get("cites"))).toBe(2);
  });
});
