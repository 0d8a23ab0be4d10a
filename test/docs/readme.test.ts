// The README tests itself: every figure it states as an answer on the seeded graph is read out
// of README.md by a pattern and compared with the answer computed here, from the named
// operation with its default variables (or the API the example calls). A changed answer, a
// changed number in the README, or a sentence reworded so that its pattern no longer matches
// fails this test; to change a figure, change the README and let this test say whether it holds.
import fs from "node:fs";
import path from "node:path";

import { loadConfig, PROJECT_ROOT } from "../../src/config/index.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { seedReport } from "../../src/seed/report.js";
import { readTechnologyLabels } from "../../src/seed/technologyPrecision.js";
import { CHOICES_PAGE_SIZE, DATALIST_FROM, MAX_CHOICES } from "../../src/web/dashboard/choices.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { database } from "../support/db.js";

type Data = Record<string, any>;

const README = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

async function run(query: string, operationName?: string, variables?: Record<string, unknown>): Promise<Data> {
  const res = await t.app.apollo.executeOperation({ query, operationName, variables }, { contextValue: t.context() });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = res.body.singleResult;
  if (errors?.length) throw new Error(errors[0]!.message);
  return data as Data;
}

/** A named operation of queries/, with its default variables. */
async function operation(name: string): Promise<Data> {
  const op = namedOperations().find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  return run(op.text, name);
}

/** The numbers of the README's one sentence that `pattern` matches (it must match exactly once). */
function stated(pattern: RegExp): string[] {
  const all = [...README.matchAll(new RegExp(pattern.source, "g"))];
  expect(all.map((m) => m[0])).toHaveLength(1);
  return all[0]!.slice(1);
}

const count = (list: Data[], status: string) => list.find((s) => s.status === status)?.count ?? 0;

const thousands = (n: number) => n.toLocaleString("en-US");

/** A pattern whose spaces match any run of white space, as the README wraps its lines anywhere. */
const wrapped = (source: string) => new RegExp(source.replace(/ /g, "\\s+"));

/** The rows of a Cypher query on the test database. */
async function cypher(q: string, params: Record<string, unknown> = {}): Promise<Data[]> {
  return (await t.driver.executeQuery(q, params, { database })).records.map((r) => r.toObject() as Data);
}
const num = (v: unknown) => Number(v);
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

const report = () => seedReport(readConfiguredSeed(loadConfig()), readTechnologyLabels());

const claims: { what: string; pattern: RegExp; answer: () => Promise<(string | number)[]> }[] = [
  {
    what: "the seed's size, as npm run seed:check counts it",
    pattern: /counts it: ([\d,]+) nodes and ([\d,]+) relationships with ([\d,]+) source\s+citations — (\d+) documents, (\d+) sections, (\d+) tasks, (\d+) seeded progress reports, (\d+) targets,\s+(\d+) reported indicators, (\d+) agencies, (\d+) people, (\d+) meetings, (\d+) technology groups and (\d+)\s+products/,
    answer: async () => {
      const g = readConfiguredSeed(loadConfig());
      const of = (type: string) => [...g.nodes.values()].filter((n) => n.type === type).length;
      return [thousands(g.nodes.size), thousands(g.relationships.length), thousands(g.citations.length),
        ...["Document", "Section", "Task", "ProgressReport", "Target", "Indicator", "Agency", "Person", "Event", "TechnologyGroup", "TechnologyProduct"].map(of)];
    },
  },
  {
    what: "TraceDirective: tasks under 57-NQ/TW, and the page returned",
    pattern: /57-NQ\/TW: (\d+) tasks, the first (\d+) returned/,
    answer: async () => { const d = await operation("TraceDirective"); return [d.trace.totalTasks, d.trace.tasks.length]; },
  },
  {
    what: "AgencyWorkload: Bộ KH&CN on 2025-06-01",
    pattern: /Bộ Khoa học và Công nghệ on 2025-06-01: (\d+) tasks led \((\d+) done, (\d+) overdue\), (\d+) coordinated, (\d+) held only/,
    answer: async () => {
      const w = (await operation("AgencyWorkload")).agencyWorkload;
      return [w.lead.total, count(w.lead.byStatus, "DONE"), count(w.lead.byStatus, "OVERDUE"), w.coordinating.total, w.inherited];
    },
  },
  {
    what: "CriticalPath under 57-NQ/TW on 2026-04-01",
    pattern: /under 57-NQ\/TW on 2026-04-01: (\d+) tasks, `([^`]+)` then `#(\d+)`, both [^,]+, (\d+) days late/,
    answer: async () => {
      const c = (await operation("CriticalPath")).criticalPath;
      return [c.length, c.tasks[0].task.id, c.tasks[1].task.id.split("#")[1], c.daysLate];
    },
  },
  {
    what: "BlockedByOverdue under 57-NQ/TW on 2026-04-01",
    pattern: /under 57-NQ\/TW on 2026-04-01: (\d+) tasks wait, at some depth, on overdue work/,
    answer: async () => [(await operation("BlockedByOverdue")).blockedByOverdue.total],
  },
  {
    what: "Dashboard on 2025-12-31",
    pattern: /on 2025-12-31: (\d+) tasks — (\d+) done, (\d+) overdue, (\d+) with no status known; 71\/NQ-CP (\d+) of (\d+) done/,
    answer: async () => {
      const d = (await operation("Dashboard")).dashboard;
      const r71 = d.completionByDocument.find((g: Data) => g.group.id === "71/NQ-CP");
      return [d.totalTasks, count(d.byStatus, "DONE"), count(d.byStatus, "OVERDUE"), count(d.byStatus, "UNKNOWN"), r71.done, r71.total];
    },
  },
  {
    what: "DocumentTaskCounts",
    pattern: /71\/NQ-CP (\d+) tasks; 57-NQ\/TW (\d+) sections/,
    answer: async () => {
      const byId = Object.fromEntries((await operation("DocumentTaskCounts")).documents.map((x: Data) => [x.id, x]));
      return [byId["71/NQ-CP"].tasksConnection.aggregate.count.nodes, byId["57-NQ/TW"].sectionsConnection.aggregate.count.nodes];
    },
  },
  {
    what: "TargetsByHorizon",
    pattern: /(\d+) to 2030, (\d+) to 2045; monitors include Bộ Thông tin và Truyền thông \((\d+)\) and Bộ Khoa học và Công nghệ \((\d+)\) as assigned/,
    answer: async () => {
      const d = await operation("TargetsByHorizon");
      const of = (id: string) => d.monitoredBy.find((a: Data) => a.id === id).monitorsConnection.aggregate.count.nodes;
      return [d.to2030.aggregate.count.nodes, d.to2045.aggregate.count.nodes, of("bo-thong-tin-va-truyen-thong"), of("bo-khoa-hoc-va-cong-nghe")];
    },
  },
  {
    what: "ProgressReport71",
    pattern: /\| (\d+) tasks; `71\/NQ-CP#1` done/,
    answer: async () => [(await operation("ProgressReport71")).tasks.length],
  },
  {
    what: "MeetingDirections of 02/07/2025",
    pattern: /02\/07\/2025: (\d+) directions, (\d+) of them with a lead agency, (\d+) reported figures/,
    answer: async () => {
      const [ev] = (await operation("MeetingDirections")).events;
      return [ev.tasks.length, ev.tasks.filter((x: Data) => x.ledBy.length > 0).length, ev.indicators.length];
    },
  },
  {
    what: "the CLI export example: 57-NQ/TW at depth 2",
    pattern: /npm run export -- --from 57-NQ\/TW --depth 2 [^`]*`[^`]*`Wrote r57\.graphml \(graphml\): (\d+) nodes, (\d+) relationships/,
    answer: async () => {
      const s = (await run(`{ subgraph(selection: {seeds: ["57-NQ/TW"], depth: 2}) { nodeCount relationshipCount } }`)).subgraph;
      return [s.nodeCount, s.relationshipCount];
    },
  },
  {
    what: "the reported figures of facts.md and the articles, as the seed's indicators hold them",
    pattern: wrapped("its 2025 results \\(([\\d,]+) of ([\\d,]+) tasks done; (\\d+) laws, (\\d+) decrees, (\\d+) circulars\\); 71/NQ-CP on 31/07/2025 \\((\\d+) tasks behind schedule, (\\d+) of them since done, across (\\d+) agencies, with the count of (\\d+) ministries and the (\\d+) localities\\); and its (\\d+) members\\. [^;]*; the S&T sector's (\\d+) key tasks"),
    answer: async () => {
      const g = readConfiguredSeed(loadConfig());
      const value = (id: string) => { const v = g.nodes.get(id)?.props.value; if (typeof v !== "number") throw new Error(`no indicator ${id}`); return v; };
      const behind = [...g.nodes.values()].filter((n) => n.type === "Indicator" && /^IND-71-nq-cp-nhiem-vu-cham-tien-do-bo-/.test(n.id));
      return [thousands(value("IND-nhiem-vu-hoan-thanh-2025-12")), thousands(value("IND-nhiem-vu-tong-2025-12")),
        value("IND-luat-2025-12"), value("IND-nghi-dinh-2025-12"), value("IND-thong-tu-2025-12"),
        value("IND-71-nq-cp-nhiem-vu-cham-tien-do-2025-07"), value("IND-71-nq-cp-nhiem-vu-cham-tien-do-da-hoan-thanh-2025-07"),
        value("IND-71-nq-cp-co-quan-co-nhiem-vu-cham-tien-do-2025-07"), behind.length, value("IND-71-nq-cp-dia-phuong-co-nhiem-vu-cham-tien-do-2025-07"),
        value("IND-thanh-vien-ban-chi-dao-trung-uong"), value("IND-nhiem-vu-trong-tam-nganh-khoa-hoc-va-cong-nghe")];
    },
  },
  {
    what: "npm run seed:report: trust, owners, deadlines, duplicates and restatements",
    pattern: wrapped("trust level \\((\\d+) `UNVERIFIED`\\), tasks with no lead agency \\((\\d+),[^)]*\\) or no deadline \\((\\d+)\\), tasks owned by a body that no longer exists without a successor \\((\\d+)\\), and likely duplicates across documents by title similarity \\((\\d+): (\\d+) linked in the seed as the same work, (\\d+) judged related by a dependency, (\\d+) left to review\\), and appendix rows that may restate [^(]*\\((\\d+): (\\d+) linked, (\\d+) judged related by a dependency, (\\d+) left to review\\)"),
    answer: async () => {
      const r = report();
      const by = (list: { status: string }[], status: string) => list.filter((d) => d.status === status).length;
      return [r.factsByTrust.UNVERIFIED!, r.tasks.withoutOwner.length, r.tasks.withoutDeadline.length, r.tasks.ownerGoneWithoutSuccessor.length,
        r.duplicates.length, by(r.duplicates, "linked"), by(r.duplicates, "related"), by(r.duplicates, "review"),
        r.restatements.length, by(r.restatements, "linked"), by(r.restatements, "related"), by(r.restatements, "review")];
    },
  },
  {
    what: "npm run seed:report: the technology rules against the labels",
    pattern: wrapped("scores the rules against (\\d+) hand-labelled pairs \\(`test/seed/fixtures/technology-labels\\.yaml`, every pair they link and (\\d+) they might confuse\\): precision ([\\d.]+), recall ([\\d.]+)\\."),
    answer: async () => {
      const t = report().technology!;
      expect(t.unlabelled).toEqual([]); // "every pair they link"
      return [t.labelled, t.trueNegatives + t.falseNegatives.length, t.precision!.toFixed(3), t.recall!.toFixed(3)];
    },
  },
  {
    what: "the dashboard's filter lists: page size, type-to-filter and the longest list",
    pattern: wrapped("page by page \\(([\\d,]+) a page\\), each labelled with its total\\. A list of more than ([\\d,]+) becomes a box that filters as you type; one beyond ([\\d,]+) is not listed"),
    answer: async () => [CHOICES_PAGE_SIZE, DATALIST_FROM, MAX_CHOICES].map(thousands),
  },
  {
    what: "DEPENDS_ON edges in the seeded graph",
    pattern: /`DEPENDS_ON` \((\d+) edges\)/,
    answer: async () => [num((await cypher("MATCH (:Task)-[r:DEPENDS_ON]->(:Task) WHERE r.load = 'seed' RETURN count(r) AS n"))[0]!.n)],
  },
  {
    what: "57-NQ/TW: its targets by horizon and its groups of tasks and solutions",
    pattern: wrapped("objectives \\((\\d+) targets: (\\d+) to 2030, (\\d+) to 2045\\), (\\d+) groups of tasks and solutions"),
    answer: async () => {
      const [r] = await cypher(`MATCH (t:Target) WHERE t.id STARTS WITH '57-NQ/TW#' WITH collect(t) AS ts
        RETURN size(ts) AS n, size([t IN ts WHERE t.year = 2030]) AS y2030, size([t IN ts WHERE t.year = 2045]) AS y2045,
          COUNT { MATCH (:Section)-[:PART_OF]->(:Section {id: '57-NQ/TW#III'}) } AS groups`);
      return [num(r!.n), num(r!.y2030), num(r!.y2045), num(r!.groups)];
    },
  },
  {
    what: "03/NQ-CP: objectives, task groups, lettered sub-tasks, appendix I targets, appendix II tasks per section",
    pattern: wrapped("its (\\d+) objectives, (\\d+) task groups \\(each implementing the matching 57-NQ/TW group\\) with (\\d+) lettered sub-tasks, the implementation clauses, \\*\\*Appendix I\\*\\*'s (\\d+) targets \\((\\d+) to 2030, (\\d+) to 2045\\) with the agency that monitors each, and \\*\\*Appendix II\\*\\*'s (\\d+) tasks in (\\d+) sections \\((\\d+), (\\d+), (\\d+), (\\d+), (\\d+), (\\d+), (\\d+)\\)"),
    answer: async () => {
      const [r] = await cypher(`
        RETURN COUNT { MATCH (:Section)-[:PART_OF]->(:Section {id: '03/NQ-CP#I'}) } AS objectives,
          COUNT { MATCH (g:Section)-[:PART_OF]->(:Section {id: '03/NQ-CP#II'}) WHERE EXISTS { (g)-[:IMPLEMENTS]->(:Section) } } AS groups,
          COUNT { MATCH (:Task)-[:PART_OF]->(:Section)-[:PART_OF]->(:Section {id: '03/NQ-CP#II'}) } AS lettered`);
      const targets = await cypher("MATCH (t:Target) WHERE t.id STARTS WITH '03/NQ-CP#PL1.' RETURN t.year AS year, EXISTS { (t)-[:MONITORED_BY]->() } AS monitored");
      expect(targets.filter((x) => !x.monitored)).toEqual([]); // "with the agency that monitors each"
      const sections = await cypher(`MATCH (s:Section)-[:PART_OF]->(:Document {id: '03/NQ-CP'}) WHERE s.id STARTS WITH '03/NQ-CP#PL2.'
        RETURN s.id AS id, COUNT { MATCH (:Task)-[:PART_OF]->(s) } AS n ORDER BY id`);
      const per = sections.map((x) => num(x.n));
      return [num(r!.objectives), num(r!.groups), num(r!.lettered), targets.length, targets.filter((x) => num(x.year) === 2030).length,
        targets.filter((x) => num(x.year) === 2045).length, per.reduce((a, b) => a + b, 0), per.length, ...per];
    },
  },
  {
    what: "71/NQ-CP: its tasks, their months due, the draft report's statuses, the 03/NQ-CP tasks they update or restate",
    pattern: wrapped("its (\\d+) tasks due (\\w+)–(\\w+) (\\d{4}) with their status of 24/05/2025 \\((\\d+) done, (\\d+) in progress, (\\d+) overdue, as the draft report gives them\\), the (\\d+) that update a 03/NQ-CP task \\(and (\\d+) that restates one unchanged\\)"),
    answer: async () => {
      const tasks = (await operation("ProgressReport71")).tasks as Data[];
      const ds = (await cypher("MATCH (t:Task) WHERE t.id STARTS WITH '71/NQ-CP#' RETURN toString(t.deadline) AS d ORDER BY d")).map((x) => x.d as string);
      const month = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
      const said = (st: string) => tasks.filter((x) => x.latestReport?.status === st).length;
      const links = async (type: string) => num((await cypher(`MATCH (a:Task)-[:${type}]->(b:Task) WHERE a.id STARTS WITH '71/NQ-CP#' AND b.id STARTS WITH '03/NQ-CP#' RETURN count(DISTINCT a) AS n`))[0]!.n);
      const years = [...new Set(ds.map((d) => d.slice(0, 4)))];
      return [tasks.length, month(ds[0]!), month(ds.at(-1)!), years.join("/"), said("DONE"), said("IN_PROGRESS"), said("OVERDUE"), await links("UPDATES"), await links("RESTATES")];
    },
  },
  {
    what: "agencies: the ministries and ministerial-level agencies of March 2025, the merged ones, Bình Dương",
    pattern: wrapped("the (\\d+) ministries and (\\d+) ministerial-level agencies of March 2025, the (\\w+) merged ones with their successors, Party bodies, provinces the sources name \\(Bình Dương dissolved on (\\S+) with (no) stated successor\\)"),
    answer: async () => {
      const [r] = await cypher(`
        RETURN COUNT { MATCH (a:Agency {kind: 'MINISTRY'}) WHERE a.dissolvedOn IS NULL OR a.dissolvedOn > date('2025-03-31') } AS ministries,
          COUNT { MATCH (a:Agency {kind: 'MINISTERIAL_AGENCY'}) WHERE a.dissolvedOn IS NULL OR a.dissolvedOn > date('2025-03-31') } AS agencies,
          COUNT { MATCH (a:Agency) WHERE a.kind IN ['MINISTRY', 'MINISTERIAL_AGENCY'] AND a.dissolvedOn >= date('2025-03-01') AND a.dissolvedOn <= date('2025-03-31') AND EXISTS { (a)-[:SUCCEEDED_BY]->() } } AS merged`);
      const [bd] = await cypher("MATCH (a:Agency {id: 'binh-duong'}) RETURN toString(a.dissolvedOn) AS d, COUNT { (a)-[:SUCCEEDED_BY]->() } AS next");
      const [y, m, d] = String(bd!.d).split("-");
      return [num(r!.ministries), num(r!.agencies), WORDS[num(r!.merged)] ?? num(r!.merged), `${d}/${m}/${y}`, num(bd!.next) === 0 ? "no" : String(bd!.next)];
    },
  },
  {
    what: "the trace of 57-NQ/TW: its tasks and the meetings whose directions are among them",
    pattern: wrapped("\\((\\d+) tasks: the directions of the (\\w+) meetings,"),
    answer: async () => {
      const d = (await run(`{ trace(id: "57-NQ/TW", limit: 2000) { totalTasks tasks { id } } }`)).trace;
      const meetings = new Set((d.tasks as Data[]).map((x) => x.id as string).filter((id) => id.startsWith("EV-")).map((id) => id.split("#")[0]));
      return [d.totalTasks, WORDS[meetings.size] ?? meetings.size];
    },
  },
];

describe("every figure the README states is the seeded graph's answer", () => {
  test.each(claims.map((c) => [c.what, c] as const))("%s", async (_what, c) => {
    const said = stated(c.pattern);
    expect(said).toEqual((await c.answer()).map(String));
  });
});
