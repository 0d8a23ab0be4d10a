// Reporting progress, as an agency and a curator do it over HTTP with real signed tokens: a
// report changes every as-of answer from its date on and not before; the history is listed; a
// correction supersedes; each refusal has its code and writes nothing; concurrent reports all
// land, in order; a seed reload keeps the reports and refuses to orphan them; the audit log
// lists every write.
import { startTestApp, type TestApp } from "../support/app.js";
import { database } from "../support/db.js";
import { SignJWT } from "jose";

import { clearWrites, client, TEST_AUTH, testAuthenticator, token, writtenCount } from "../support/writes.js";
import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { loadSeed } from "../../src/seed/load.js";
import { loadConfig } from "../../src/config/index.js";
import { taskStart } from "../../src/cypher/fragments.js";
import { namedOperations } from "../../src/graphql/operations.js";

let t: TestApp;
let gql: ReturnType<typeof client>;
let base: string;
/** a task with one current lead, no report, a deadline after the report date, and a document above it */
let task: { id: string; lead: string; leadName: string; doc: string; start: string };
let reporter: string;
let curator: string;

const REPORTED_ON = "2025-09-01";
const BEFORE = "2025-08-31";

const cypher = async (q: string, params: Record<string, unknown> = {}) => (await t.driver.executeQuery(q, params, { database })).records;

beforeAll(async () => {
  t = await startTestApp(12, { authenticator: testAuthenticator() });
  base = `http://127.0.0.1:${await t.app.listen(0, "127.0.0.1")}`;
  gql = client(base);
  const [r] = await cypher(`
    MATCH (t:Task)-[:LED_BY]->(a:Agency)
    WHERE t.deadline >= date('2025-12-31') AND COUNT { (t)-[:LED_BY]->() } = 1
      AND NOT EXISTS { (t)<-[:REPORTS_ON]-() } AND NOT EXISTS { (t)-[:FULFILLED_BY]->() }
      AND a.dissolvedOn IS NULL AND NOT EXISTS { (a)-[:SUCCEEDED_BY]->() }
    WITH t, a, ${taskStart("t")} AS start,
      COLLECT { MATCH p = SHORTEST 1 (t)-[:PART_OF]->+(d:Document) RETURN d.id }[0] AS doc
    WHERE start IS NOT NULL AND start <= date('2025-06-01') AND doc IS NOT NULL
    RETURN t.id AS id, a.id AS lead, a.nameVi AS leadName, doc, toString(start) AS start ORDER BY size(t.id), t.id LIMIT 1`);
  task = r!.toObject() as typeof task;
  reporter = await token("REPORTER", task.lead);
  curator = await token("CURATOR");
});
afterAll(async () => {
  await clearWrites(t.driver, database);
  await t.close();
});

const REPORT = `mutation($input: ReportProgressInput!) {
  reportProgress(input: $input) { id reportedOn status percent note evidenceUrl submittedBy sequence trust requestId
    task(limit: 1) { id status(asOf: "${REPORTED_ON}") } agency(limit: 1) { id } supersedes(limit: 1) { id } } }`;

const statusIn = async (asOf: string) => {
  const { body } = await gql(`query($id: ID!, $asOf: Date) { trace(id: $id, asOf: $asOf, limit: 2000) { tasks { id status reportedStatus statusAsOf } } }`, { id: task.doc, asOf });
  return body.data!.trace.tasks.find((x: { id: string }) => x.id === task.id);
};
const workloadInProgress = async (asOf: string) => {
  const { body } = await gql(`query($id: ID!, $asOf: Date) { agencyWorkload(id: $id, asOf: $asOf) { lead { byStatus { status count } } } }`, { id: task.lead, asOf });
  return body.data!.agencyWorkload.lead.byStatus.find((s: { status: string }) => s.status === "IN_PROGRESS")?.count ?? 0;
};
const dashboardInProgress = async (asOf: string) => {
  const { body } = await gql(`query($doc: ID, $asOf: Date) { dashboard(asOf: $asOf, documentId: $doc) { byStatus { status count } } }`, { doc: task.doc, asOf });
  return body.data!.dashboard.byStatus.find((s: { status: string }) => s.status === "IN_PROGRESS")?.count ?? 0;
};

describe("a report", () => {
  let first: Record<string, any>;
  const before: Record<string, unknown> = {};

  test("by the lead agency is written, with who, when and from which request", async () => {
    before.trace = await statusIn(REPORTED_ON);
    before.workload = await workloadInProgress(REPORTED_ON);
    before.dashboard = await dashboardInProgress(REPORTED_ON);
    before.workloadBefore = await workloadInProgress(BEFORE);
    const { status, body } = await gql(REPORT, { input: { taskId: task.id, status: "IN_PROGRESS", reportedOn: REPORTED_ON, percent: 40, note: "Dự thảo đang lấy ý kiến", evidence: { url: "https://example.gov.vn/bao-cao" }, idempotencyKey: "first" } }, reporter);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    first = body.data!.reportProgress;
    expect(first).toMatchObject({
      reportedOn: REPORTED_ON, status: "IN_PROGRESS", percent: 40, note: "Dự thảo đang lấy ý kiến", evidenceUrl: "https://example.gov.vn/bao-cao",
      submittedBy: `local:${task.lead}`, trust: "REPORTED", task: [{ id: task.id, status: "IN_PROGRESS" }], agency: [{ id: task.lead }], supersedes: [],
    });
    expect(first.id).toBe(`report:${first.sequence}`);
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("changes trace, agencyWorkload and dashboard as of its date, and not before it", async () => {
    expect(before.trace).toMatchObject({ status: "UNKNOWN" });
    expect(await statusIn(REPORTED_ON)).toMatchObject({ status: "IN_PROGRESS", reportedStatus: "IN_PROGRESS", statusAsOf: REPORTED_ON });
    expect(await statusIn(BEFORE)).toMatchObject({ status: "UNKNOWN", reportedStatus: "UNKNOWN", statusAsOf: null });
    expect(await workloadInProgress(REPORTED_ON)).toBe((before.workload as number) + 1);
    expect(await workloadInProgress(BEFORE)).toBe(before.workloadBefore);
    expect(await dashboardInProgress(REPORTED_ON)).toBe((before.dashboard as number) + 1);
  });

  test("repeated with the same idempotency key returns the first report, and writes nothing", async () => {
    const n = await writtenCount(t.driver, database);
    const { body } = await gql(REPORT, { input: { taskId: task.id, status: "IN_PROGRESS", reportedOn: REPORTED_ON, percent: 40, idempotencyKey: "first" } }, reporter);
    expect(body.errors).toBeUndefined();
    expect(body.data!.reportProgress.id).toBe(first.id);
    expect(await writtenCount(t.driver, database)).toBe(n);
  });

  test("a correction by a curator supersedes it: the history lists both, newest first, and as-of answers follow the correction", async () => {
    const { body } = await gql(REPORT, { input: { taskId: task.id, status: "NOT_STARTED", reportedOn: REPORTED_ON, supersedes: first.id, note: "Báo cáo trước nhầm" } }, curator);
    expect(body.errors).toBeUndefined();
    const correction = body.data!.reportProgress;
    expect(correction).toMatchObject({ status: "NOT_STARTED", supersedes: [{ id: first.id }], submittedBy: "local:curator", agency: [] });
    expect(correction.sequence).toBeGreaterThan(first.sequence);
    expect(await statusIn(REPORTED_ON)).toMatchObject({ status: "NOT_STARTED" });
    const history = await gql(`query($id: ID!) { tasks(where: {id: {eq: $id}}, limit: 1) { reportCount reports(limit: 10) { id status supersededBy(limit: 1) { id } }
      latestReport(asOf: "${REPORTED_ON}") { id } } }`, { id: task.id });
    expect(history.body.data!.tasks[0]).toEqual({
      reportCount: 2,
      reports: [{ id: correction.id, status: "NOT_STARTED", supersededBy: [] }, { id: first.id, status: "IN_PROGRESS", supersededBy: [{ id: correction.id }] }],
      latestReport: { id: correction.id },
    });
    // a report already superseded cannot be superseded again
    const again = await gql(REPORT, { input: { taskId: task.id, status: "DONE", reportedOn: REPORTED_ON, supersedes: first.id } }, curator);
    expect(again.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining(`already superseded by "${correction.id}"`) });
  });
});

describe("refusals: each with its code, and nothing written", () => {
  const refused = async (input: Record<string, unknown>, bearer: string | undefined, code: string, message?: RegExp) => {
    const n = await writtenCount(t.driver, database);
    const { body } = await gql(REPORT, { input }, bearer);
    expect(body.data?.reportProgress ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions.code).toBe(code);
    if (message) expect(body.errors![0]!.message).toMatch(message);
    expect(await writtenCount(t.driver, database)).toBe(n);
    return body.errors![0]!.message;
  };
  const ok = () => ({ taskId: task.id, status: "IN_PROGRESS", reportedOn: REPORTED_ON });

  test("an unknown task: NOT_FOUND", () => refused({ ...ok(), taskId: "03/NQ-CP#99999" }, curator, "NOT_FOUND", /03\/NQ-CP#99999/));
  test("a date in the future: BAD_USER_INPUT", () => refused({ ...ok(), reportedOn: "2999-01-01" }, curator, "BAD_USER_INPUT", /in the future/));
  test("a date before the task existed: BAD_USER_INPUT", () => refused({ ...ok(), reportedOn: "2020-01-01" }, curator, "BAD_USER_INPUT", new RegExp(`before task .* existed .*${task.start}`)));
  test("a date that does not exist: BAD_USER_INPUT", () => refused({ ...ok(), reportedOn: "2025-02-30" }, curator, "BAD_USER_INPUT"));
  test("a percent out of range: BAD_USER_INPUT", () => refused({ ...ok(), percent: 140 }, curator, "BAD_USER_INPUT", /percent/));
  test("no token: UNAUTHENTICATED, as HTTP 401 with WWW-Authenticate: Bearer", async () => {
    await refused(ok(), undefined, "UNAUTHENTICATED", /bearer token/);
    const res = await gql(REPORT, { input: ok() });
    expect(res.status).toBe(401);
    const raw = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: REPORT, variables: { input: ok() } }) });
    expect(raw.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
  test("an expired token: UNAUTHENTICATED", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: "REPORTER", agency: task.lead }).setProtectedHeader({ alg: "HS256" }).setSubject("local:x")
      .setIssuer(TEST_AUTH.JWT_ISSUER).setAudience(TEST_AUTH.JWT_AUDIENCE).setIssuedAt(now - 7200).setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(TEST_AUTH.JWT_SECRET!));
    await refused(ok(), expired, "UNAUTHENTICATED", /expired/);
  });
  test("a tampered token: UNAUTHENTICATED", async () => {
    const [h, p, s] = reporter.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: "CURATOR" })).toString("base64url")}.${s}`;
    await refused(ok(), forged, "UNAUTHENTICATED");
  });
  test("another agency's task: FORBIDDEN, saying whose task it is", async () => {
    const [other] = await cypher(`MATCH (a:Agency) WHERE a.id <> $lead AND a.dissolvedOn IS NULL AND NOT EXISTS { (:Task {id: $task})-[:LED_BY|COORDINATED_WITH]->(a) } RETURN a.id AS id ORDER BY a.id LIMIT 1`, { lead: task.lead, task: task.id });
    const message = await refused(ok(), await token("REPORTER", other!.get("id") as string), "FORBIDDEN");
    expect(message).toContain(task.lead);
    expect(message).toContain(task.leadName);
  });
  test("a reporter reporting for another agency: FORBIDDEN, as HTTP 403", async () => {
    await refused({ ...ok(), agencyId: "bo-cong-an" }, reporter, "FORBIDDEN");
    expect((await gql(REPORT, { input: { ...ok(), agencyId: "bo-cong-an" } }, reporter)).status).toBe(403);
  });
  test("evidence that is not a document of the graph: NOT_FOUND", () => refused({ ...ok(), evidence: { documentId: "99/NQ-XX" } }, curator, "NOT_FOUND"));
  test("a correction of another task's report: BAD_USER_INPUT", async () => {
    const [seeded] = await cypher(`MATCH (r:ProgressReport {load: 'seed'})-[:REPORTS_ON]->(x:Task) WHERE x.id <> $id RETURN r.id AS id LIMIT 1`, { id: task.id });
    await refused({ ...ok(), supersedes: seeded!.get("id") }, curator, "BAD_USER_INPUT", /same task/);
  });
  test("an unknown field of the input: GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT", async () => {
    const { body } = await gql(REPORT, { input: { ...ok(), owner: "x" } }, curator);
    expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"]).toContain(body.errors?.[0]?.extensions.code);
  });
});

test("a reporter may report on work inherited through SUCCEEDED_BY, on a date after the succession", async () => {
  const [r] = await cypher(`
    MATCH (t:Task)-[:LED_BY]->(old:Agency)-[s:SUCCEEDED_BY {main: true}]->(new:Agency)
    WHERE s.date IS NOT NULL AND NOT EXISTS { (new)-[:SUCCEEDED_BY]->() } AND ${taskStart("t")} <= s.date
    RETURN t.id AS task, old.id AS old, new.id AS new, toString(s.date) AS date ORDER BY t.id LIMIT 1`);
  const { task: id, old, new: successor, date } = r!.toObject() as Record<string, string>;
  const { body } = await gql(REPORT, { input: { taskId: id, status: "IN_PROGRESS", reportedOn: date } }, await token("REPORTER", successor));
  expect(body.errors).toBeUndefined();
  expect(body.data!.reportProgress.agency).toEqual([{ id: successor }]);
  // the predecessor, gone by then, may not
  const gone = await gql(REPORT, { input: { taskId: id, status: "IN_PROGRESS", reportedOn: date } }, await token("REPORTER", old));
  expect(gone.body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
  expect(gone.body.errors![0]!.message).toContain(successor);
});

test("concurrent reports on one task all land, in the order of their sequence", async () => {
  const before = Number((await cypher(`MATCH (:Task {id: $id})<-[:REPORTS_ON]-(r) RETURN count(r) AS n`, { id: task.id }))[0]!.get("n"));
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
    gql(REPORT, { input: { taskId: task.id, status: "IN_PROGRESS", reportedOn: REPORTED_ON, percent: 50 + i } }, reporter)));
  for (const r of results) expect(r.body.errors).toBeUndefined();
  const sequences = results.map((r) => r.body.data!.reportProgress.sequence as number).sort((a, b) => a - b);
  expect(new Set(sequences).size).toBe(12);
  expect(sequences[11]! - sequences[0]!).toBe(11); // consecutive: no write was lost or interleaved
  const rows = await cypher(`MATCH (:Task {id: $id})<-[:REPORTS_ON]-(r) RETURN r.sequence AS s, r.recordedAt AS at ORDER BY s`, { id: task.id });
  expect(rows.length).toBe(before + 12);
  const times = rows.map((x) => String(x.get("at")));
  // recorded in the order of their numbers
  const written = rows.filter((x) => Number(x.get("s")) >= sequences[0]!).map((x) => new Date(String(x.get("at"))).getTime());
  expect([...written].sort((a, b) => a - b)).toEqual(written);
  expect(times.length).toBe(rows.length);
  // the latest on the day is the one written last
  const latest = await gql(`query($id: ID!) { tasks(where: {id: {eq: $id}}, limit: 1) { latestReport(asOf: "${REPORTED_ON}") { sequence percent } } }`, { id: task.id });
  expect(latest.body.data!.tasks[0].latestReport.sequence).toBe(sequences[11]);
});

test("a seed reload keeps the reports, and a seed that would orphan a reported task is refused, naming it", async () => {
  const config = loadConfig();
  const model = buildModel();
  const graph = readConfiguredSeed(config);
  const count = async () => Number((await cypher(`MATCH (r:ProgressReport {load: 'reports'})-[:REPORTS_ON]->(:Task) RETURN count(r) AS n`))[0]!.get("n"));
  const n = await count();
  expect(n).toBeGreaterThan(0);
  await loadSeed(t.driver, database, graph, model, { force: true });
  expect(await count()).toBe(n);
  expect((await statusIn(REPORTED_ON)).reportedStatus).toBe("IN_PROGRESS");

  const without = { ...graph, nodes: new Map([...graph.nodes].filter(([id]) => id !== task.id)), hash: graph.hash + "-without",
    relationships: graph.relationships.filter((r) => r.fromId !== task.id && r.toId !== task.id), citations: graph.citations.filter((c) => c.id !== task.id) };
  await expect(loadSeed(t.driver, database, without, model, { force: true })).rejects.toMatchObject({ code: "SEED_WOULD_ORPHAN", message: expect.stringContaining(`Task "${task.id}"`) });
  expect(await count()).toBe(n);
  expect((await cypher(`MATCH (t:Task {id: $id}) RETURN t.id AS id`, { id: task.id })).length).toBe(1);
});

test("the audit log lists every write, for curators only, and cannot be written through the API", async () => {
  const AUDIT = `query($agency: ID) { auditLog(agencyId: $agency, limit: 1000) { total items { id sequence actor role agencyId action requestId written subjectId input at } } }`;
  const all = await gql(AUDIT, {}, curator);
  expect(all.body.errors).toBeUndefined();
  const written = await cypher(`MATCH (r:ProgressReport {load: 'reports'}) RETURN r.id AS id, r.sequence AS s, r.requestId AS req ORDER BY s DESC`);
  expect(all.body.data!.auditLog.total).toBe(written.length);
  expect(all.body.data!.auditLog.items.map((e: { written: string[] }) => e.written[0])).toEqual(written.map((r) => r.get("id")));
  expect(all.body.data!.auditLog.items.map((e: { requestId: string }) => e.requestId)).toEqual(written.map((r) => r.get("req")));
  for (const e of all.body.data!.auditLog.items) expect(e).toMatchObject({ action: "reportProgress", actor: expect.stringMatching(/^local:/), at: expect.stringMatching(/^\d{4}-/) });
  const mine = await gql(AUDIT, { agency: task.lead }, curator);
  expect(mine.body.data!.auditLog.items.length).toBeGreaterThan(0);
  for (const e of mine.body.data!.auditLog.items) expect(e.agencyId).toBe(task.lead);
  expect((await gql(AUDIT, {}, reporter)).body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
  expect((await gql(AUDIT, {})).body.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
  // no mutation of the API touches it
  const { body } = await gql(`{ __schema { mutationType { fields { name } } } }`);
  expect(body.data!.__schema.mutationType.fields.map((f: { name: string }) => f.name).sort()).toEqual(["reportIndicator", "reportProgress"]);
});

test("changes(since) lists the writes after a time, oldest first, with the last sequence", async () => {
  const { body } = await gql(`{ changes(since: "2000-01-01T00:00:00Z", limit: 1000) { lastSequence lastWriteAt total items { sequence type id subjectId } } }`);
  expect(body.errors).toBeUndefined();
  const c = body.data!.changes;
  const [m] = await cypher(`MATCH (m:SeedMeta {key: 'reports'}) RETURN m.writes AS w`);
  expect(c.lastSequence).toBe(Number(m!.get("w")));
  expect(c.total).toBe(c.items.length);
  expect(c.items.map((i: { sequence: number }) => i.sequence)).toEqual([...c.items.map((i: { sequence: number }) => i.sequence)].sort((a, b) => a - b));
  const later = await gql(`query($s: DateTime!) { changes(since: $s) { total } }`, { s: c.lastWriteAt });
  expect(later.body.data!.changes.total).toBe(0);
});

test("the shipped operations: ReportProgress and ReportIndicator write, TaskHistory lists the history, Changes sees both", async () => {
  const ops = Object.fromEntries(namedOperations({ mutations: true }).map((op) => [op.name, op.text]));
  const progress = await gql(ops.ReportProgress!, { input: { taskId: task.id, status: "DONE", reportedOn: "2025-10-01", percent: 100, idempotencyKey: "shipped" } }, reporter);
  expect(progress.body.errors).toBeUndefined();
  expect(progress.body.data!.reportProgress).toMatchObject({ status: "DONE", agency: [{ id: task.lead }], task: [{ id: task.id }] });
  const [target] = await cypher(`MATCH (t:Target) WHERE t.value IS NOT NULL AND t.year IS NOT NULL RETURN t.id AS id ORDER BY t.id LIMIT 1`);
  const figure = await gql(ops.ReportIndicator!, { input: { targetId: target!.get("id"), value: 1.5, unit: "%", reportedOn: "2025-10-01", period: "Q3/2025", idempotencyKey: "shipped" } }, curator);
  expect(figure.body.errors).toBeUndefined();
  expect(figure.body.data!.reportIndicator).toMatchObject({ value: 1.5, valueText: "1.5 %", asOf: "2025-10-01", period: "Q3/2025", submittedBy: "local:curator", measures: [{ id: target!.get("id") }] });
  const history = await gql(ops.TaskHistory!, { id: task.id, asOf: "2025-10-01" });
  expect(history.body.errors).toBeUndefined();
  const h = history.body.data!.tasks[0];
  expect(h).toMatchObject({ status: "DONE", latestReport: { id: progress.body.data!.reportProgress.id } });
  const listed = await cypher(`MATCH (:Task {id: $id})<-[:REPORTS_ON]-(r) RETURN r.id AS id ORDER BY r.reportedOn DESC, r.sequence DESC LIMIT 50`, { id: task.id });
  expect(h.reports.map((r: { id: string }) => r.id)).toEqual(listed.map((r) => r.get("id")));
  expect(h.reportCount).toBe(Number((await cypher(`RETURN COUNT { (:Task {id: $id})<-[:REPORTS_ON]-() } AS n`, { id: task.id }))[0]!.get("n")));
  const changes = await gql(ops.Changes!, { since: "2025-01-01T00:00:00Z" });
  expect(changes.body.errors).toBeUndefined();
  const ids = changes.body.data!.changes.items.map((c: { id: string }) => c.id);
  expect(changes.body.data!.changes.total).toBeGreaterThan(0);
  if (!changes.body.data!.changes.hasNextPage) expect(ids).toEqual(expect.arrayContaining([progress.body.data!.reportProgress.id, figure.body.data!.reportIndicator.id]));
});
