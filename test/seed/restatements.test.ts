// Restatements within one document and from a meeting (RESTATES): the appendix rows of 03/NQ-CP
// that repeat an item of its main text, and the 02/07/2025 meeting's directions that repeat an
// appendix row. Each link quotes its source verbatim; the graph as loaded holds them; and
// seed:report's within-document pass finds a row whose link is taken away.
import type { Driver } from "neo4j-driver";

import { readConfiguredSeed, type SeedGraph } from "../../src/seed/index.js";
import { MAX_QUOTE_LENGTH, QuoteIndex } from "../../src/seed/quotes.js";
import { RESTATE_RULE, seedReport } from "../../src/seed/report.js";
import { config, database, testDriver } from "../support/db.js";

interface Link { from: string; to: string; sourceId: string; trust: string; quoteStart: string }

const ROW = { sourceId: "official-03-NQ-CP-appendix-II", trust: "TRANSCRIPTION" };
const MEETING = { sourceId: "article-001", trust: "ARTICLE" };
/** The links added for issue 12 ("Missing links"), each with how its quote begins. */
const LINKS: Link[] = [
  { from: "03/NQ-CP#3", to: "03/NQ-CP#II.1.n", ...ROW, quoteStart: "Xây dựng chương trình, kế hoạch phát động phong trào học tập" },
  { from: "03/NQ-CP#7", to: "03/NQ-CP#II.1.g", ...ROW, quoteStart: "Xây dựng kế hoạch triển khai Chương trình hành động" },
  { from: "03/NQ-CP#25", to: "03/NQ-CP#II.2.h", ...ROW, quoteStart: "Xây dựng Đề án cơ chế thí điểm" },
  { from: "03/NQ-CP#63", to: "03/NQ-CP#II.3.i", ...ROW, quoteStart: "Xây dựng Đề án thí điểm triển khai bản sao số" },
  { from: "03/NQ-CP#100", to: "03/NQ-CP#II.5.n", ...ROW, quoteStart: "Xây dựng nền tảng số nhằm giám sát" },
  { from: "03/NQ-CP#128", to: "03/NQ-CP#II.6.n", ...ROW, quoteStart: "Xây dựng bộ tiêu chí đánh giá hiệu quả đầu tư" },
  { from: "03/NQ-CP#129", to: "03/NQ-CP#II.6.p", ...ROW, quoteStart: "Xây dựng chương trình thúc đẩy tiêu dùng" },
  { from: "03/NQ-CP#130", to: "03/NQ-CP#II.6.q", ...ROW, quoteStart: "Xây dựng, ban hành Chương trình đẩy mạnh sản xuất thông minh" },
  { from: "03/NQ-CP#131", to: "03/NQ-CP#II.6.i", ...ROW, quoteStart: "Thường xuyên rà soát, xây dựng cơ chế thu hút doanh nghiệp công nghệ hàng đầu" },
  { from: "03/NQ-CP#132", to: "03/NQ-CP#II.7.c", ...ROW, quoteStart: "Xây dựng Đề án Việt Nam chủ động tham gia" },
  { from: "EV-2025-07-02#16", to: "03/NQ-CP#86", ...MEETING, quoteStart: "Bộ Giáo dục và Đào tạo chủ trì xây dựng, trình cấp có thẩm quyền ban hành khung chiến lược giáo dục đại học" },
  { from: "EV-2025-07-02#14", to: "03/NQ-CP#77", ...MEETING, quoteStart: "Bộ Khoa học và Công nghệ chủ trì, phối hợp" },
];
const name = (l: { from: string; to: string }) => `${l.from} → ${l.to}`;

let graph: SeedGraph;
let driver: Driver;
const quotes = new QuoteIndex(config.SHARED_DIR);
beforeAll(() => { graph = readConfiguredSeed(config); driver = testDriver(); });
afterAll(() => driver.close());

const restates = (g: SeedGraph, l: { from: string; to: string }) => g.relationships.find((r) => r.relType === "RESTATES" && r.fromId === l.from && r.toId === l.to);

test("each link is in the seed, citing its source with a verbatim quote of at most 300 characters", () => {
  expect(quotes.available()).toBe(true);
  for (const l of LINKS) {
    const r = restates(graph, l);
    const quote = String(r?.props.quote ?? "");
    const file = graph.nodes.get(l.sourceId)!.props.file as string;
    expect({ link: name(l), sourceId: r?.props.sourceId, trust: r?.props.trust, starts: quote.startsWith(l.quoteStart), verbatim: quotes.has(file, quote), short: quote.length <= MAX_QUOTE_LENGTH })
      .toEqual({ link: name(l), sourceId: l.sourceId, trust: l.trust, starts: true, verbatim: true, short: true });
  }
});

test("the loaded graph holds each link with its provenance", async () => {
  const { records } = await driver.executeQuery(
    "UNWIND $links AS l MATCH (:Task {id: l.from})-[r:RESTATES]->(:Task {id: l.to}) RETURN l.from AS from, l.to AS to, r.sourceId AS sourceId, r.trust AS trust, r.quote AS quote",
    { links: LINKS.map(({ from, to }) => ({ from, to })) }, { database });
  const key = (l: { from: string; to: string; sourceId: string; trust: string }) => `${name(l)} ${l.sourceId} ${l.trust}`;
  expect(records.map((r) => key(r.toObject() as Link)).sort()).toEqual(LINKS.map(key).sort());
  for (const r of records) expect({ link: name(r.toObject() as Link), starts: String(r.get("quote")).startsWith(LINKS.find((l) => l.from === r.get("from"))!.quoteStart) }).toEqual({ link: name(r.toObject() as Link), starts: true });
});

describe("seed:report within one document", () => {
  const row7 = { a: "03/NQ-CP#7", b: "03/NQ-CP#II.1.g" };

  test("finds an appendix row that restates a main-text item when its link is taken away, and the across-documents pass does not", () => {
    const without: SeedGraph = { ...graph, relationships: graph.relationships.filter((r) => r !== restates(graph, { from: row7.a, to: row7.b })) };
    expect(without.relationships.length).toBe(graph.relationships.length - 1);
    const report = seedReport(without);
    expect(report.restatements).toContainEqual({ ...row7, similarity: 1, status: "review" });
    // Jaccard over the two titles is about 0.35, and the pair is within one document: not a duplicate.
    expect(report.duplicates.filter((d) => [d.a, d.b].includes(row7.a) && [d.a, d.b].includes(row7.b))).toEqual([]);
  });

  test("with the seed as it is, every link above is found and linked, and the rule is stated", () => {
    const report = seedReport(graph);
    for (const l of LINKS.filter((x) => x.from.startsWith("03/NQ-CP#"))) {
      expect(report.restatements).toContainEqual(expect.objectContaining({ a: l.from, b: l.to, status: "linked" }));
    }
    expect(report.restatements.every((c) => graph.nodes.get(c.a)!.type === "Task" && c.similarity >= 0.85)).toBe(true);
    expect(RESTATE_RULE).toMatch(/shorter title's words .* ≥ 0\.85/);
  });

  test("a small graph: main text against appendix of one document, never two main-text items or two rows", () => {
    const task = (id: string, titleVi: string) => ({ id, type: "Task", props: { titleVi } });
    const nodes = [
      { id: "D", type: "Document", props: {} }, { id: "D#II", type: "Section", props: {} }, { id: "D#PL2.I", type: "Section", props: {} },
      task("D#II.a", "Xây dựng kế hoạch triển khai chương trình hành động với các mục tiêu cụ thể"),
      task("D#II.b", "Xây dựng kế hoạch triển khai chương trình hành động với các mục tiêu cụ thể"),
      task("D#1", "Xây dựng kế hoạch triển khai chương trình hành động"),
      task("D#2", "Xây dựng kế hoạch triển khai chương trình hành động"),
    ];
    const partOf = (fromId: string, toId: string) => ({ fromId, toId, relType: "PART_OF", props: {} });
    const small = {
      nodes: new Map(nodes.map((n) => [n.id, n])), citations: [], hash: "",
      relationships: [partOf("D#II", "D"), partOf("D#PL2.I", "D"), partOf("D#II.a", "D#II"), partOf("D#II.b", "D#II"), partOf("D#1", "D#PL2.I"), partOf("D#2", "D#PL2.I")],
    } as unknown as SeedGraph;
    const found = seedReport(small).restatements.map((c) => `${c.a}~${c.b}:${c.status}`).sort();
    expect(found).toEqual(["D#1~D#II.a:review", "D#1~D#II.b:review", "D#2~D#II.a:review", "D#2~D#II.b:review"]);
  });
});
