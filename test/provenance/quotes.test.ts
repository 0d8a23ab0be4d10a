// Provenance of every fact in the loaded graph: each node cites a source, each relationship
// carries its source and quote, and every quote is verbatim in its file under ../shared. A
// task's reported status is a seeded ProgressReport, cited like any node, whose REPORTS_ON
// carries the same source and quote.
import type { Driver } from "neo4j-driver";

import { readConfiguredSeed } from "../../src/seed/index.js";
import { MAX_QUOTE_LENGTH, QuoteIndex } from "../../src/seed/quotes.js";
import { seededReportId } from "../../src/seed/validate.js";
import { config, database, testDriver } from "../support/db.js";

let driver: Driver;
const quotes = new QuoteIndex(config.SHARED_DIR);
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

const rows = async (cypher: string) => (await driver.executeQuery(cypher, {}, { database })).records.map((r) => r.toObject());

test("the shared sources are present (the quote checks below need them)", () => {
  expect(quotes.available()).toBe(true);
});

test("every node but a Source cites at least one source", async () => {
  const uncited = await rows("MATCH (n) WHERE NOT n:Source AND NOT n:SeedMeta AND NOT (n)-[:SOURCED_FROM]->(:Source) RETURN n.id AS id");
  expect(uncited).toEqual([]);
  const [{ cited }] = (await rows("MATCH (n) WHERE (n)-[:SOURCED_FROM]->() RETURN count(n) AS cited")) as [{ cited: number }];
  expect(Number(cited)).toBeGreaterThan(300);
});

test("every relationship carries a known source, a quote and a trust level", async () => {
  const missing = await rows(`
    MATCH (a)-[r]->(b) WHERE type(r) <> 'SOURCED_FROM'
      AND (r.quote IS NULL OR r.trust IS NULL OR r.sourceId IS NULL OR NOT EXISTS { MATCH (:Source {id: r.sourceId}) })
    RETURN a.id AS from, type(r) AS type, b.id AS to`);
  expect(missing).toEqual([]);
});

test("every quote is verbatim in its source file and at most 300 characters", async () => {
  const all = await rows(`
    MATCH (n)-[c:SOURCED_FROM]->(s:Source) RETURN n.id AS id, s.file AS file, c.quote AS quote
    UNION ALL
    MATCH (a)-[r]->(b) WHERE type(r) <> 'SOURCED_FROM' MATCH (s:Source {id: r.sourceId}) RETURN a.id + ' ' + type(r) + ' ' + b.id AS id, s.file AS file, r.quote AS quote`) as { id: string; file: string; quote: string }[];
  expect(all.length).toBeGreaterThan(1000);
  const wrong = all.filter((q) => q.quote.length > MAX_QUOTE_LENGTH || !quotes.has(q.file, q.quote)).map((q) => `${q.id}: ${q.file}: ${q.quote}`);
  expect(wrong).toEqual([]);
});

test("every seeded report cites the source of its status with a verbatim quote, and its REPORTS_ON carries the same", async () => {
  const seed = readConfiguredSeed(config);
  const seededTasks = [...seed.nodes.values()].filter((n) => n.type === "ProgressReport").length;
  const reports = (await rows(`
    MATCH (r:ProgressReport {load: 'seed'})
    RETURN r.id AS id, toString(r.reportedOn) AS reportedOn, r.status AS status, r.trust AS trust,
      [(r)-[c:SOURCED_FROM]->(s:Source) | {source: s.id, file: s.file, quote: c.quote, trust: c.trust}] AS citations,
      [(r)-[o:REPORTS_ON]->(t:Task) | {task: t.id, source: o.sourceId, quote: o.quote, trust: o.trust}] AS on
    ORDER BY id`)) as { id: string; reportedOn: string; status: string; trust: string; citations: { source: string; file: string; quote: string; trust: string }[]; on: { task: string; source: string; quote: string; trust: string }[] }[];
  expect(reports).toHaveLength(seededTasks);
  expect(reports.length).toBeGreaterThanOrEqual(39);
  const wrong: string[] = [];
  for (const r of reports) {
    const [c] = r.citations;
    const [o] = r.on;
    if (r.citations.length !== 1 || r.on.length !== 1) { wrong.push(`${r.id}: ${r.citations.length} citations, ${r.on.length} tasks`); continue; }
    if (r.id !== seededReportId(o!.task, r.reportedOn)) wrong.push(`${r.id}: not named after its task ${o!.task} and its day ${r.reportedOn}`);
    if (!quotes.has(c!.file, c!.quote) || c!.quote.length > MAX_QUOTE_LENGTH) wrong.push(`${r.id}: quote not verbatim in ${c!.file}: ${c!.quote}`);
    if (o!.source !== c!.source || o!.quote !== c!.quote || o!.trust !== c!.trust || r.trust !== c!.trust) wrong.push(`${r.id}: REPORTS_ON ${JSON.stringify(o)} differs from its citation ${JSON.stringify(c)}`);
  }
  expect(wrong).toEqual([]);
  // the status is the reported one: no report of UNKNOWN is seeded (that is no report at all)
  expect(reports.filter((r) => r.status === "UNKNOWN")).toEqual([]);
});

test("no task stores a status: it lives in the task's reports", async () => {
  const stored = await rows("MATCH (t:Task) WHERE t.status IS NOT NULL OR t.statusAsOf IS NOT NULL OR t.statusSourceId IS NOT NULL OR t.statusQuote IS NOT NULL RETURN t.id AS id");
  expect(stored).toEqual([]);
});

test("unsure facts are flagged UNVERIFIED, visibly: the technology groups 7–11 of 1131/QĐ-TTg", async () => {
  const groups = (await rows(`
    MATCH (g:TechnologyGroup)-[c:SOURCED_FROM]->() WHERE g.id STARTS WITH '1131/' RETURN g.code AS code, collect(DISTINCT c.trust) AS trust ORDER BY code`)) as { code: number; trust: string[] }[];
  expect(groups.map((g) => Number(g.code))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  for (const g of groups) expect({ code: Number(g.code), unverified: g.trust.includes("UNVERIFIED") }).toEqual({ code: Number(g.code), unverified: Number(g.code) >= 7 });
});
