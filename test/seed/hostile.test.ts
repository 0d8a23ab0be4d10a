// Hostile seed input: each fault is refused as file:line (and column for YAML syntax and
// forbidden characters) with its reason, as a SeedValidationError, never a crash or a stack,
// and a file that cannot be read safely yields one error instead of a cascade.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { readSeed, SeedValidationError } from "../../src/seed/index.js";
import { config } from "../support/db.js";

const REAL_SEED = path.join(PROJECT_ROOT, "seed");

/**
 * Copies the real seed into a temporary folder, lets `change` alter it, and returns the
 * problems readSeed reports ([] when valid). Anything but a SeedValidationError fails the test.
 */
function problemsOf(change: (seedDir: string) => void, sharedDir = config.SHARED_DIR): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-hostile-"));
  const seedDir = path.join(dir, "seed");
  fs.cpSync(REAL_SEED, seedDir, { recursive: true });
  change(seedDir);
  try {
    readSeed(seedDir, sharedDir);
    return [];
  } catch (err) {
    if (err instanceof SeedValidationError) {
      for (const p of err.problems) expect(p).not.toMatch(/\n\s+at /); // no stack trace in a message
      return err.problems;
    }
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const write = (name: string, text: string | Buffer) => (seedDir: string) => fs.writeFileSync(path.join(seedDir, name), text);
const edit = (name: string, from: string, to: string) => (seedDir: string) => {
  const p = path.join(seedDir, name);
  const text = fs.readFileSync(p, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(p, text.replace(from, to));
};

// A valid extra file (real quotes of article 001), to be spoiled one way at a time.
const Q = "Bộ Khoa học và Công nghệ";
const extra = (title = "Nhiệm vụ", more = "") => `tasks:
  - id: "HOSTILE#1"
    titleVi: ${title}
    titleEn: A task
    ledBy: [bo-khoa-hoc-va-cong-nghe]
    sources:
      - source: article-001
        quote: "${Q}"
${more}`;

test("the real seed validates, and so does a valid extra file", () => {
  expect(problemsOf(() => {})).toEqual([]);
  expect(problemsOf(write("zz.yaml", extra()))).toEqual([]);
});

describe("YAML", () => {
  test("a syntax error is reported once, with its real line and column, and the file is not validated", () => {
    const problems = problemsOf(write("zz.yaml", extra("[unclosed")));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^seed\/zz\.yaml:(3|4|9):\d+: YAML: \S/);
    expect(problems[0]).not.toMatch(/at line/);
  });

  test("a duplicate key is a YAML error with line and column", () => {
    const problems = problemsOf(write("zz.yaml", extra("Nhiệm vụ", "    titleEn: Again\n")));
    expect(problems).toEqual([expect.stringMatching(/^seed\/zz\.yaml:9:5: YAML: .*unique/i)]);
  });

  test("an alias bomb is refused, not expanded", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill("*" + String.fromCharCode(96 + i)).join(", ")}]`);
    const problems = problemsOf(write("zz.yaml", bomb.join("\n") + "\n"));
    expect(problems).toEqual([expect.stringMatching(/^seed\/zz\.yaml:2: too many aliases \(at most 100 expansions\): refused as an alias bomb$/)]);
  });

  test("a file over 2 MB is refused without being parsed", () => {
    const problems = problemsOf(write("zz.yaml", extra() + `# ${"x".repeat(2 * 1024 * 1024)}\n`));
    expect(problems).toEqual([expect.stringMatching(/^seed\/zz\.yaml:1: file is \d+ bytes; a seed file is at most 2097152 bytes/)]);
  });

  test("an empty file, or one holding only comments, is an error, not an empty list", () => {
    expect(problemsOf(write("duplicates.yaml", ""))).toEqual([expect.stringMatching(/^seed\/duplicates\.yaml:1: the file is empty/)]);
    expect(problemsOf(write("duplicates.yaml", "# nothing yet\n\n"))).toEqual([expect.stringMatching(/^seed\/duplicates\.yaml:1: the file is empty/)]);
  });
});

describe("lengths and ranges", () => {
  test("a title over 10,000 characters is refused with its line", () => {
    const problems = problemsOf(write("zz.yaml", extra("x".repeat(20_000))));
    expect(problems).toEqual(["seed/zz.yaml:3: Task.titleVi is 20000 characters; at most 10000"]);
  });

  test("a year out of 1900–2200 is refused with its line", () => {
    const file = "articles/2025-10-15-q3-session.yaml";
    expect(problemsOf(edit(file, "    year: 2026\n", "    year: 99999999999999999999\n")))
      .toEqual([`seed/${file}:282: Target.year must be a whole number from 1900 to 2200, got 100000000000000000000`]);
    expect(problemsOf(edit(file, "    year: 2026\n", "    year: 1066\n")))
      .toEqual([`seed/${file}:282: Target.year must be a whole number from 1900 to 2200, got 1066`]);
  });

  test("a number beyond any sane value is refused", () => {
    const file = "articles/2025-10-15-q3-session.yaml";
    expect(problemsOf(edit(file, "    value: 100\n    unit:", "    value: 1e300\n    unit:")))
      .toEqual([`seed/${file}:280: Target.value must be a number within ±1000000000000000, got 1e+300`]);
  });
});

describe("characters", () => {
  test.each([
    ["NUL", "\u0000", "U+0000"],
    ["BEL", "\u0007", "U+0007"],
    ["a lone CR", "\r", "U+000D"],
    ["right-to-left override", "\u202E", "U+202E"],
    ["left-to-right isolate", "\u2066", "U+2066"],
  ])("%s in the text is refused with line and column", (_, char, code) => {
    const problems = problemsOf(write("zz.yaml", extra(`Nhiệm${char} vụ`)));
    expect(problems).toEqual([`seed/zz.yaml:3:19: forbidden character ${code} (control and bidi characters are not allowed)`]);
  });

  test("an escaped control or bidi character in a quoted string is refused too", () => {
    expect(problemsOf(write("zz.yaml", extra('"Nhiệm\\u202E vụ"')))).toEqual(["seed/zz.yaml:3: forbidden character U+202E (control and bidi characters are not allowed)"]);
    expect(problemsOf(write("zz.yaml", extra('"Nhiệm\\0 vụ"')))).toEqual(["seed/zz.yaml:3: forbidden character U+0000 (control and bidi characters are not allowed)"]);
  });

  test("invalid UTF-8 is refused with its line", () => {
    const [head, tail] = extra().split("Nhiệm vụ") as [string, string];
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0x4e, 0xc3, 0x28, 0xff]), Buffer.from(tail)]);
    expect(problemsOf(write("zz.yaml", bytes))).toEqual(["seed/zz.yaml:3: not valid UTF-8 (save the file as UTF-8)"]);
  });

  test("CRLF line ends are accepted", () => {
    expect(problemsOf(write("zz.yaml", extra().replace(/\n/g, "\r\n")))).toEqual([]);
  });
});

describe("the shared folder", () => {
  const SOURCE_FILE = "file: sources/articles/000_a0209a5ef053c2ce.txt";

  test.each(["../../../etc/passwd", "/etc/passwd", "sources/../../outside.txt"])("Source.file %s is refused: it leaves the shared folder", (file) => {
    const problems = problemsOf(edit("sources.yaml", SOURCE_FILE, `file: ${file}`));
    expect(problems[0]).toBe(`seed/sources.yaml:6: Source.file must be a path inside the shared folder, got ${JSON.stringify(file)}`);
  });

  test("a missing shared folder is one clear error", () => {
    const missing = path.join(os.tmpdir(), "no-such-shared-folder");
    expect(problemsOf(() => {}, missing)).toEqual([`shared folder ${missing} not found (SHARED_DIR): the quotes cannot be checked`]);
  });
});
