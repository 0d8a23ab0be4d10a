// Provenance of every fact in the loaded graph: each node cites a source, each relationship
// carries its source and quote, and every quote is verbatim in its file under ../shared.
import type { Driver } from "neo4j-driver";

import { MAX_QUOTE_LENGTH, QuoteIndex } from "../../src/seed/quotes.js";
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
    MATCH (a)-[r]->(b) WHERE type(r) <> 'SOURCED_FROM' MATCH (s:Source {id: r.sourceId}) RETURN a.id + ' ' + type(r) + ' ' + b.id AS id, s.file AS file, r.quote AS quote
    UNION ALL
    MATCH (t:Task) WHERE t.statusQuote IS NOT NULL MATCH (s:Source {id: t.statusSourceId}) RETURN t.id + ' status' AS id, s.file AS file, t.statusQuote AS quote`) as { id: string; file: string; quote: string }[];
  expect(all.length).toBeGreaterThan(1000);
  const wrong = all.filter((q) => q.quote.length > MAX_QUOTE_LENGTH || !quotes.has(q.file, q.quote)).map((q) => `${q.id}: ${q.file}: ${q.quote}`);
  expect(wrong).toEqual([]);
});

test("unsure facts are flagged UNVERIFIED, visibly: the technology groups 7–11 of 1131/QĐ-TTg", async () => {
  const groups = (await rows(`
    MATCH (g:TechnologyGroup)-[c:SOURCED_FROM]->() WHERE g.id STARTS WITH '1131/' RETURN g.code AS code, collect(DISTINCT c.trust) AS trust ORDER BY code`)) as { code: number; trust: string[] }[];
  expect(groups.map((g) => Number(g.code))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  for (const g of groups) expect({ code: Number(g.code), unverified: g.trust.includes("UNVERIFIED") }).toEqual({ code: Number(g.code), unverified: Number(g.code) >= 7 });
});
