// Folding and abbreviations: the text search matches by, the same for the seed and the query.
import { ABBREVIATIONS, abbreviationSpans, abbreviationTerms, fold, markedText, markedTextOf, markedWords, queryVariants, searchTextOf } from "../../src/search/fold.js";
import type { SeedCitation, SeedNode } from "../../src/seed/graph.js";

describe("fold", () => {
  test.each([
    ["Bộ Công an", "bo cong an"],
    ["BỘ CÔNG AN", "bo cong an"],
    ["chuyển đổi số", "chuyen doi so"],
    ["Đài Tiếng nói Việt Nam", "dai tieng noi viet nam"],
    ["Tô Lâm", "to lam"],
    ["KH&CN", "kh cn"],
    ["57-NQ/TW", "57 nq tw"],
    ["  Nghị quyết   số 57-NQ/TW, ngày 22/12/2024. ", "nghi quyet so 57 nq tw ngay 22 12 2024"],
    ["ＢＣＡ", "bca"], // full-width letters, as pasted from some documents
    ["ĐỔI MỚI SÁNG TẠO", "doi moi sang tao"],
    ["≥ 30%", "30"],
    ["", ""],
  ])("%j → %j", (text, expected) => {
    expect(fold(text)).toBe(expected);
  });

  test("composed and decomposed Vietnamese fold alike; syllables such as An, To, The are kept", () => {
    expect(fold("Hà Nội".normalize("NFD"))).toBe(fold("Hà Nội".normalize("NFC")));
    expect(fold("An Giang, To, The, A")).toBe("an giang to the a");
  });
});

describe("abbreviations", () => {
  test("the table is written folded, each phrase in one entry only", () => {
    const phrases = ABBREVIATIONS.flatMap((a) => [...a.forms, ...a.expansions]);
    for (const p of phrases) expect(fold(p)).toBe(p);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  test("a text with a form gets its expansions, one with an expansion its forms", () => {
    expect(abbreviationTerms(fold("Bộ Công an (BCA)"))).toEqual(["ministry of public security"]);
    expect(abbreviationTerms(fold("Bộ Công an chủ trì"))).toEqual(["bca"]);
    expect(abbreviationTerms(fold("KH&CN"))).toEqual(["khoa hoc va cong nghe", "khoa hoc cong nghe"]);
    expect(abbreviationTerms(fold("Nghị quyết 57-NQ/TW"))).toEqual(["nq57", "nq 57"]);
  });

  test("the Vietnamese word 'ai' (who) does not stand for trí tuệ nhân tạo; trí tuệ nhân tạo is AI", () => {
    expect(abbreviationTerms(fold("Ai vướng vào những tình trạng này"))).toEqual([]);
    expect(abbreviationTerms(fold("ứng dụng trí tuệ nhân tạo"))).toEqual(["ai"]);
  });

  test("forms match whole words only", () => {
    expect(abbreviationTerms(fold("bcab, abca, vtvx"))).toEqual([]);
  });

  test("a query's abbreviation spans, longest first, with their alternatives", () => {
    expect(abbreviationSpans("nq 57 ubnd")).toEqual([
      { start: 0, length: 2, alternatives: ["nq 57", "nq57", "57 nq tw", "nghi quyet 57", "nghi quyet so 57", "resolution 57"] },
      { start: 2, length: 1, alternatives: ["ubnd", "uy ban nhan dan"] },
    ]);
    expect(abbreviationSpans("tri tue nhan tao")).toEqual([
      { start: 0, length: 4, alternatives: ["tri tue nhan tao", "artificial intelligence"] },
    ]);
  });

  test("query variants swap an abbreviation for each alternative", () => {
    expect(queryVariants("bca")).toEqual(["bca", "bo cong an", "ministry of public security"]);
    expect(queryVariants("bo cong an")).toEqual(["bo cong an", "ministry of public security", "bca"]);
    expect(queryVariants("to lam")).toEqual(["to lam"]);
  });
});

describe("searchTextOf", () => {
  const at = { file: "x.yaml", line: 1 };
  const node = (type: string, id: string, props: Record<string, unknown>): SeedNode => ({ type, id, props: { id, ...props }, at });
  const cite = (id: string, quote: string): SeedCitation => ({ type: "Agency", id, source: "article-001", quote, trust: "ARTICLE", at });

  test("folds the id, names, abbreviation and quotes, then adds the abbreviations' other forms", () => {
    const text = searchTextOf(
      node("Agency", "bo-cong-an", { nameVi: "Bộ Công an", nameEn: "Ministry of Public Security", abbreviation: "BCA", kind: "MINISTRY" }),
      [cite("bo-cong-an", "Bộ Công an hoàn thành Trung tâm dữ liệu quốc gia")],
    );
    expect(text).toBe("bo cong an bo cong an ministry of public security bca bo cong an hoan thanh trung tam du lieu quoc gia");
  });

  test("a task's output and a target's indicator and figure are searchable; enums and dates are not", () => {
    const task = searchTextOf(node("Task", "03/NQ-CP#1", { titleVi: "Chương trình truyền thông", titleEn: "Communication programme", output: "Quyết định của Thủ tướng Chính phủ", deadlineText: "6/2025", status: "DONE" }), []);
    expect(task).toBe("03 nq cp 1 chuong trinh truyen thong communication programme quyet dinh cua thu tuong chinh phu nq03 nq 03");
    const target = searchTextOf(node("Target", "57-NQ/TW#T1", { titleVi: "Chi cho R&D đạt 2% GDP", titleEn: "R&D spending 2% of GDP", indicator: "R&D spending", valueText: "2%" }), []);
    expect(target).toContain("r d spending 2");
    expect(target).toContain("research and development");
  });
});

describe("marked text: diacritics kept, so that exact diacritics can rank", () => {
  test('"dẫn" and "dân" stay apart; case and punctuation go', () => {
    expect(markedText("Bán dẫn")).not.toBe(markedText("Ban Dân"));
    expect(markedText("bán dẫn")).not.toBe(markedText("bán dân"));
    expect(markedText("BÁN DẪN,")).toBe(markedText("bán dẫn"));
    expect(fold(markedText("Công nghệ chip bán dẫn"))).toBe("cong nghe chip ban dan");
  });

  test("the old and new placements of a tone mark are one word; đ and its look-alike ð too", () => {
    expect(markedText("hoà")).toBe(markedText("hòa"));
    expect(markedText("Uỷ ban")).toBe(markedText("Ủy ban"));
    expect(markedText("ðổi")).toBe(markedText("đổi"));
    expect(markedText("hoà")).not.toBe(markedText("hoa"));
  });

  test("the marked words of a query are those written with a mark or đ", () => {
    expect(markedWords("bán dẫn")).toEqual([markedText("bán"), markedText("dẫn")]);
    expect(markedWords("Bo Công an")).toEqual([markedText("công")]);
    expect(markedWords("ban dan")).toEqual([]);
    expect(markedWords("KH&CN")).toEqual([]);
    expect(markedWords("Đà")).toEqual([markedText("đà")]);
  });

  test("a node's marked text has the same fields and quotes as its search text", () => {
    const at = { file: "x.yaml", line: 1 };
    const node: SeedNode = { type: "TechnologyGroup", id: "1131/QĐ-TTg#6", props: { id: "1131/QĐ-TTg#6", nameVi: "Công nghệ chip bán dẫn", nameEn: "Semiconductor chips", code: 6 }, at };
    const text = markedTextOf(node, [{ quote: "chip bán dẫn; an ninh mạng" }])!;
    expect(fold(text)).toBe("1131 qd ttg 6 cong nghe chip ban dan semiconductor chips chip ban dan an ninh mang");
    expect(` ${text} `).toContain(` ${markedText("dẫn")} `);
    expect(` ${text} `).not.toContain(` ${markedText("dân")} `);
  });
});
