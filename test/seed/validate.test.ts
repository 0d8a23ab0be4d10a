// Seed validation: every problem is reported as file:line plus what is wrong, and nothing
// invalid gets through. These tests need no database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { readSeed, SeedValidationError } from "../../src/seed/index.js";
import { config } from "../support/db.js";

const SOURCES = fs.readFileSync(path.join(PROJECT_ROOT, "seed/sources.yaml"), "utf8");

/** Writes a seed folder with sources.yaml plus the given files and returns its problems ([] when valid). */
function problemsOf(files: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-"));
  const seedDir = path.join(dir, "seed");
  fs.mkdirSync(seedDir);
  fs.writeFileSync(path.join(seedDir, "sources.yaml"), SOURCES);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(seedDir, name), text);
  try {
    readSeed(seedDir, config.SHARED_DIR);
    return [];
  } catch (err) {
    if (err instanceof SeedValidationError) return err.problems;
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Real quotes of article 001, so that only the fault under test is reported.
const Q_BKHCN = "Bộ Khoa học và Công nghệ";
const AGENCY = `agencies:
  - id: bo-khoa-hoc-va-cong-nghe
    nameVi: Bộ Khoa học và Công nghệ
    nameEn: Ministry of Science and Technology
    kind: MINISTRY
    sources:
      - source: article-001
        quote: "${Q_BKHCN}"
`;
const task = (id: string, extra = "") => `  - id: "${id}"
    titleVi: Nhiệm vụ
    titleEn: A task
    ledBy: [bo-khoa-hoc-va-cong-nghe]
    sources:
      - source: article-001
        quote: "${Q_BKHCN}"
${extra}`;

test("a valid file passes", () => {
  expect(problemsOf({ "a.yaml": AGENCY + "tasks:\n" + task("T#1") })).toEqual([]);
});

test("an unknown reference is reported with its file and line", () => {
  const problems = problemsOf({ "a.yaml": AGENCY + "tasks:\n" + task("T#1").replace("ledBy: [bo-khoa-hoc-va-cong-nghe]", "ledBy: [bo-khong-co]") });
  expect(problems).toEqual(['seed/a.yaml:13: Task.ledBy refers to unknown id "bo-khong-co"']);
});

test("a wrong type, a missing field and an unknown field are each reported", () => {
  const text = `${AGENCY}tasks:
  - id: "T#1"
    titleVi: Nhiệm vụ
    recurringly: true
    deadline: 31/12/2025
    sources:
      - source: article-001
        quote: "${Q_BKHCN}"
`;
  const problems = problemsOf({ "b.yaml": text });
  expect(problems).toEqual(expect.arrayContaining([
    'seed/b.yaml:12: unknown field "recurringly" on Task; see schema/graph.graphql',
    'seed/b.yaml:13: Task.deadline must be a date YYYY-MM-DD, got "31/12/2025"',
    'seed/b.yaml:10: Task "T#1" is missing "titleEn"',
  ]));
  expect(problems).toHaveLength(3);
});

test("a quote that is not verbatim in its source is rejected", () => {
  const problems = problemsOf({ "c.yaml": AGENCY.replace(`"${Q_BKHCN}"`, '"Bộ Khoa học Công nghệ và Đổi mới"') });
  expect(problems).toEqual(['seed/c.yaml:8: quote not found verbatim in sources/articles/001_34c99582badef80c.txt: "Bộ Khoa học Công nghệ và Đổi mới"']);
});

test("a quote longer than 300 characters is rejected", () => {
  const long = "x".repeat(301);
  const problems = problemsOf({ "d.yaml": AGENCY.replace(`"${Q_BKHCN}"`, `"${long}"`) });
  expect(problems[0]).toBe("seed/d.yaml:8: quote is 301 characters; at most 300");
});

test("an agency id must be the slug of its Vietnamese name", () => {
  const problems = problemsOf({ "e.yaml": AGENCY.replace("id: bo-khoa-hoc-va-cong-nghe", "id: bkhcn") });
  expect(problems).toEqual(['seed/e.yaml:2: Agency id "bkhcn" must be the slug of its nameVi: "bo-khoa-hoc-va-cong-nghe"']);
});

test("duplicate ids across files name both places", () => {
  const problems = problemsOf({ "f.yaml": AGENCY, "g.yaml": AGENCY });
  expect(problems).toEqual(['seed/g.yaml:2: duplicate id "bo-khoa-hoc-va-cong-nghe" (already a Agency at seed/f.yaml:2)']);
});

test("an unreadable deadline asks for an explicit date", () => {
  const problems = problemsOf({ "h.yaml": AGENCY + "tasks:\n" + task("T#1", '    deadlineText: "sớm nhất có thể"\n') });
  expect(problems).toEqual(['seed/h.yaml:17: cannot read the deadline "sớm nhất có thể"; write it as the source does and add "deadline: YYYY-MM-DD"']);
});

test("a dependency cycle is rejected and named", () => {
  const dep = (to: string) => `    dependsOn:\n      - id: "${to}"\n        kind: INFERRED\n        rationale: test\n`;
  const problems = problemsOf({ "i.yaml": AGENCY + "tasks:\n" + task("T#1", dep("T#2")) + task("T#2", dep("T#3")) + task("T#3", dep("T#1")) });
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^seed\/i\.yaml:\d+: dependency cycle: T#1 → T#2 → T#3 → T#1$/);
});

test("a task cannot depend on itself", () => {
  const problems = problemsOf({ "j.yaml": AGENCY + "tasks:\n" + task("T#1", '    dependsOn:\n      - {id: "T#1", kind: STATED, rationale: x}\n') });
  expect(problems).toEqual(['seed/j.yaml:18: task "T#1" cannot depend on itself']);
});

test("an empty list is refused (neo4j-admin's CSV could not carry it)", () => {
  const problems = problemsOf({ "l.yaml": AGENCY + "tasks:\n" + task("T#1", '    updates:\n      - {id: "T#2", changes: []}\n') + task("T#2") });
  expect(problems).toEqual([expect.stringMatching(/^seed\/l\.yaml:\d+: UPDATES\.changes must be a non-empty list \(leave the field out instead\), got \[\]$/), 'seed/l.yaml:18: UPDATES to "T#2" needs "changes"']);
});

test("broken YAML is reported once, with its line and column", () => {
  const problems = problemsOf({ "k.yaml": "tasks:\n  - id: a\n    titleVi: [unclosed\n" });
  expect(problems).toEqual([expect.stringMatching(/^seed\/k\.yaml:4:1: YAML: /)]);
});
