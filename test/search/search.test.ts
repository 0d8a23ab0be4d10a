// search(text, types, limit) on the seeded graph: insensitive to diacritics and case, every
// syllable kept, abbreviations understood, exact names first, bad arguments refused.
import type { Driver } from "neo4j-driver";

import { AppError } from "../../src/errors/index.js";
import { fold } from "../../src/search/fold.js";
import { search, type SearchHit } from "../../src/search/index.js";
import { startHttpTestApp, type HttpTestApp } from "../support/app.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

const find = (text: string, more: { types?: string[]; limit?: number } = {}) => search({ driver, database }, { text, ...more });
const ids = (hits: SearchHit[]) => hits.map((h) => h.id);
/** what a hit shows of its text, folded */
const shown = (h: SearchHit) => fold(`${h.titleVi ?? ""} ${h.titleEn ?? ""} ${h.quote ?? ""}`);

describe("diacritics and case", () => {
  test.each(["bo cong an", "BỘ CÔNG AN", "Bộ Công an", "bộ công an"])("%j finds Bộ Công an first", async (text) => {
    const [first] = await find(text);
    expect(first).toMatchObject({ id: "bo-cong-an", type: "Agency", titleVi: "Bộ Công an", titleEn: "Ministry of Public Security" });
  });

  test.each(["To Lam", "tô lâm", "TÔ LÂM"])("%j finds Tô Lâm first", async (text) => {
    const [first] = await find(text);
    expect(first).toMatchObject({ id: "to-lam", type: "Person", titleVi: "Tô Lâm" });
  });

  test('"chuyen doi so" finds what says "chuyển đổi số" (or its abbreviation CĐS)', async () => {
    const hits = await find("chuyen doi so", { limit: 50 });
    expect(hits).toHaveLength(50);
    expect(ids(hits)).toEqual(expect.arrayContaining(["doc:de-an-chuyen-doi-so-cua-quoc-hoi", "EV-2025-10-15#10"]));
    const first = hits.find((h) => h.id === "doc:de-an-chuyen-doi-so-cua-quoc-hoi")!;
    expect(first.titleVi).toBe("Đề án chuyển đổi số của Quốc hội");
    expect(first.quote).toMatch(/chuyển đổi số/);
    for (const h of hits) expect(shown(h)).toMatch(/\bchuyen doi so\b|\bcds\b/);
  });
});

describe("exact diacritics rank above a folded-only match", () => {
  const SEMICONDUCTORS = "1131/QĐ-TTg#6"; // Công nghệ chip bán dẫn, a technology group of 1131/QĐ-TTg
  /** the hits' ranks, by id */
  const rankOf = (hits: SearchHit[], id: string) => ids(hits).indexOf(id);

  test('"bán dẫn" finds the semiconductor groups first, and Ủy ban Dân tộc and Ban Dân vận only after what says "bán dẫn"', async () => {
    const hits = await find("bán dẫn", { limit: 100 });
    // the two semiconductor groups come first: 1131/QĐ-TTg's and its successor in 21/2026/QĐ-TTg
    // ("Chip bán dẫn", the shorter name, scores higher)
    const { records: groups } = await driver.executeQuery(
      "MATCH (g:TechnologyGroup) WHERE g.nameVi CONTAINS 'bán dẫn' RETURN g.id AS id", {}, { database });
    expect(groups.map((r) => r.get("id")).sort()).toEqual([SEMICONDUCTORS, "21/2026/QĐ-TTg#6"].sort());
    expect(hits.slice(0, 2).map((h) => h.type)).toEqual(["TechnologyGroup", "TechnologyGroup"]);
    expect(ids(hits).slice(0, 2).sort()).toEqual([SEMICONDUCTORS, "21/2026/QĐ-TTg#6"].sort());
    // every node that says "bán dẫn" (in its names or quotes), by Cypher over the stored text
    const { records } = await driver.executeQuery(
      `MATCH (n) WHERE (n:Document OR n:Section OR n:Task OR n:Target OR n:Indicator OR n:Agency OR n:Person OR n:Event OR n:TechnologyGroup OR n:TechnologyProduct)
         AND (any(p IN [n.titleVi, n.nameVi, n.titleEn, n.nameEn, n.output, n.indicator] WHERE toLower(p) CONTAINS 'bán dẫn')
           OR EXISTS { (n)-[c:SOURCED_FROM]->(:Source) WHERE toLower(c.quote) CONTAINS 'bán dẫn' })
       RETURN n.id AS id`, {}, { database });
    const saying = records.map((r) => r.get("id") as string);
    expect(saying).toContain(SEMICONDUCTORS);
    expect(saying.length).toBeGreaterThan(5);
    expect(new Set(ids(hits).slice(0, saying.length))).toEqual(new Set(saying));
    // the agencies folding confuses with it are still hits, but only after all of those
    const agencies = ids(await find("bán dẫn", { types: ["AGENCY"], limit: 100 }));
    for (const id of ["uy-ban-dan-toc", "ban-dan-van-trung-uong"]) {
      expect(agencies).toContain(id);
      expect(rankOf(hits, id) === -1 || rankOf(hits, id) >= saying.length).toBe(true);
    }
  });

  test("folded search keeps working: \"ban dan\" still finds the semiconductor group, and ranks as folded text alone", async () => {
    const folded = await find("ban dan", { limit: 100 });
    expect(ids(folded)).toContain(SEMICONDUCTORS);
    expect(ids(folded)).toEqual(expect.arrayContaining(["uy-ban-dan-toc", "ban-dan-van-trung-uong"]));
    // no diacritics written, none weighed: the same hits as the diacritics-free text of any spelling
    expect(await find("BAN DAN", { limit: 100 })).toEqual(folded);
    const scores = folded.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test("a word written without diacritics matches either way; only the marked words must match as written", async () => {
    const hits = await find("chip bán dẫn");
    expect(ids(hits).slice(0, 2).sort()).toEqual([SEMICONDUCTORS, "21/2026/QĐ-TTg#6"].sort());
    const [first] = await find("Ban Dân vận");
    expect(first).toMatchObject({ id: "ban-dan-van-trung-uong" });
  });
});

describe("every syllable is a word", () => {
  test('"cong an": "an", an English stop word, still has to match', async () => {
    const hits = await find("cong an");
    expect(hits[0]!.id).toBe("bo-cong-an");
    for (const h of hits) expect(shown(h)).toMatch(/\ban\b/);
  });

  test('"An Giang" is the province, not everything with "Giang"', async () => {
    const [first] = await find("An Giang");
    expect(first).toMatchObject({ id: "an-giang", type: "Agency" });
  });
});

describe("abbreviations", () => {
  test("BCA finds Bộ Công an, and tasks that name Bộ Công an in full", async () => {
    const hits = await find("BCA", { limit: 50 });
    expect(hits[0]!.id).toBe("bo-cong-an");
    const tasks = hits.filter((h) => h.type === "Task");
    expect(ids(tasks)).toContain("03/NQ-CP#75");
    expect(tasks.find((h) => h.id === "03/NQ-CP#75")!.quote).toMatch(/Bộ Công an/);
  });

  test("KH&CN finds what says khoa học và công nghệ in full", async () => {
    const hits = await find("KH&CN", { limit: 30 });
    expect(hits.length).toBe(30);
    expect(ids(hits)).toContain("doc:luat-khoa-hoc-va-cong-nghe");
    for (const h of hits) expect(shown(h)).toMatch(/\bkh cn\b|\bkhcn\b|\bkhoa hoc (va )?cong nghe\b/);
  });

  test("NQ57 finds Resolution 57-NQ/TW first, then its parts and what cites it", async () => {
    const hits = await find("NQ57");
    expect(hits[0]).toMatchObject({ id: "57-NQ/TW", type: "Document" });
    expect(hits.some((h) => h.id.startsWith("57-NQ/TW#"))).toBe(true);
  });

  test.each([
    ["BKHCN", "bo-khoa-hoc-va-cong-nghe"],
    ["NHNN", "ngan-hang-nha-nuoc-viet-nam"],
    ["vpcp", "van-phong-chinh-phu"],
    ["VTV", "dai-truyen-hinh-viet-nam"],
    ["VOV", "dai-tieng-noi-viet-nam"],
    ["TTXVN", "thong-tan-xa-viet-nam"],
  ])("an agency's own abbreviation %s finds it first", async (text, id) => {
    const [first] = await find(text);
    expect(first).toMatchObject({ id, type: "Agency" });
  });

  test("a task that names the media by abbreviation is found by their full name", async () => {
    const hits = await find("Đài Truyền hình Việt Nam", { types: ["TASK"] });
    expect(ids(hits)).toContain("03/NQ-CP#2");
  });
});

describe("ranking, types and limit", () => {
  test("an exact name comes before the tasks and targets that mention it", async () => {
    const hits = await find("Bộ Khoa học và Công nghệ", { limit: 100 });
    expect(hits[0]!.id).toBe("bo-khoa-hoc-va-cong-nghe");
    expect(hits.length).toBe(100);
    expect(hits.slice(1).every((h) => h.id !== "bo-khoa-hoc-va-cong-nghe")).toBe(true);
  });

  test("after exact matches, hits come by descending score", async () => {
    const hits = await find("du lieu quoc gia", { limit: 40 });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test("words next to each other rank above the same words apart", async () => {
    const together = (await find("du lieu quoc gia", { limit: 100 })).map((h) => shown(h).includes("du lieu quoc gia"));
    expect(together.filter(Boolean).length).toBeGreaterThan(10);
    expect(together.indexOf(false)).toBeGreaterThan(0);
    expect(together.lastIndexOf(true)).toBeLessThan(together.indexOf(false));
  });

  test("types keeps only those node types", async () => {
    const tasks = await find("bo cong an", { types: ["TASK"], limit: 100 });
    expect(tasks.length).toBeGreaterThan(5);
    expect(new Set(tasks.map((h) => h.type))).toEqual(new Set(["Task"]));
    const groups = await find("tri tue nhan tao", { types: ["TECHNOLOGY_GROUP", "TECHNOLOGY_PRODUCT"] });
    expect(groups.length).toBeGreaterThan(1);
    expect(new Set(groups.map((h) => h.type))).toEqual(new Set(["TechnologyGroup", "TechnologyProduct"]));
  });

  test("limit bounds the hits; the default is 20", async () => {
    expect(await find("bo", { limit: 3 })).toHaveLength(3);
    expect(await find("bo")).toHaveLength(20);
  });

  test("a word one letter off is found when nothing matches exactly", async () => {
    const hits = await find("chuyenn doi so");
    expect(hits.length).toBeGreaterThan(0);
    expect(shown(hits[0]!)).toMatch(/chuyen doi so/);
  });

  test("text that matches nothing gives no hits; query syntax is only text", async () => {
    expect(await find("xyzzyq")).toEqual([]);
    expect(await find('+bo) -(cong" an:*~')).toEqual(await find("bo cong an"));
    // "OR" is a word here, not an operator
    expect(await find("khoa hoc OR xyzzyq")).toEqual([]);
  });

  test("bad arguments are BAD_USER_INPUT errors", async () => {
    for (const args of [{ text: "" }, { text: "   " }, { text: "?!" }, { text: "bo", limit: 0 }, { text: "bo", limit: 101 }, { text: "x".repeat(201) }, { text: "bo", types: ["SOURCE"] }]) {
      await expect(search({ driver, database }, args)).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
      await expect(search({ driver, database }, args)).rejects.toBeInstanceOf(AppError);
    }
  });
});

describe("over HTTP", () => {
  let t: HttpTestApp;
  beforeAll(async () => { t = await startHttpTestApp(); });
  afterAll(() => t.close());

  const gql = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables);

  test("search answers with ids, types, titles, scores and the matching quote", async () => {
    const body = await gql("query($text: String!) { search(text: $text, types: [AGENCY, TASK], limit: 5) { id type titleVi titleEn score quote } }", { text: "BCA" });
    expect(body.errors).toBeUndefined();
    expect(body.data!.search).toHaveLength(5);
    expect(body.data!.search[0]).toEqual({
      id: "bo-cong-an", type: "Agency", titleVi: "Bộ Công an", titleEn: "Ministry of Public Security", score: expect.any(Number), quote: "Bộ Công an (BCA)",
    });
  });

  test.each([
    ['{ search(text: "") { id } }', "text must contain at least one letter or digit"],
    ['{ search(text: "bo cong an", limit: 0) { id } }', "limit must be a whole number between 1 and 100, got 0"],
  ])("%s → BAD_USER_INPUT", async (query, message) => {
    const body = await gql(query);
    expect(body.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT" } });
  });

  test("an unknown type is refused by GraphQL itself", async () => {
    const body = await gql('{ search(text: "bo", types: [SOURCE]) { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
