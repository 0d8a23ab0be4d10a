// Hostile and careless export input (issue 9): over HTTP, every parameter the route does not
// know, a parameter given twice, a structure, an empty list (which would mean "everything"),
// an impossible date, an unknown format and a non-boolean provenance are refused with
// BAD_USER_INPUT before anything is read, and nothing leaks. On the command line, an output
// path that is a folder, a missing folder or a full device is one sentence, no "Wrote", no
// .partial left behind, and a device or a pipe is written to, never replaced by a file.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { cannotWrite } from "../../src/cli/output.js";
import { EXPORT_PARAMETERS } from "../../src/server/export.js";
import { startTestApp, type TestApp } from "../support/app.js";

const run = promisify(execFile);
let t: TestApp;
let base: string;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  base = `http://127.0.0.1:${await t.app.listen(0, "127.0.0.1")}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-hostile-"));
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The CLI as a child process on the test Neo4j (or on the URI given, e.g. one nothing listens on). */
async function cli(args: string[], uri = process.env.POLICY_GRAPH_TEST_URI) {
  return run("npx", ["tsx", "src/cli/export.ts", ...args], {
    cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: "", NEO4J_URI: uri, NEO4J_PASSWORD: process.env.POLICY_GRAPH_TEST_PASSWORD ?? "" },
  }).then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (err: { code: number; stdout: string; stderr: string }) => err);
}

/** One sentence on stderr: no stack frame, no source path. */
function oneSentence(stderr: string) {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
}

describe("GET /export refuses what it does not understand", () => {
  const ACCEPTED = EXPORT_PARAMETERS.join(", ");
  const cases: [string, string, RegExp][] = [
    ["an empty seeds list", "seeds=,,,&format=jgf", /^seeds is given but lists nothing; leave the parameter out if you mean that, it exports the whole graph$/],
    ["an empty seeds value", "seeds=&format=jgf", /^seeds is given but lists nothing; .* exports the whole graph$/],
    ["an empty from list", "from=,&format=jgf", /^from is given but lists nothing; .* exports the whole graph$/],
    ["an empty nodeTypes list", "nodeTypes=,&format=jgf", /^nodeTypes is given but lists nothing; .* keeps every node type$/],
    ["an unknown parameter", "ids=57-NQ/TW&format=jgf", new RegExp(`^Unknown export parameter "ids"; the accepted ones are ${ACCEPTED}$`)],
    ["a typo", "seeds=57-NQ/TW&nodeType=Task&format=jgf", /^Unknown export parameter "nodeType"; the accepted ones are seeds, from, .*nodeTypes/],
    ["two unknown parameters", "Seeds=x&deph=2&format=jgf", /^Unknown export parameters "Seeds", "deph"; /],
    ["a bracketed parameter (an object to the extended parser)", "seeds[a]=b&format=jgf", /seeds\[a\]|plain text/],
    ["depth twice", "depth=1&depth=2&format=jgf", /^depth is given 2 times; give it once$/],
    ["format twice", "format=jgf&format=gexf", /^format is given 2 times; give it once$/],
    ["seeds and from", "seeds=57-NQ/TW&from=57-NQ/TW&format=jgf", /^seeds and from are the same parameter; give one of them$/],
    ["an impossible date", "asOf=9999-99-99&format=jgf", /asOf: a date that exists, YYYY-MM-DD/],
    ["a date that does not exist", "asOf=2025-02-30&format=jgf", /asOf: a date that exists, YYYY-MM-DD/],
    ["an unknown format", "format=xml", /^format must be one of graphml, gexf, gexf13, cytoscape, jgf, csv, jsonld, got "xml"$/],
    ["no format", "seeds=57-NQ/TW", /^format must be one of graphml, gexf, gexf13, cytoscape, jgf, csv, jsonld, got null$/],
    ["provenance=maybe", "provenance=maybe&format=jgf", /^provenance must be true or false \(or 1 or 0\), got "maybe"$/],
    ["an empty depth", "depth=&format=jgf", /^depth is given but empty; give a value or leave the parameter out$/],
    ["a depth in exponent form", "depth=1e0&format=jgf", /depth: a whole number from 0 to 6/],
    ["a negative limit", "maxNodes=-1&format=jgf", /maxNodes: a whole number from 1 to 500,000/],
  ];

  test.each(cases)("%s: 400 BAD_USER_INPUT, the reason, no file, nothing leaked", async (_what, query, message) => {
    const res = await fetch(`${base}/export?${query}`);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBeNull();
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("BAD_USER_INPUT");
    expect(body.error.message).toMatch(message);
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|\/src\//);
    expect(text).not.toContain(PROJECT_ROOT);
  });

  test("the unknown parameter and the accepted ones are also given as fields", async () => {
    const body = (await (await fetch(`${base}/export?ids=x&format=jgf`)).json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: "BAD_USER_INPUT", parameters: ["ids"], accepted: EXPORT_PARAMETERS });
  });

  test("what is meant still works: from, a repeated list, provenance=0", async () => {
    const count = async (q: string) => {
      const res = await fetch(`${base}/export?format=jgf&depth=1&${q}`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      return Number(res.headers.get("x-node-count"));
    };
    const one = await count("seeds=57-NQ/TW");
    expect(await count("from=57-NQ/TW")).toBe(one);
    expect(await count("seeds=57-NQ/TW,")).toBe(one);
    expect(await count("seeds=57-NQ/TW&seeds=71/NQ-CP")).toBeGreaterThan(one);
    expect(await count("seeds=57-NQ/TW&provenance=0")).toBeLessThan(one);
  });
});

describe("npm run export refuses a bad output before connecting, and never fakes success", () => {
  const NOWHERE = "bolt://127.0.0.1:1"; // nothing listens: a refusal that mentions Neo4j would mean it tried to connect

  test("--from with no ids: refused, naming what leaving it out means", async () => {
    const out = path.join(dir, "empty-from.jgf");
    const r = await cli(["--from", ",,", "--format", "jgf", "-o", out], NOWHERE);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/It lists no seed ids; leave --from out if you mean that, it exports the whole graph\./);
    oneSentence(r.stderr);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);

  test("an impossible --as-of and a --depth in exponent form: refused before connecting", async () => {
    const out = path.join(dir, "bad.jgf");
    for (const [args, message] of [[["--as-of", "9999-99-99"], /asOf: a date that exists/], [["--depth", "1e0"], /depth: a whole number from 0 to 6/]] as const) {
      const r = await cli([...args, "--format", "jgf", "-o", out], NOWHERE);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      oneSentence(r.stderr);
    }
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);

  test("a missing folder: one sentence naming the path and the folder", async () => {
    const out = path.join(dir, "no-such-folder", "x.graphml");
    const r = await cli(["--format", "graphml", "-o", out], NOWHERE);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`Cannot write ${out}: the folder ${path.dirname(out)} does not exist`);
    expect(r.stdout).not.toContain("Wrote");
  }, 60_000);

  test("a folder as the output: refused, the folder untouched, no .partial", async () => {
    const folder = path.join(dir, "a-folder");
    fs.mkdirSync(folder);
    const r = await cli(["--format", "graphml", "-o", folder], NOWHERE);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`Cannot write ${folder}: it is a folder; name a file in it`);
    expect(fs.statSync(folder).isDirectory()).toBe(true);
    expect(fs.existsSync(`${folder}.partial`)).toBe(false);
  }, 60_000);

  // The devices are reached through symbolic links in the test's own folder: the CLI follows
  // them as it follows /dev/stdout, and if it ever regressed to "write <out>.partial, then
  // rename", it would replace the link, not the machine's /dev/full or /dev/null.
  const device = (name: string) => {
    const link = path.join(dir, name);
    fs.symlinkSync(`/dev/${name}`, link);
    return link;
  };
  const hasDevFull = fs.existsSync("/dev/full") && fs.statSync("/dev/full").isCharacterDevice();
  (hasDevFull ? test : test.skip)("/dev/full: 'no space left on device', no 'Wrote', the device stays a device, no .partial", async () => {
    const full = device("full");
    const r = await cli(["--from", "57-NQ/TW", "--format", "graphml", "-o", full]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^Cannot write ${full}: no space left on device$`, "m"));
    expect(r.stderr.split("\n").filter((l) => l.trim() && !/nodes and relationships/.test(l))).toHaveLength(1); // the progress bar aside
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(`${r.stdout}${r.stderr}`).not.toContain("Wrote");
    expect(fs.lstatSync(full).isSymbolicLink()).toBe(true);
    expect(fs.statSync("/dev/full").isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  }, 60_000);
  if (!hasDevFull) console.warn("skipped the /dev/full test: this machine has no /dev/full character device");

  test("/dev/null is written to, not replaced; the summary goes to stderr", async () => {
    const nul = device("null");
    const r = await cli(["--from", "57-NQ/TW", "--format", "gexf", "-o", nul]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Wrote ${nul} \\(gexf\\): \\d+ nodes`));
    expect(r.stdout).not.toContain("Wrote");
    expect(fs.lstatSync(nul).isSymbolicLink()).toBe(true);
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
  }, 60_000);

  test("a named pipe is streamed to (like /dev/stdout in a shell pipe), with nothing else in it", async () => {
    const fifo = path.join(dir, "pipe");
    await run("mkfifo", [fifo]);
    // the reader is a child process, so a regression that never opens the pipe cannot hang this test run
    const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    reader.stdout.on("data", (c: Buffer) => chunks.push(c));
    const read = new Promise((resolve) => reader.once("close", resolve));
    try {
      const r = await cli(["--from", "57-NQ/TW", "--depth", "1", "--format", "jgf", "-o", fifo]);
      expect(r.code).toBe(0);
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
      await read;
      const jgf = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { graph: { nodes: Record<string, unknown> } };
      expect(Object.keys(jgf.graph.nodes).length).toBeGreaterThan(10);
      expect(r.stderr).toMatch(new RegExp(`Wrote ${fifo} \\(jgf\\): ${Object.keys(jgf.graph.nodes).length} nodes`));
      expect(fs.existsSync(`${fifo}.partial`)).toBe(false);
    } finally {
      reader.kill();
    }
  }, 60_000);

  test("a symbolic link is written through: the link stays, its target gets the file", async () => {
    const target = path.join(dir, "target.jgf");
    const link = path.join(dir, "link.jgf");
    fs.writeFileSync(target, "old");
    fs.symlinkSync(target, link);
    const r = await cli(["--from", "57-NQ/TW", "--format", "jgf", "-o", link]);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(target, "utf8"))).toHaveProperty("graph");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  }, 60_000);

  test("a failed export leaves an existing file as it was", async () => {
    const out = path.join(dir, "kept.gexf");
    fs.writeFileSync(out, "the previous export");
    const r = await cli(["--format", "gexf", "--max-nodes", "10", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The selection has \d+ nodes/m);
    expect(fs.readFileSync(out, "utf8")).toBe("the previous export");
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  }, 60_000);
});

test("system errors on the output become one sentence naming the path", () => {
  const real = (f: () => void) => { try { f(); } catch (err) { return err; } throw new Error("expected a failure"); };
  const enoent = real(() => fs.openSync("/no-such-folder-here/x.graphml", "w"));
  expect((cannotWrite("/no-such-folder-here/x.graphml", enoent) as Error).message).toBe("Cannot write /no-such-folder-here/x.graphml: the folder /no-such-folder-here does not exist");
  if (fs.existsSync("/dev/full")) {
    const enospc = real(() => { const fd = fs.openSync("/dev/full", "w"); try { fs.writeSync(fd, "x"); } finally { fs.closeSync(fd); } });
    expect((cannotWrite("/dev/full", enospc) as Error).message).toBe("Cannot write /dev/full: no space left on device");
  }
  // as root (as in CI containers) permission bits do not refuse, so EACCES is built, not provoked
  const eacces = Object.assign(new Error("EACCES: permission denied, open '/srv/x.graphml.partial'"), { code: "EACCES" });
  expect((cannotWrite("/srv/x.graphml", eacces) as Error).message).toBe("Cannot write /srv/x.graphml: permission denied");
  const bug = new TypeError("not a system error");
  expect(cannotWrite("/x", bug)).toBe(bug);
});
