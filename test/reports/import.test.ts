// Importing progress reports in bulk (npm run import:reports): how a file is read — CSV with a
// header in any order and case, RFC 4180 quoting, BOM and CRLF; JSON lines — with every row and
// every problem named by the line it starts on; and the command itself, run as a user runs it
// (a child process on the test database, with a real signed token): a file's rows are written
// exactly, all in one transaction, or nothing is, with every problem listed.
import { spawn } from "node:child_process";
import path from "node:path";

import type { Driver } from "neo4j-driver";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { ImportRefused, SHOWN_PROBLEMS } from "../../src/cli/importReports.js";
import { formatOf, IMPORT_BOUNDS, parseReports, type ParseOptions, type Source } from "../../src/reports/import.js";
import { database, testCredentials, testDriver } from "../support/db.js";
import { clearWrites, TEST_AUTH, token, writtenCount } from "../support/writes.js";

const TODAY = "2026-12-01";
const csv = (text: Source, opts: Partial<ParseOptions> = {}) => parseReports(text, { name: "r.csv", format: "csv", today: TODAY, ...opts });
const jsonl = (text: Source, opts: Partial<ParseOptions> = {}) => parseReports(text, { name: "r.jsonl", format: "jsonl", today: TODAY, ...opts });
const texts = (p: { problems: { text: string }[] }) => p.problems.map((x) => x.text);
async function* bytewise(text: string) {
  for (const b of Buffer.from(text, "utf8")) yield Uint8Array.of(b);
}

describe("reading a CSV file", () => {
  const file = [
    "\ufeffTaskId,STATUS,reportedOn,Percent,Note,evidenceURL,evidenceDocumentId",
    '03/NQ-CP#106,in_progress,2025-06-30,40%,"Dự thảo đang lấy ý kiến các bộ, ngành",https://example.gov.vn/a,',
    "",
    '03/NQ-CP#41,NOT_STARTED,2025-06-30,0,"Ghi chú nhiều dòng:',
    'dòng ""hai"",',
    'dòng ba",,03/NQ-CP',
    ",,,,,,",
    "03/NQ-CP#69,DONE,2025-09-30,,,,",
  ].join("\r\n") + "\r\n";

  test("columns in any order and case, quoted commas, quotes and line breaks, each row at the line it starts on", async () => {
    const r = await csv(file);
    expect(texts(r)).toEqual([]);
    expect(r.rowsRead).toBe(3);
    expect(r.rows.map((x) => [x.at, x.input])).toEqual([
      ["r.csv:2", { taskId: "03/NQ-CP#106", status: "IN_PROGRESS", reportedOn: "2025-06-30", percent: 40, note: "Dự thảo đang lấy ý kiến các bộ, ngành", evidence: { url: "https://example.gov.vn/a" } }],
      ["r.csv:4", { taskId: "03/NQ-CP#41", status: "NOT_STARTED", reportedOn: "2025-06-30", percent: 0, note: 'Ghi chú nhiều dòng:\ndòng "hai",\ndòng ba', evidence: { documentId: "03/NQ-CP" } }],
      ["r.csv:8", { taskId: "03/NQ-CP#69", status: "DONE", reportedOn: "2025-09-30" }],
    ]);
  });

  test("the same rows and lines whatever the chunks the file arrives in, with LF as with CRLF", async () => {
    const whole = await csv(file);
    expect(await csv(bytewise(file))).toEqual(whole);
    const lf = await csv(file.replace(/\r\n/g, "\n"));
    expect(lf.rows).toEqual(whole.rows);
    // a BOM split over chunks is still a BOM, not the start of the first cell (here quoted)
    const quoted = await csv(bytewise('\ufeff"taskId","status","reportedOn"\n03/NQ-CP#106,DONE,2025-06-30\n'));
    expect([texts(quoted), quoted.rows.map((x) => x.at)]).toEqual([[], ["r.csv:2"]]);
  });

  test("the header: unknown columns are named, a repeated one refused, a missing required one stops the reading", async () => {
    const unknown = await csv("taskId,status,reportedOn,Ghi chú,foo\n03/NQ-CP#106,DONE,2025-06-30,x,y\n");
    expect(texts(unknown)).toEqual([expect.stringMatching(/^r\.csv:1: unknown columns "Ghi chú", "foo": the columns are taskId, status, reportedOn, percent, note/)]);
    const twice = await csv("taskId,status,reportedOn,TASKID\n");
    expect(texts(twice)).toEqual(["r.csv:1: the header names taskId twice (columns 1 and 4)"]);
    const missing = await csv("taskId,status\n03/NQ-CP#106,DONE\n03/NQ-CP#41,DONE\n");
    expect(texts(missing)).toEqual([expect.stringMatching(/^r\.csv:1: the header has no column reportedOn/)]);
    expect(missing.rowsRead).toBe(0);
    expect(texts(await csv(""))).toEqual([expect.stringMatching(/^r\.csv: the file has no header row/)]);
  });

  test("a row's own problems, each with its line: cells, rules of a report, dates", async () => {
    const r = await csv([
      "taskId,status,reportedOn,percent",
      "03/NQ-CP#106,DONE,2025-06-30",
      "03/NQ-CP#106,DONE,2025-06-30,50",
      "03/NQ-CP#106,IN_PROGRESS,2999-01-01,",
      "03/NQ-CP#106,IN_PROGRESS,30/09/2025,",
      "03/NQ-CP#106,FINISHED,2025-02-30,abc",
    ].join("\n"));
    expect(texts(r)).toEqual([
      'r.csv:2: the row has 3 cells and the header 4: a cell holding a comma is quoted ("…, …")',
      "r.csv:3: percent: a DONE report is 100 percent complete, not 50",
      expect.stringMatching(/^r\.csv:4: reportedOn 2999-01-01 is in the future/),
      'r.csv:5: reportedOn: a date YYYY-MM-DD, not "30/09/2025" (30/09/2025 as day/month/year is 2025-09-30)',
      'r.csv:6: percent: a whole number 0–100, not "abc"',
    ]);
    expect(r.rows).toEqual([]);
    expect(r.rowsRead).toBe(5);
  });

  test("the CSV's own errors are named by the line the row starts on", async () => {
    const open = await csv('taskId,status,reportedOn,note\n03/NQ-CP#106,DONE,2025-06-30,ok\n\n03/NQ-CP#41,DONE,2025-06-30,"never\nclosed\n');
    expect(texts(open)).toEqual(["r.csv:4: a quoted cell of the row starting here is never closed: the file ends inside its quotes"]);
    expect(open.rows.map((x) => x.at)).toEqual(["r.csv:2"]);
    const stray = await csv('taskId,status,reportedOn,note\n03/NQ-CP#106,DONE,2025-06-30,"a\nb"c\n');
    expect(texts(stray)).toEqual([expect.stringMatching(/^r\.csv:2: a quoted cell of the row starting here is followed by "c"/)]);
    const inside = await csv('taskId,status,reportedOn,note\n03/NQ-CP#106,DONE,2025-06-30,a"b\n');
    expect(texts(inside)).toEqual([expect.stringMatching(/^r\.csv:2: a cell of the row starting here has a quote inside it/)]);
  });
});

describe("reading JSON lines", () => {
  test("the same keys in any case, evidence as an object or as two keys, null and empty text not given, blank lines skipped", async () => {
    const r = await jsonl([
      '{"taskId": "03/NQ-CP#107", "status": "in_progress", "reportedOn": "2025-09-30", "percent": 30, "agencyId": "bo-quoc-phong", "evidence": {"url": "https://example.gov.vn/q3", "documentId": "03/NQ-CP"}}',
      "",
      '{"TASKID": "03/NQ-CP#106", "Status": "NOT_STARTED", "reportedOn": "2025-03-31", "percent": null, "note": "", "evidenceUrl": "https://example.gov.vn/q1"}\r',
    ].join("\n"));
    expect(texts(r)).toEqual([]);
    expect(r.rows.map((x) => [x.at, x.input])).toEqual([
      ["r.jsonl:1", { taskId: "03/NQ-CP#107", status: "IN_PROGRESS", reportedOn: "2025-09-30", percent: 30, agencyId: "bo-quoc-phong", evidence: { url: "https://example.gov.vn/q3", documentId: "03/NQ-CP" } }],
      ["r.jsonl:3", { taskId: "03/NQ-CP#106", status: "NOT_STARTED", reportedOn: "2025-03-31", evidence: { url: "https://example.gov.vn/q1" } }],
    ]);
  });

  test("each line's problems, named: not JSON, not an object, unknown keys, evidence twice, a field the rules refuse", async () => {
    const r = await jsonl([
      '{"taskId": "a", "status": "DONE"',
      "[1, 2]",
      '{"taskId": "a", "status": "DONE", "reportedOn": "2025-01-01", "ghiChu": "x"}',
      '{"taskId": "a", "status": "DONE", "reportedOn": "2025-01-01", "evidence": {"url": "https://a.vn"}, "evidenceUrl": "https://b.vn"}',
      '{"taskId": "a", "status": "DONE", "reportedOn": "2025-01-01", "evidence": {"link": "https://a.vn"}}',
      '{"taskId": 7, "status": "DONE", "reportedOn": "2025-01-01"}',
    ].join("\n"));
    expect(texts(r)).toEqual([
      expect.stringMatching(/^r\.jsonl:1: the line is not JSON: /),
      'r.jsonl:2: the line is an array, not a JSON object (one report per line, {"taskId": …})',
      expect.stringMatching(/^r\.jsonl:3: unknown key "ghiChu": the keys are taskId, /),
      "r.jsonl:4: evidence is given twice: as an object and as evidenceUrl/evidenceDocumentId; give one",
      "r.jsonl:5: evidence: unknown field link",
      expect.stringMatching(/^r\.jsonl:6: taskId: /),
    ]);
    expect(r.rowsRead).toBe(6);
  });
});

describe("the bounds of a file, and its encoding", () => {
  const header = "taskId,status,reportedOn\n";
  const row = "03/NQ-CP#106,IN_PROGRESS,2025-06-30\n";

  test("rows: the one past the bound is named, and the file is refused whole", async () => {
    const r = await csv(header + row.repeat(4), { bounds: { rows: 3 } });
    expect(texts(r)).toEqual(["r.csv:5: one import takes at most 3 rows, and this is row 4: split the file"]);
    expect(r.refusedWhole).toBe(true);
    const j = await jsonl('{"taskId": "a", "status": "DONE", "reportedOn": "2025-01-01"}\n'.repeat(3), { bounds: { rows: 2 } });
    expect(texts(j)).toEqual(["r.jsonl:3: one import takes at most 2 rows, and this is row 3: split the file"]);
  });

  test("bytes: a file larger than the bound is refused whole", async () => {
    const r = await csv(header + row.repeat(10), { bounds: { bytes: 100 } });
    expect(texts(r)).toEqual(["r.csv: the file is larger than 100 bytes, the most one import reads: split it"]);
    expect(r.refusedWhole).toBe(true);
  });

  test("a line longer than the bound: named, not kept in memory", async () => {
    const long = `03/NQ-CP#106,IN_PROGRESS,2025-06-30,"${"x".repeat(200)}"\n`;
    const r = await csv("taskId,status,reportedOn,note\n" + row.replace("\n", ",\n") + long + row.replace("\n", ",\n"), { bounds: { lineBytes: 100 } });
    expect(texts(r)).toEqual(["r.csv:3: the line is longer than 100 bytes, the most a line may hold"]);
    const j = await jsonl(`{"taskId": "a", "status": "DONE", "reportedOn": "2025-01-01", "note": "${"x".repeat(200)}"}\n{"taskId": "a", "status": "DONE", "reportedOn": "2025-01-01"}\n`, { bounds: { lineBytes: 100 } });
    expect(texts(j)).toEqual(["r.jsonl:1: the line is longer than 100 bytes, the most a line may hold"]);
    expect(j.rows.map((x) => x.at)).toEqual(["r.jsonl:2"]);
  });

  test("UTF-16 and bytes that are not UTF-8 are refused, by line", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header, "utf16le")]);
    expect(texts(await csv(utf16))).toEqual([expect.stringMatching(/^r\.csv:1: the file is UTF-16 text: save it as UTF-8/)]);
    const latin1 = Buffer.concat([Buffer.from(header + row), Buffer.from("03/NQ-CP#41,DONE,2025-06-30\n03/NQ-CP#9,Ghi ch\xfa,2025-06-30\n", "latin1")]);
    expect(texts(await csv(latin1))).toEqual([expect.stringMatching(/^r\.csv:4: the line is not UTF-8 text/)]);
  });

  test("the bounds the README names: 200 MiB, 10^6 rows and 64 KiB a line; 100 problems printed, then a count", () => {
    expect(IMPORT_BOUNDS).toEqual({ bytes: 200 * 1024 * 1024, rows: 1_000_000, lineBytes: 64 * 1024 });
    expect(SHOWN_PROBLEMS).toBe(100);
    const refused = new ImportRefused("r.csv", Array.from({ length: 102 }, (_, i) => `r.csv:${i + 2}: a problem`), "import:x");
    expect(refused.message.split("\n")).toEqual(["r.csv: 102 problems, so nothing was written (request import:x):", ...Array.from({ length: 100 }, (_, i) => `r.csv:${i + 2}: a problem`), "… and 2 more problems"]);
  });

  test("the format from --format or the extension", () => {
    expect(formatOf("a/Reports.CSV")).toBe("csv");
    expect(formatOf("x.ndjson")).toBe("jsonl");
    expect(formatOf("x.txt", "jsonl")).toBe("jsonl");
    expect(() => formatOf("x.json")).toThrow(/one JSON object per line \(\.jsonl\); give --format/);
    expect(() => formatOf("export")).toThrow(/Cannot tell the format of export/);
  });
});

// ---------------------------------------------------------------- the command, on the test database

const CLI = path.join(PROJECT_ROOT, "src/cli/importReports.ts");
const FIXTURES = "test/reports/fixtures";

interface Run { code: number | null; stdout: string; stderr: string; requestId: string | undefined }

/** The command as a user runs it, on the test database, with the tests' JWT secret. */
function importing(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of ["NODE_OPTIONS", "POLICY_GRAPH_TOKEN", "JWT_JWKS_URL", "NEO4J_URI"]) delete base[k];
  const { user, password } = testCredentials();
  const childEnv: Record<string, string | undefined> = {
    ...base, NEO4J_URI: process.env.POLICY_GRAPH_TEST_URI, NEO4J_USER: user, NEO4J_PASSWORD: password,
    JWT_SECRET: TEST_AUTH.JWT_SECRET, JWT_ISSUER: TEST_AUTH.JWT_ISSUER, JWT_AUDIENCE: TEST_AUTH.JWT_AUDIENCE, ...env,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: PROJECT_ROOT, env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, requestId: /(import:[0-9a-f-]{36})/.exec(stdout + stderr)?.[1] }));
  });
}

/** The problems printed for a fixture: "test/reports/fixtures/x.csv:7: …". */
const lines = (stderr: string, fixture: string) => stderr.split("\n").filter((l) => l.startsWith(`${FIXTURES}/${fixture}:`) && /^[^:]+:\d+: /.test(l));

let driver: Driver;
let reporter: string;
let curator: string;
const cypher = async (q: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(q, params, { database })).records.map((r) => r.toObject());

const written = (requestId: string) => cypher(`
  MATCH (r:ProgressReport {requestId: $requestId})-[:REPORTS_ON]->(t:Task)
  RETURN t.id AS taskId, toString(r.reportedOn) AS reportedOn, r.status AS status, r.percent AS percent, r.note AS note,
    r.evidenceUrl AS evidenceUrl, r.submittedBy AS submittedBy, r.trust AS trust,
    COLLECT { MATCH (r)-[:REPORTED_BY]->(a:Agency) RETURN a.id }[0] AS agencyId,
    COLLECT { MATCH (r)-[:EVIDENCED_BY]->(d:Document) RETURN d.id }[0] AS documentId,
    COLLECT { MATCH (r)-[:SUPERSEDES]->(o:ProgressReport) RETURN o.id }[0] AS supersedes
  ORDER BY r.sequence`, { requestId });

beforeAll(async () => {
  driver = testDriver();
  reporter = await token("REPORTER", "bo-cong-an");
  curator = await token("CURATOR");
  // What the fixtures take from the seed: a change there should fail here, saying so.
  const [facts] = await cypher(`
    RETURN
      [id IN ['03/NQ-CP#106', '03/NQ-CP#41', '03/NQ-CP#116', '03/NQ-CP#69', '03/NQ-CP#75', '03/NQ-CP#42']
        WHERE NOT EXISTS { (:Task {id: id})-[:LED_BY|COORDINATED_WITH]->(:Agency {id: 'bo-cong-an'}) }] AS notBoCongAn,
      COLLECT { MATCH (:Task {id: '03/NQ-CP#107'})-[:LED_BY|COORDINATED_WITH]->(a:Agency) RETURN a.id } AS owners107,
      EXISTS { MATCH (r:ProgressReport {id: '71/NQ-CP#25@2025-05-24'}) WHERE NOT EXISTS { (r)<-[:SUPERSEDES]-() } } AS report25,
      EXISTS { (:Task {id: '03/NQ-CP#9999'}) } AS task9999, EXISTS { (:Document {id: '03/NQ-CP'}) } AS document`);
  expect(facts).toEqual({ notBoCongAn: [], owners107: ["bo-quoc-phong"], report25: true, task9999: false, document: true });
});
afterAll(async () => {
  await clearWrites(driver, database);
  await driver.close();
});

describe("npm run import:reports", () => {
  test("a reporter's CSV (BOM, CRLF, quoted commas and line breaks, a repeated key): exactly its rows, in one import with one request id", async () => {
    const before = await writtenCount(driver, database);
    const r = await importing([`${FIXTURES}/bo-cong-an.csv`, "--token", reporter]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rows read +6\n +reports written +5, sequence (\d+) to (\d+)/);
    expect(r.stdout).toMatch(/repeats +1 /);
    const rows = await written(r.requestId!);
    const own = { submittedBy: "local:bo-cong-an", trust: "REPORTED", agencyId: "bo-cong-an", supersedes: null };
    expect(rows).toEqual([
      { ...own, taskId: "03/NQ-CP#106", reportedOn: "2025-06-30", status: "IN_PROGRESS", percent: 40, note: "Dự thảo Đề án đang lấy ý kiến các bộ, ngành", evidenceUrl: "https://example.gov.vn/bca/bao-cao-quy-2", documentId: null },
      { ...own, taskId: "03/NQ-CP#41", reportedOn: "2025-06-30", status: "NOT_STARTED", percent: 0, note: null, evidenceUrl: null, documentId: null },
      { ...own, taskId: "03/NQ-CP#116", reportedOn: "2025-09-30", status: "IN_PROGRESS", percent: 60, note: 'Kết quả khảo sát:\n- các đơn vị trực thuộc;\n- công an các tỉnh, thành phố (số liệu "sơ bộ")', evidenceUrl: null, documentId: "03/NQ-CP" },
      { ...own, taskId: "03/NQ-CP#69", reportedOn: "2025-09-30", status: "IN_PROGRESS", percent: 80, note: "Đang vận hành thử", evidenceUrl: null, documentId: null },
      { ...own, taskId: "03/NQ-CP#75", reportedOn: "2025-05-24", status: "DONE", percent: null, note: null, evidenceUrl: null, documentId: null },
    ]);
    // one audit entry for the import: its file, and the line of each report written, in the order of the ids
    const audits = await cypher("MATCH (e:AuditEntry {requestId: $id}) RETURN e.action AS action, e.actor AS actor, e.subjectId AS subject, e.written AS written, e.input AS input", { id: r.requestId });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "import", actor: "local:bo-cong-an", subject: `${FIXTURES}/bo-cong-an.csv` });
    const ids = (await cypher("MATCH (p:ProgressReport {requestId: $id}) RETURN p.id AS id ORDER BY p.sequence", { id: r.requestId })).map((p) => p.id);
    expect(audits[0]!.written).toEqual(ids);
    expect(JSON.parse(audits[0]!.input as string)).toEqual({ file: `${FIXTURES}/bo-cong-an.csv`, rows: 6, lines: [2, 3, 4, 8, 11] });
    expect(await writtenCount(driver, database)).toBe(before + 6);
  });

  test("a curator's JSON lines (from POLICY_GRAPH_TOKEN): an agency named, evidence, a correction; imported again, every row is a repeat", async () => {
    const r = await importing([`${FIXTURES}/curator.jsonl`], { POLICY_GRAPH_TOKEN: curator });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rows read +3\n +reports written +3, /);
    const cur = { submittedBy: "local:curator", trust: "REPORTED", documentId: null, supersedes: null, agencyId: null, percent: null, note: null, evidenceUrl: null };
    expect(await written(r.requestId!)).toEqual([
      { ...cur, taskId: "03/NQ-CP#107", reportedOn: "2025-09-30", status: "IN_PROGRESS", percent: 30, agencyId: "bo-quoc-phong", note: "Báo cáo quý III, tổng hợp từ hệ thống giám sát\nĐang hoàn thiện hồ sơ", evidenceUrl: "https://example.gov.vn/bqp/quy-3", documentId: "03/NQ-CP" },
      { ...cur, taskId: "71/NQ-CP#25", reportedOn: "2025-10-15", status: "DONE", note: "Sửa báo cáo ngày 24/5/2025", supersedes: "71/NQ-CP#25@2025-05-24" },
      { ...cur, taskId: "03/NQ-CP#106", reportedOn: "2025-03-31", status: "NOT_STARTED", evidenceUrl: "https://example.gov.vn/bca/quy-1" },
    ]);
    const n = await writtenCount(driver, database);
    const again = await importing([`${FIXTURES}/curator.jsonl`, "--token", curator]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/rows read +3\n +reports written +0\n +repeats +3 /);
    expect(await writtenCount(driver, database)).toBe(n);
  });

  test("a file with two bad rows writes nothing and names both lines (an unknown task, a date in the future)", async () => {
    const n = await writtenCount(driver, database);
    const r = await importing([`${FIXTURES}/refused.csv`, "--token", curator]);
    expect(r.code).toBe(1);
    const problems = lines(r.stderr, "refused.csv");
    expect(problems).toEqual([
      `${FIXTURES}/refused.csv:7: No task with id "03/NQ-CP#9999"`,
      expect.stringMatching(new RegExp(`^${FIXTURES}/refused\\.csv:9: reportedOn 2999-01-01 is in the future`)),
    ]);
    expect(r.stderr).toContain(`${FIXTURES}/refused.csv: 2 problems, so nothing was written (request ${r.requestId}):`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await writtenCount(driver, database)).toBe(n);
  });

  test("a reporter's file with another agency's task: that row's FORBIDDEN reason at its line, and nothing written", async () => {
    const n = await writtenCount(driver, database);
    const r = await importing([`${FIXTURES}/other-agency.csv`, "--token", reporter]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr, "other-agency.csv")).toEqual([
      `${FIXTURES}/other-agency.csv:3: Bộ Công an (bo-cong-an) may not report on task "03/NQ-CP#107": it is led or coordinated on 2025-09-30 by Bộ Quốc phòng (bo-quoc-phong)`,
    ]);
    expect(await writtenCount(driver, database)).toBe(n);
  });

  test("who imports: --as-curator is refused with NEO4J_URI set; no identity, or a bad token, is one sentence; nothing written", async () => {
    const n = await writtenCount(driver, database);
    const asCurator = await importing([`${FIXTURES}/curator.jsonl`, "--as-curator"]);
    expect(asCurator.code).toBe(1);
    expect(asCurator.stderr.trim()).toBe("--as-curator is for this machine's own Neo4j, and NEO4J_URI names a shared server, where an import needs a token (--token or POLICY_GRAPH_TOKEN).");
    const nobody = await importing([`${FIXTURES}/curator.jsonl`]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr.trim()).toMatch(/^Say who is importing: --token <JWT> \(or POLICY_GRAPH_TOKEN\), or --as-curator/);
    const both = await importing([`${FIXTURES}/curator.jsonl`, "--as-curator"], { POLICY_GRAPH_TOKEN: curator });
    expect(both.code).toBe(1);
    expect(both.stderr.trim()).toMatch(/not both/);
    const forged = await importing([`${FIXTURES}/curator.jsonl`, "--token", `${curator.slice(0, -4)}AAAA`]);
    expect(forged.code).toBe(1);
    expect(forged.stderr.trim()).toMatch(/^The token's signature does not verify/);
    expect(await writtenCount(driver, database)).toBe(n);
  });
});
