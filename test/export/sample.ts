// A small GraphSource for the format tests, no database: Vietnamese names, dates, date-times,
// lists, ints, floats, booleans, several labels and relationship types, parallel edges (of one
// type and of two), text that needs escaping (< & " ' tab, LF and CR LF line breaks), and a
// task's history of progress reports (a seeded one with its source, a written one with the
// time it was recorded, and the correction that supersedes it).
import type { ExportNode, ExportRelationship, ExportSchema, GraphSource, PropertySchema, PropertyType } from "../../src/export/model.js";

const p = (name: string, type: PropertyType = "string", list = false): PropertySchema => ({ name, type, list });
const PROVENANCE = [p("sourceId"), p("quote"), p("trust")];

export const schema: ExportSchema = {
  nodeLabels: new Map([
    ["Agency", [p("id"), p("nameVi"), p("nameEn"), p("kind"), p("dissolvedOn", "date")]],
    ["Document", [p("id"), p("kind"), p("titleVi"), p("titleEn"), p("issuedOn", "date"), p("summaryEn")]],
    ["ProgressReport", [p("id"), p("reportedOn", "date"), p("status"), p("percent", "int"), p("submittedBy"), p("recordedAt", "datetime"), p("sequence", "int"), p("trust")]],
    ["Source", [p("id"), p("nameVi"), p("nameEn"), p("kind"), p("file"), p("publishedOn", "date")]],
    ["Target", [p("id"), p("titleVi"), p("titleEn"), p("value", "float"), p("year", "int")]],
    ["Task", [p("id"), p("titleVi"), p("titleEn"), p("deadline", "date"), p("deadlineText"), p("recurring", "boolean"),
      p("statusOnDate"), p("lifeStart", "date"), p("lifeEnd", "date")]],
    ["TechnologyGroup", [p("id"), p("code", "int"), p("nameVi"), p("nameEn")]],
  ]),
  relationshipTypes: new Map([
    ["AMENDS", PROVENANCE],
    ["CONCERNS", [...PROVENANCE, p("kind"), p("matched", "string", true)]],
    ["COORDINATED_WITH", PROVENANCE],
    ["IMPLEMENTS", PROVENANCE],
    ["ISSUED_BY", PROVENANCE],
    ["LED_BY", PROVENANCE],
    ["REPORTS_ON", PROVENANCE],
    ["SOURCED_FROM", [p("quote"), p("trust"), p("note")]],
    ["SUCCEEDED_BY", [...PROVENANCE, p("date", "date"), p("main", "boolean")]],
    ["SUPERSEDES", PROVENANCE],
    ["UPDATES", [...PROVENANCE, p("changes", "string", true), p("note")]],
  ]),
};

/** The text the tests look for, byte for byte. */
export const TRICKY = 'Giao "Bộ KH&CN" <chủ trì> & \'phối hợp\'\ttab\nxuống dòng\r\nCR LF: đổi mới sáng tạo';
export const TITLE_57 = "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia";
/** When the written report was recorded, as the export gives a Neo4j DateTime. */
export const RECORDED_AT = "2025-06-21T02:15:30.123000000Z";

const node = (label: string, id: string, properties: ExportNode["properties"]): ExportNode => ({ id, label, properties: { id, ...properties } });
const rel = (type: string, start: string, end: string, properties: ExportRelationship["properties"], n = 0): ExportRelationship => ({
  id: `${start}|${type}|${end}${n ? `|${n}` : ""}`, type, start, end, properties,
});
const cite = (quote: string, trust = "ARTICLE") => ({ sourceId: "article-001", quote, trust });
/** a written report's relationships: the report itself says who wrote it and when */
const WRITTEN = { sourceId: null, quote: null, trust: "REPORTED" };

export const NODES: ExportNode[] = [
  node("Agency", "bo-khoa-hoc-va-cong-nghe", { nameVi: "Bộ Khoa học và Công nghệ", nameEn: "Ministry of Science and Technology", kind: "MINISTRY", dissolvedOn: null }),
  node("Agency", "bo-thong-tin-va-truyen-thong", { nameVi: "Bộ Thông tin và Truyền thông", nameEn: "Ministry of Information and Communications", kind: "MINISTRY", dissolvedOn: "2025-03-01" }),
  node("Agency", "chinh-phu", { nameVi: "Chính phủ", nameEn: "Government", kind: "GOVERNMENT", dissolvedOn: null }),
  node("Document", "03/NQ-CP", { kind: "GOVERNMENT_RESOLUTION", titleVi: "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW", titleEn: "Government Action Programme", issuedOn: "2025-01-09", summaryEn: null }),
  node("Document", "57-NQ/TW", { kind: "PARTY_RESOLUTION", titleVi: TITLE_57, titleEn: "Resolution on breakthroughs in science, technology, innovation and national digital transformation", issuedOn: "2024-12-22", summaryEn: "The Politburo's resolution" }),
  node("Document", "71/NQ-CP", { kind: "GOVERNMENT_RESOLUTION", titleVi: "Nghị quyết sửa đổi, bổ sung, cập nhật Chương trình hành động", titleEn: "Update of the Action Programme", issuedOn: "2025-04-08", summaryEn: TRICKY }),
  node("ProgressReport", "03/NQ-CP#29@2025-05-24", { reportedOn: "2025-05-24", status: "IN_PROGRESS", percent: null, submittedBy: "seed", recordedAt: null, sequence: 0, trust: "ARTICLE" }),
  node("ProgressReport", "report:1", { reportedOn: "2025-06-20", status: "DONE", percent: 100, submittedBy: "bo-khoa-hoc-va-cong-nghe/reporter", recordedAt: RECORDED_AT, sequence: 1, trust: "REPORTED" }),
  node("ProgressReport", "report:2", { reportedOn: "2025-06-20", status: "IN_PROGRESS", percent: 90, submittedBy: "curator", recordedAt: "2025-06-22T09:00:00.000000000Z", sequence: 2, trust: "REPORTED" }),
  node("Source", "article-001", { nameVi: "Bài báo số 1", nameEn: "Article 1", kind: "ARTICLE", file: "sources/articles/001.txt", publishedOn: "2025-01-13" }),
  node("Target", "03/NQ-CP#PL1.1", { titleVi: "Chi cho nghiên cứu phát triển đạt 2% GDP", titleEn: "R&D spending at 2% of GDP", value: 2.5, year: 2030 }),
  node("Task", "03/NQ-CP#29", { titleVi: TRICKY, titleEn: "Task 29", deadline: "2025-06-30", deadlineText: "6/2025", recurring: false,
    statusOnDate: "IN_PROGRESS", lifeStart: "2025-01-09", lifeEnd: "2025-06-30" }),
  node("Task", "71/NQ-CP#1", { titleVi: "Hoàn thiện thể chế", titleEn: "Complete the institutions", deadline: "2025-03-31", deadlineText: "Quý I/2025", recurring: false,
    statusOnDate: "OVERDUE", lifeStart: "2025-04-08", lifeEnd: "2025-03-31" }),
  node("Task", "EV-2025-07-02#3", { titleVi: "Thường xuyên rà soát", titleEn: "Review continuously", deadline: null, deadlineText: "Thường xuyên", recurring: true,
    statusOnDate: "UNKNOWN", lifeStart: "2025-07-02", lifeEnd: null }),
  node("TechnologyGroup", "1131/QĐ-TTg#1", { code: 1, nameVi: "Trí tuệ nhân tạo", nameEn: "Artificial intelligence" }),
];

export const RELATIONSHIPS: ExportRelationship[] = [
  rel("AMENDS", "71/NQ-CP", "03/NQ-CP", cite("sửa đổi, bổ sung Nghị quyết số 03/NQ-CP", "OFFICIAL")),
  rel("CONCERNS", "03/NQ-CP#29", "1131/QĐ-TTg#1", { ...cite("trí tuệ nhân tạo"), kind: "INFERRED", matched: ["trí tuệ nhân tạo", "AI"] }),
  rel("COORDINATED_WITH", "03/NQ-CP#29", "bo-khoa-hoc-va-cong-nghe", cite("phối hợp")),
  rel("IMPLEMENTS", "03/NQ-CP", "57-NQ/TW", cite("thực hiện Nghị quyết số 57-NQ/TW", "OFFICIAL")),
  rel("ISSUED_BY", "03/NQ-CP", "chinh-phu", cite("Chính phủ ban hành")),
  rel("LED_BY", "03/NQ-CP#29", "bo-khoa-hoc-va-cong-nghe", cite(TRICKY)),
  rel("LED_BY", "03/NQ-CP#29", "bo-khoa-hoc-va-cong-nghe", cite("chủ trì (bản thứ hai)", "TRANSCRIPTION"), 1),
  rel("REPORTS_ON", "03/NQ-CP#29@2025-05-24", "03/NQ-CP#29", cite("đang triển khai")),
  rel("REPORTS_ON", "report:1", "03/NQ-CP#29", WRITTEN),
  rel("REPORTS_ON", "report:2", "03/NQ-CP#29", WRITTEN),
  rel("SOURCED_FROM", "03/NQ-CP#29@2025-05-24", "article-001", { quote: "đang triển khai", trust: "ARTICLE", note: null }),
  rel("SOURCED_FROM", "57-NQ/TW", "article-001", { quote: "Nghị quyết 57", trust: "ARTICLE", note: null }),
  rel("SUCCEEDED_BY", "bo-thong-tin-va-truyen-thong", "bo-khoa-hoc-va-cong-nghe", { ...cite("hợp nhất"), date: "2025-03-01", main: true }),
  rel("SUPERSEDES", "report:2", "report:1", WRITTEN),
  rel("UPDATES", "71/NQ-CP#1", "03/NQ-CP#29", { ...cite("cập nhật thời hạn", "DRAFT_REPORT"), changes: ["DEADLINE", "OWNER"], note: null }),
];

export function sampleSource(): GraphSource {
  return {
    schema,
    meta: {
      title: "Nghị quyết 57 & \"những gì thực hiện nó\"", generatedAt: "2025-11-23T10:00:00.000Z", asOf: "2025-06-01",
      selection: { seeds: ["57-NQ/TW"], depth: 2 }, nodeCount: NODES.length, relationshipCount: RELATIONSHIPS.length,
    },
    async *nodes() { yield* NODES; },
    async *relationships() { yield* RELATIONSHIPS; },
  };
}

/** A generated graph of `n` tasks in a chain of DEPENDS_ON, made as it is iterated. */
export function syntheticSource(n: number): GraphSource & { pulled: () => number } {
  let pulled = 0;
  return {
    schema,
    meta: { title: "synthetic", generatedAt: "2025-11-23T10:00:00.000Z", asOf: "2025-06-01", selection: {}, nodeCount: n, relationshipCount: n - 1 },
    pulled: () => pulled,
    async *nodes() {
      for (let i = 0; i < n; i++) {
        pulled++;
        yield node("Task", `T${String(i).padStart(7, "0")}`, { titleVi: `Nhiệm vụ số ${i}: ${TRICKY}`, titleEn: "Task", deadline: "2025-06-30", deadlineText: "6/2025",
          recurring: false, statusOnDate: "UNKNOWN", lifeStart: "2025-01-09", lifeEnd: "2025-06-30" });
      }
    },
    async *relationships() {
      for (let i = 1; i < n; i++) {
        pulled++;
        yield rel("LED_BY", `T${String(i).padStart(7, "0")}`, `T${String(i - 1).padStart(7, "0")}`, cite(`trích dẫn ${i}`));
      }
    },
  };
}
