// Early warnings on the seeded graph, as of dates before, on and after deadlines and
// dissolutions: every kind names exactly the tasks (and targets) that Cypher written here by
// hand names, with the same totals and counts, in the order promised; the agency and document
// filters; the bounds and unknown ids; Target.progress over GraphQL. Figures are the test's
// own (Indicator nodes tagged as reports, MEASURES to real targets), removed afterwards.
import type { Driver } from "neo4j-driver";

import { onStatement, type Statement } from "../../src/db/gateway.js";
import { WARNING_KINDS, warnings, type WarningKind, type WarningPage, type WarningsArgs } from "../../src/warnings/index.js";
import { targetProgress, type Figure } from "../../src/warnings/progress.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { database } from "../support/db.js";

type Data = Record<string, any>;

let t: TestApp;
let driver: Driver;
const db = () => ({ driver, database });
const rows = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(cypher, params, { database })).records.map((r) => r.toObject() as Data);

// ---------------------------------------------------------------- the test's figures

const A = "03/NQ-CP#PL1.10"; // ≥ 30% of GDP by 2030, monitored by Bộ Thông tin và Truyền thông: behind
const B = "03/NQ-CP#PL1.35"; // 50% by 2030: ahead
const C = "03/NQ-CP#PL1.6"; // rank 3 by 2030 (falls): behind, once the later write of 2025-07-01 counts
const D = "57-NQ/TW#T26"; // no year: cannot be told
const FIGURES = [
  { id: "a1", target: A, value: 10, asOf: "2025-01-01", sequence: 0 },
  { id: "a2", target: A, value: 11, asOf: "2025-07-01", sequence: 0 },
  { id: "a3", target: A, value: 50, asOf: null, sequence: 0 },
  { id: "b1", target: B, value: 20, asOf: "2025-01-01", sequence: 0 },
  { id: "b2", target: B, value: 30, asOf: "2025-07-01", sequence: 0 },
  { id: "c1", target: C, value: 10, asOf: "2025-01-01", sequence: 0 },
  { id: "c2", target: C, value: 9, asOf: "2025-07-01", sequence: 0 },
  { id: "c3", target: C, value: 10, asOf: "2025-07-01", sequence: 1 },
  { id: "d1", target: D, value: 5, asOf: "2025-01-01", sequence: 0 },
  { id: "d2", target: D, value: 6, asOf: "2025-07-01", sequence: 0 },
].map((f) => ({ ...f, id: `test-warnings:${f.id}` }));

const REMOVE_FIGURES = `MATCH (i:Indicator) WHERE i.id STARTS WITH 'test-warnings:' DETACH DELETE i`;

beforeAll(async () => {
  t = await startTestApp();
  driver = t.driver;
  await rows(REMOVE_FIGURES);
  await rows(`
    UNWIND $figures AS f
    MATCH (g:Target {id: f.target})
    CREATE (i:Indicator {id: f.id, nameVi: 'số liệu thử', nameEn: 'test figure', value: toFloat(f.value), valueText: toString(f.value),
      sequence: toInteger(f.sequence), trust: 'REPORTED', submittedBy: 'test', load: 'reports'})
    SET i.asOf = CASE WHEN f.asOf IS NOT NULL THEN date(f.asOf) END
    CREATE (i)-[:MEASURES {trust: 'REPORTED', kind: 'STATED', load: 'reports'}]->(g)`, { figures: FIGURES });
}, 120_000);

afterAll(async () => {
  await rows(REMOVE_FIGURES);
  await t.close();
});

// ---------------------------------------------------------------- the rules, by hand

/** A task's status as of $asOf: its latest report that nothing supersedes, a delivering document, its deadline. */
const status = (v: string) => `head([rep IN [COLLECT {
    MATCH (${v})<-[:REPORTS_ON]-(r:ProgressReport) WHERE r.reportedOn <= date($asOf) AND NOT EXISTS { (:ProgressReport)-[:SUPERSEDES]->(r) }
    RETURN r ORDER BY r.reportedOn DESC, r.sequence DESC LIMIT 1 }[0]] | CASE
  WHEN rep.status = 'DONE' THEN 'DONE'
  WHEN EXISTS { (${v})-[:FULFILLED_BY]->(d:Document) WHERE d.issuedOn <= date($asOf) } THEN 'DONE'
  WHEN ${v}.deadline < date($asOf) THEN 'OVERDUE'
  WHEN rep.status IN ['NOT_STARTED', 'IN_PROGRESS', 'OVERDUE'] THEN rep.status
  ELSE 'UNKNOWN' END])`;
const inEffect = (s: string) => `(${s}.main AND (${s}.date IS NULL OR ${s}.date <= date($asOf)))`;
/** The agencies holding agency `a`'s role on $asOf: along main successions in effect, to one not succeeded. */
const holders = (a: string) => `COLLECT {
    MATCH (${a})-[ch:SUCCEEDED_BY*0..5]->(h:Agency)
    WHERE all(s IN ch WHERE ${inEffect("s")}) AND NOT EXISTS { (h)-[s2:SUCCEEDED_BY]->(:Agency) WHERE ${inEffect("s2")} }
    RETURN DISTINCT h }`;

const TRUTH: Record<Exclude<WarningKind, "TARGET_OFF_TRACK">, string> = {
  DUE_SOON_UNREPORTED: `
    MATCH (t:Task) WHERE date($asOf) <= t.deadline <= date($asOf) + duration({days: $due}) AND ${status("t")} <> 'DONE'
      AND NOT EXISTS { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport)
        WHERE date($asOf) - duration({days: $silent}) <= r.reportedOn <= date($asOf) AND NOT EXISTS { (:ProgressReport)-[:SUPERSEDES]->(r) } }
    RETURN t.id AS id, toString(t.deadline) AS on`,
  OVERDUE: `MATCH (t:Task) WHERE ${status("t")} = 'OVERDUE' RETURN t.id AS id, toString(t.deadline) AS on`,
  ORPHANED_OWNER: `
    MATCH (t:Task) WHERE ${status("t")} <> 'DONE' AND EXISTS {
      MATCH (t)-[:LED_BY|COORDINATED_WITH]->(o:Agency) WHERE none(h IN ${holders("o")} WHERE h.dissolvedOn IS NULL OR h.dissolvedOn > date($asOf)) }
    RETURN t.id AS id, toString(t.deadline) AS on`,
  BLOCKED_BY_OVERDUE: `
    MATCH (t:Task) WHERE ${status("t")} <> 'DONE' AND EXISTS { MATCH (t)-[:DEPENDS_ON*]->(u:Task) WHERE ${status("u")} = 'OVERDUE' }
    RETURN t.id AS id, toString(t.deadline) AS on`,
};

/** Targets behind their line as of asOf by the rule of progress.ts, from every figure read here. */
async function offTrackTargets(asOf: string): Promise<{ id: string; on: string }[]> {
  const targets = await rows(`
    MATCH (g:Target) WHERE EXISTS { (:Indicator)-[:MEASURES]->(g) }
    RETURN g.id AS id, g.value AS value, g.year AS year,
      COLLECT { MATCH (i:Indicator)-[:MEASURES]->(g) WHERE i.asOf IS NOT NULL RETURN {id: i.id, value: i.value, on: toString(i.asOf), sequence: coalesce(i.sequence, 0)} } AS figures`);
  return targets
    .filter((g) => targetProgress(asOf, { targetValue: g.value, year: g.year, figures: g.figures as Figure[], undated: 0 }).onTrack === false)
    .map((g) => ({ id: g.id, on: `${g.year}-12-31` }));
}

interface Expected { kind: WarningKind; id: string; on: string | null }
const natural = (a: Expected, b: Expected) =>
  WARNING_KINDS.indexOf(a.kind) - WARNING_KINDS.indexOf(b.kind)
  || (a.on === null ? 1 : 0) - (b.on === null ? 1 : 0) || (a.on ?? "").localeCompare(b.on ?? "")
  || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every warning, by hand, in the order of a page; restricted to a scope's tasks and targets when given. */
async function expected(asOf: string, o: { due?: number; silent?: number; scope?: { tasks: string[]; targets: string[] } } = {}): Promise<Expected[]> {
  const out: Expected[] = [];
  for (const kind of WARNING_KINDS) {
    const found = kind === "TARGET_OFF_TRACK" ? await offTrackTargets(asOf) : await rows(TRUTH[kind], { asOf, due: o.due ?? 30, silent: o.silent ?? 90 });
    const inScope = (id: string) => !o.scope || (kind === "TARGET_OFF_TRACK" ? o.scope.targets : o.scope.tasks).includes(id);
    for (const f of found) if (inScope(f.id)) out.push({ kind, id: f.id, on: f.on ?? null });
  }
  return out.sort(natural);
}

const all = (a: WarningsArgs) => warnings(db(), { limit: 2000, ...a });
const named = (p: WarningPage) => p.items.map((i) => `${i.kind} ${i.task?.id ?? i.target?.id}`);
const countsOf = (xs: Expected[], kinds: readonly WarningKind[] = WARNING_KINDS) => kinds.map((kind) => ({ kind, count: xs.filter((x) => x.kind === kind).length }));

async function agree(args: WarningsArgs, truth: Expected[]) {
  const page = await all(args);
  expect(named(page)).toEqual(truth.map((x) => `${x.kind} ${x.id}`));
  expect(page.total).toBe(truth.length);
  expect(page.countsByKind).toEqual(countsOf(truth, args.kinds ?? WARNING_KINDS));
  expect(page.hasNextPage).toBe(false);
  return page;
}

// ---------------------------------------------------------------- the whole graph

describe.each(["2025-05-24", "2025-07-02", "2026-04-01"])("as of %s", (asOf) => {
  test("every kind names exactly what the rules by hand name, in order, with the same total and counts", async () => {
    const truth = await expected(asOf);
    const page = await agree({ asOf }, truth);
    expect(page.asOf).toBe(asOf);
    for (const kind of ["OVERDUE", "BLOCKED_BY_OVERDUE"] as const) expect(truth.filter((x) => x.kind === kind).length).toBeGreaterThan(0);
  });

  test("each entry's task is as of that date and its owners are its lead agencies then", async () => {
    const page = await all({ asOf });
    const leads = new Map((await rows(`
      MATCH (t:Task) WHERE t.id IN $ids
      RETURN t.id AS id, COLLECT { MATCH (t)-[:LED_BY]->(a:Agency) UNWIND ${holders("a")} AS h WITH DISTINCT h RETURN h.id ORDER BY h.id } AS leads`,
    { asOf, ids: page.items.flatMap((i) => (i.task ? [i.task.id] : [])) })).map((r) => [r.id as string, r.leads as string[]]));
    for (const i of page.items.filter((x) => x.task)) {
      expect({ id: i.task!.id, owners: i.owners.map((o) => o.id) }).toEqual({ id: i.task!.id, owners: leads.get(i.task!.id) });
      if (i.kind === "OVERDUE") expect(i.task!.status).toBe("OVERDUE");
      else if (i.kind !== "BLOCKED_BY_OVERDUE") expect(i.task!.status).not.toBe("DONE");
    }
  });

  test("a page is a slice of the whole, with the same total", async () => {
    const whole = await all({ asOf });
    const page = await warnings(db(), { asOf, offset: 10, limit: 7 });
    expect(page).toMatchObject({ total: whole.total, offset: 10, limit: 7, hasNextPage: whole.total > 17, countsByKind: whole.countsByKind });
    expect(named(page)).toEqual(named(whole).slice(10, 17));
  });
});

describe("the kinds", () => {
  test("due soon, unreported: a report in the last silentDays keeps a task off the list", async () => {
    const quiet = await agree({ asOf: "2025-05-30", dueWithinDays: 31, silentDays: 1 }, await expected("2025-05-30", { due: 31, silent: 1 }));
    const due = quiet.items.filter((i) => i.kind === "DUE_SOON_UNREPORTED");
    // 71/NQ-CP#3, due 31/05/2025, was reported in progress on 24/05/2025
    expect(due.find((i) => i.task!.id === "71/NQ-CP#3")!.reason).toBe("due 2025-05-31, in 1 day; no report since 2025-05-29 (last report 2025-05-24: in progress)");
    const reported = await agree({ asOf: "2025-05-30", dueWithinDays: 31, silentDays: 90 }, await expected("2025-05-30", { due: 31, silent: 90 }));
    expect(named(reported)).not.toContain("DUE_SOON_UNREPORTED 71/NQ-CP#3");
    const never = quiet.items.find((i) => i.kind === "DUE_SOON_UNREPORTED" && i.reason.endsWith("no report at all"));
    expect(never).toBeDefined();
  });

  test("due soon takes dueWithinDays: 0 is the deadline day alone", async () => {
    await agree({ asOf: "2025-06-30", dueWithinDays: 0, kinds: ["DUE_SOON_UNREPORTED"] }, (await expected("2025-06-30", { due: 0 })).filter((x) => x.kind === "DUE_SOON_UNREPORTED"));
    await agree({ asOf: "2025-06-01", dueWithinDays: 366, silentDays: 3660 }, await expected("2025-06-01", { due: 366, silent: 3660 }));
  });

  test("overdue: the reason gives the deadline, the days since and the report that counts", async () => {
    const page = await all({ asOf: "2025-07-02", kinds: ["OVERDUE"] });
    expect(page.countsByKind.map((c) => c.kind)).toEqual(["OVERDUE"]);
    expect(page.items.find((i) => i.task!.id === "71/NQ-CP#34")!.reason).toBe("due 2025-04-30, 63 days ago, not done; last report 2025-05-24: overdue");
    expect(page.items.find((i) => i.task!.id === "03/NQ-CP#5")!.reason).toBe("due 2025-06-30, 2 days ago, not done; no report at all");
    expect(named(await all({ asOf: "2025-06-30", kinds: ["OVERDUE"] }))).not.toContain("OVERDUE 03/NQ-CP#5");
  });

  test("orphaned owner: Bình Dương, dissolved 01/07/2025 with no successor; a succeeded ministry's role passes on", async () => {
    const before = await all({ asOf: "2025-06-30", kinds: ["ORPHANED_OWNER"] });
    expect(named(before)).not.toContain("ORPHANED_OWNER 03/NQ-CP#111");
    const after = await all({ asOf: "2025-07-01", kinds: ["ORPHANED_OWNER"] });
    expect(after.items.find((i) => i.task!.id === "03/NQ-CP#111")!.reason).toBe("coordinating agency Bình Dương, dissolved 2025-07-01, has no successor");
    // seven ministries were dissolved on 01/03/2025, each with a main successor that day
    const mergers = await agree({ asOf: "2025-03-01", kinds: ["ORPHANED_OWNER"] }, (await expected("2025-03-01")).filter((x) => x.kind === "ORPHANED_OWNER"));
    const [led] = await rows(`MATCH (t:Task {id: '03/NQ-CP#1'})-[:LED_BY]->(:Agency {id: 'bo-thong-tin-va-truyen-thong'}) RETURN count(*) AS n`);
    expect(led!.n).toBe(1);
    expect(named(mergers).filter((x) => x === "ORPHANED_OWNER 03/NQ-CP#1")).toEqual([]);
  });

  test("blocked by overdue: the reason names the overdue tasks waited on", async () => {
    const page = await all({ asOf: "2026-04-01", kinds: ["BLOCKED_BY_OVERDUE"] });
    const ev = page.items.find((i) => i.task!.id === "EV-2025-10-15#9")!;
    expect(ev.reason).toMatch(/^waits on 3 overdue tasks: 03\/NQ-CP#15 \(due [-\d]+\), 03\/NQ-CP#16 \(due [-\d]+\), 03\/NQ-CP#17 \(due [-\d]+\)$/);
  });

  test("target off track: the test's figures, by the straight line", async () => {
    expect(named(await all({ asOf: "2025-05-24", kinds: ["TARGET_OFF_TRACK"] }))).not.toEqual(expect.arrayContaining([`TARGET_OFF_TRACK ${A}`]));
    const page = await all({ asOf: "2025-07-02", kinds: ["TARGET_OFF_TRACK"] });
    expect(named(page)).toEqual(expect.arrayContaining([`TARGET_OFF_TRACK ${A}`, `TARGET_OFF_TRACK ${C}`]));
    expect(named(page)).not.toContain(`TARGET_OFF_TRACK ${B}`);
    expect(named(page)).not.toContain(`TARGET_OFF_TRACK ${D}`);
    const a = page.items.find((i) => i.target?.id === A)!;
    expect(a).toMatchObject({ task: null, target: { id: A, titleEn: expect.stringMatching(/digital economy/) }, owners: [{ id: "bo-khoa-hoc-va-cong-nghe" }] });
    expect(a.reason).toBe("11 on 2025-07-01 is below the 11.653 expected then on the straight line from 10 on 2025-01-01 to 30 by 2030-12-31");
    expect(page.items.find((i) => i.target?.id === C)!.reason).toBe("10 on 2025-07-01 is above the 9.421 expected then on the straight line from 10 on 2025-01-01 to 3 by 2030-12-31");
  });
});

// ---------------------------------------------------------------- filters

const AGENCY_SCOPE = `
  MATCH (a:Agency {id: $agencyId})
  OPTIONAL MATCH (p:Agency)-[ch:SUCCEEDED_BY*1..5]->(a)
  WHERE all(s IN ch WHERE ${inEffect("s")}) AND NOT EXISTS { (a)-[s2:SUCCEEDED_BY]->(:Agency) WHERE ${inEffect("s2")} }
  WITH a, collect(p) AS preds
  WITH [a] + preds AS owners
  RETURN COLLECT { MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o:Agency) WHERE o IN owners RETURN DISTINCT t.id } AS tasks,
    COLLECT { MATCH (g:Target)-[:MONITORED_BY]->(o:Agency) WHERE o IN owners RETURN DISTINCT g.id } AS targets`;
const DOCUMENT_SCOPE = `
  MATCH (root:Document {id: $documentId})
  RETURN COLLECT { MATCH (t:Task)-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED*1..8]->(root) RETURN DISTINCT t.id } AS tasks,
    COLLECT { MATCH (g:Target)-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED*1..8]->(root) RETURN DISTINCT g.id } AS targets`;
const scopeOf = async (cypher: string, params: Record<string, unknown>) => {
  const [r] = await rows(cypher, params);
  return { tasks: r!.tasks as string[], targets: r!.targets as string[] };
};
const both = (a: { tasks: string[]; targets: string[] }, b: { tasks: string[]; targets: string[] }) =>
  ({ tasks: a.tasks.filter((x) => b.tasks.includes(x)), targets: a.targets.filter((x) => b.targets.includes(x)) });

describe("filters", () => {
  test.each([
    ["bo-khoa-hoc-va-cong-nghe", "2025-07-02"], ["bo-khoa-hoc-va-cong-nghe", "2025-02-28"], ["bo-thong-tin-va-truyen-thong", "2025-07-02"], ["bo-y-te", "2026-04-01"],
  ])("agencyId %s as of %s: what it leads, coordinates or monitors, inherited included", async (agencyId, asOf) => {
    const scope = await scopeOf(AGENCY_SCOPE, { agencyId, asOf });
    await agree({ asOf, agencyId }, await expected(asOf, { scope }));
  });

  test("a ministry inherits its predecessor's targets: the test's figures warn Bộ Khoa học và Công nghệ after 01/03/2025", async () => {
    const page = await all({ asOf: "2025-07-02", agencyId: "bo-khoa-hoc-va-cong-nghe", kinds: ["TARGET_OFF_TRACK"] });
    expect(named(page)).toEqual(expect.arrayContaining([`TARGET_OFF_TRACK ${A}`, `TARGET_OFF_TRACK ${C}`]));
    expect((await all({ asOf: "2025-07-02", agencyId: "bo-y-te", kinds: ["TARGET_OFF_TRACK"] })).total).toBe(0);
  });

  test.each([["03/NQ-CP", "2026-04-01"], ["71/NQ-CP", "2025-07-02"], ["57-NQ/TW", "2025-07-02"]])("documentId %s as of %s: the tasks and targets under it", async (documentId, asOf) => {
    const scope = await scopeOf(DOCUMENT_SCOPE, { documentId });
    const page = await agree({ asOf, documentId }, await expected(asOf, { scope }));
    expect(page.total).toBeGreaterThan(0);
  });

  test("agencyId and documentId together: what both name", async () => {
    const asOf = "2025-07-02";
    const scope = both(await scopeOf(AGENCY_SCOPE, { agencyId: "bo-khoa-hoc-va-cong-nghe", asOf }), await scopeOf(DOCUMENT_SCOPE, { documentId: "03/NQ-CP" }));
    const page = await agree({ asOf, agencyId: "bo-khoa-hoc-va-cong-nghe", documentId: "03/NQ-CP" }, await expected(asOf, { scope }));
    expect(named(page)).toEqual(expect.arrayContaining([`TARGET_OFF_TRACK ${A}`]));
  });

  test("unknown ids are NOT_FOUND; bounds are BAD_USER_INPUT", async () => {
    await expect(warnings(db(), { agencyId: "bo-khong-co" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(warnings(db(), { documentId: "99/NQ-CP" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(warnings(db(), { agencyId: "03/NQ-CP" })).rejects.toMatchObject({ code: "NOT_FOUND" }); // a document is not an agency
    await expect(warnings(db(), { dueWithinDays: 367 })).rejects.toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/366/) });
    await expect(warnings(db(), { limit: 2001 })).rejects.toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/2000/) });
  });
});

// ---------------------------------------------------------------- over GraphQL

async function ask(query: string, variables: Record<string, unknown> = {}) {
  const context = t.context();
  const res = await t.app.apollo.executeOperation({ query, variables }, { contextValue: context });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  return { ...res.body.singleResult, roundTrips: context.loaders.roundTrips };
}

describe("over GraphQL", () => {
  test("Query.warnings answers as the capability does", async () => {
    const res = await ask(`query($asOf: Date, $kinds: [WarningKind!]) { warnings(asOf: $asOf, kinds: $kinds, limit: 2000) {
      asOf total hasNextPage countsByKind { kind count } items { kind reason task { id status } target { id } owners { id } } } }`, { asOf: "2025-07-02" });
    expect(res.errors).toBeUndefined();
    const w = (res.data as Data).warnings;
    const direct = await all({ asOf: "2025-07-02" });
    expect(w).toMatchObject({ asOf: "2025-07-02", total: direct.total, hasNextPage: false, countsByKind: direct.countsByKind });
    expect(w.items.map((i: Data) => `${i.kind} ${i.task?.id ?? i.target?.id} ${i.reason}`)).toEqual(direct.items.map((i) => `${i.kind} ${i.task?.id ?? i.target?.id} ${i.reason}`));
  });

  test("refusals carry their codes", async () => {
    const bad = await ask(`{ warnings(silentDays: 0) { total } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const missing = await ask(`{ warnings(agencyId: "bo-khong-co") { total } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  test("Target.progress: the straight line for each target, one round trip for the page", async () => {
    const res = await ask(`query($ids: [ID!]!) { targets(where: { id: { in: $ids } }, sort: [{ id: ASC }], limit: 10) {
      id progress(asOf: "2025-07-02") { asOf baseline baselineOn latest latestOn targetValue targetOn expected onTrack rule }
      early: progress(asOf: "2025-05-24") { baselineOn latestOn onTrack rule } } }`, { ids: [A, B, C, D] });
    expect(res.errors).toBeUndefined();
    const byId = Object.fromEntries((res.data as Data).targets.map((g: Data) => [g.id, g]));
    expect(byId[A].progress).toMatchObject({ asOf: "2025-07-02", baseline: 10, baselineOn: "2025-01-01", latest: 11, latestOn: "2025-07-01", targetValue: 30, targetOn: "2030-12-31", onTrack: false });
    expect(byId[A].progress.expected).toBeCloseTo(10 + 20 * 181 / 2190, 9);
    expect(byId[A].progress.rule).toMatch(/^behind: .*\(1 figure without a date is not used\)$/);
    expect(byId[B].progress).toMatchObject({ baseline: 20, latest: 30, onTrack: true });
    expect(byId[C].progress).toMatchObject({ baseline: 10, latest: 10, targetValue: 3, onTrack: false });
    expect(byId[D].progress).toMatchObject({ targetOn: null, onTrack: null, rule: "cannot be told: the target has no year" });
    expect(byId[A].early).toMatchObject({ baselineOn: "2025-01-01", latestOn: "2025-01-01", onTrack: null });
    expect(byId[A].early.rule).toMatch(/^cannot be told: one figure dated on or before 2025-05-24/);
    // two dates asked: one round trip each, whatever the number of targets
    expect(res.roundTrips).toBe(2);
  });

  test("Target.progress agrees with the warnings' Cypher on every target with figures", async () => {
    const res = await ask(`{ targets(where: { measuredByConnection: { some: { node: { id: { startsWith: "" } } } } }, limit: 500) { id progress(asOf: "2026-04-01") { onTrack } } }`);
    expect(res.errors).toBeUndefined();
    const behind = (res.data as Data).targets.filter((g: Data) => g.progress.onTrack === false).map((g: Data) => g.id).sort();
    const page = await all({ asOf: "2026-04-01", kinds: ["TARGET_OFF_TRACK"] });
    expect(page.items.map((i) => i.target!.id).sort()).toEqual(behind);
    expect(behind).toEqual(expect.arrayContaining([A, C]));
  });
});

// ---------------------------------------------------------------- cost

interface PlanNode { operatorType: string; arguments: Record<string, unknown>; children: PlanNode[] }
const operators = (p: PlanNode): string[] => [`${p.operatorType.replace(/@.*/, "")} ${String(p.arguments.Details ?? "")}`, ...p.children.flatMap(operators)];

test("every statement of the warnings is anchored: no scan of all nodes or of every Task, whatever the scope", async () => {
  const seen = new Map<string, Statement>();
  const stop = onStatement((st) => { if (st.operation.startsWith("warnings") || st.operation.startsWith("targetProgress")) seen.set(st.cypher, st); });
  try {
    for (const [agencyId, documentId] of [[null, null], ["bo-y-te", null], [null, "03/NQ-CP"], ["bo-y-te", "03/NQ-CP"]]) {
      await warnings(db(), { asOf: "2025-07-02", agencyId, documentId, offset: 1 });
    }
    await ask(`{ targets(where: { id: { eq: "${A}" } }, limit: 1) { progress(asOf: "2025-07-02") { onTrack } } }`);
  } finally { stop(); }
  expect([...new Set([...seen.values()].map((st) => st.operation))].sort()).toEqual([
    "targetProgress.figures", "warnings.agency", "warnings.agency_and_document", "warnings.all", "warnings.document", "warnings.page",
  ]);
  const problems: string[] = [];
  for (const st of seen.values()) {
    const { summary } = await driver.executeQuery(`EXPLAIN ${st.cypher}`, st.params, { database });
    for (const op of operators(summary.plan as unknown as PlanNode)) if (/^AllNodesScan|^NodeByLabelScan.*:Task\b/.test(op)) problems.push(`${st.operation}: ${op}`);
  }
  expect(problems).toEqual([]);
});
