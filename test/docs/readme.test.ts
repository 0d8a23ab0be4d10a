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
import { startTestApp, type TestApp } from "../support/app.js";

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
];

describe("every figure the README states is the seeded graph's answer", () => {
  test.each(claims.map((c) => [c.what, c] as const))("%s", async (_what, c) => {
    const said = stated(c.pattern);
    expect(said).toEqual((await c.answer()).map(String));
  });
});
