// `npm run seed:report` runs as a user runs it, and its totals match the seed and the graph.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Driver } from "neo4j-driver";

import { PROJECT_ROOT } from "../../src/config/index.js";
import type { SeedReport } from "../../src/seed/report.js";
import { database, testDriver } from "../support/db.js";

let report: SeedReport;
let text: string;
let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  const run = promisify(execFile);
  const opts = { cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: "" } };
  report = JSON.parse((await run("npx", ["tsx", "src/cli/seedReport.ts", "--json"], opts)).stdout) as SeedReport;
  text = (await run("npx", ["tsx", "src/cli/seedReport.ts"], opts)).stdout;
}, 120_000);
afterAll(() => driver.close());

test("its counts per type are the loaded graph's", async () => {
  const { records } = await driver.executeQuery("MATCH (n) WHERE NOT n:SeedMeta RETURN labels(n)[0] AS type, count(*) AS n", {}, { database });
  const inGraph = Object.fromEntries(records.map((r) => [r.get("type"), Number(r.get("n"))]));
  expect(report.nodes).toEqual(inGraph);
  expect(report.nodes).toMatchObject({ Task: 358, Target: 87, Section: 40, Document: 32, Agency: 110 });
});

test("its relationship counts are the loaded graph's", async () => {
  const { records } = await driver.executeQuery("MATCH ()-[r]->() WHERE type(r) <> 'SOURCED_FROM' RETURN type(r) AS type, count(*) AS n", {}, { database });
  expect(report.relationships).toEqual(Object.fromEntries(records.map((r) => [r.get("type"), Number(r.get("n"))])));
});

test("tasks: reported statuses, and what needs a curator", () => {
  expect(report.tasks.total).toBe(358);
  expect(report.tasks.byReportedStatus).toEqual({ DONE: 23, IN_PROGRESS: 14, OVERDUE: 2, UNKNOWN: 319 });
  expect(report.tasks.withoutOwner).toHaveLength(130);
  expect(report.tasks.withoutDeadline).toHaveLength(173);
  expect(report.tasks.ownerGoneWithoutSuccessor).toEqual([{ task: "03/NQ-CP#111", agency: "binh-duong", role: "COORDINATED_WITH" }]);
});

test("facts by trust level, the unverified ones counted", () => {
  expect(Object.keys(report.factsByTrust).sort()).toEqual(["ARTICLE", "DRAFT_REPORT", "NEWS", "SECONDARY", "TRANSCRIPTION", "UNVERIFIED"]);
  expect(report.factsByTrust.UNVERIFIED).toBe(85);
  expect(report.citationsBySource["official-03-NQ-CP-appendix-II"]).toBeGreaterThan(280);
});

test("every likely duplicate it finds is linked or judged related in the seed", () => {
  expect(report.duplicates.length).toBe(30);
  expect(report.duplicates.filter((d) => d.status === "review")).toEqual([]);
  expect(report.duplicates).toContainEqual(expect.objectContaining({ a: "03/NQ-CP#1", b: "71/NQ-CP#1", status: "linked" }));
  expect(report.duplicates).toContainEqual(expect.objectContaining({ a: "EV-2025-07-02#17", b: "03/NQ-CP#81", status: "linked" }));
});

test("appendix rows that may restate a main-text item of their document: linked, or listed for a curator", () => {
  expect(report.restatements.filter((d) => d.status === "linked").length).toBe(37);
  expect(report.restatements).toContainEqual({ a: "03/NQ-CP#7", b: "03/NQ-CP#II.1.g", similarity: 1, status: "linked" });
  // Candidates no one has judged yet: the report's work list, so a new one is a visible change.
  expect(report.restatements.filter((d) => d.status === "review").map((d) => `${d.a} ~ ${d.b}`)).toEqual([
    "03/NQ-CP#44 ~ 03/NQ-CP#II.2.o", "03/NQ-CP#98 ~ 03/NQ-CP#II.5.k", "03/NQ-CP#35 ~ 03/NQ-CP#II.2.m", "03/NQ-CP#38 ~ 03/NQ-CP#II.2.a",
    "03/NQ-CP#89 ~ 03/NQ-CP#II.3.a", "03/NQ-CP#84 ~ 03/NQ-CP#II.2.k", "03/NQ-CP#99 ~ 03/NQ-CP#II.5.l", "03/NQ-CP#120 ~ 03/NQ-CP#II.6.d",
  ]);
});

test("the technology rules' precision and recall against the hand-labelled pairs", () => {
  const t = report.technology!;
  expect(t.labelled).toBe(95);
  expect(t.precision).toBeGreaterThanOrEqual(0.9);
  expect(t).toMatchObject({ truePositives: 69, trueNegatives: 22, precision: 1, recall: 0.945 });
  expect(t.falsePositives).toEqual([]);
  expect(t.unlabelled).toEqual([]);
});

test("the printed report says the same", () => {
  expect(text).toMatch(/Tasks by reported status \(of 358\)/);
  expect(text).toMatch(/to review: 0/);
  expect(text).toMatch(/03\/NQ-CP#111 \(coordinated by binh-duong\)/);
  expect(text).toMatch(/Appendix rows that may restate a main-text item of their document \(.*shorter title's words.*≥ 0\.85.*\): 47 .* to review: 8/);
  expect(text).toMatch(/REVIEW +1\.00 +03\/NQ-CP#44 +~ +03\/NQ-CP#II\.2\.o/);
  expect(text).toMatch(/Technology rules against 95 hand-labelled pairs: precision 1\.000 \(69 of 69 linked are right\), recall 0\.945 \(69 of 73 to link are found\)/);
  expect(text).toMatch(/labelled right, not linked: 4\n {4}03\/NQ-CP#II\.3\.b → 1131\/QĐ-TTg#5/);
});

test("a bad labels file is one message naming its line, exit code 1, no stack", async () => {
  const file = path.join(os.tmpdir(), `labels-${process.pid}.yaml`);
  fs.writeFileSync(file, "labels: 5\n");
  try {
    const run = promisify(execFile);
    const err = await run("npx", ["tsx", "src/cli/seedReport.ts", "--labels", file], { cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: "" } })
      .then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/Cannot read the technology labels: .*labels-\d+\.yaml:1: labels: /);
    expect(err?.stderr).not.toMatch(/^\s+at /m);
  } finally {
    fs.rmSync(file, { force: true });
  }
}, 60_000);
