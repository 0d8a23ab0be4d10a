// The same selection through the three entry points — GraphQL `subgraph`, GET /export and
// `npm run export` — gives the same counts in all six formats; an oversized selection fails
// with the promised message and leaves no file; an impossible date and an empty seed list are
// refused by all three. (Hostile input at length: hostile.test.ts.)
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { FORMATS } from "../../src/export/formats/index.js";
import { startTestApp, type TestApp } from "../support/app.js";

const run = promisify(execFile);
const CLI_ENV = { ...process.env, NODE_OPTIONS: "", NEO4J_URI: process.env.POLICY_GRAPH_TEST_URI, NEO4J_PASSWORD: process.env.POLICY_GRAPH_TEST_PASSWORD ?? "" };
const cli = (args: string[]) =>
  run("npx", ["tsx", "src/cli/export.ts", ...args], { cwd: PROJECT_ROOT, env: CLI_ENV })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (err: { code: number; stdout: string; stderr: string }) => err);
const graphql = async (query: string, variables?: Record<string, unknown>) => {
  const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
};
let t: TestApp;
let base: string;
let dir: string;
let expected: { nodes: number; relationships: number };

beforeAll(async () => {
  t = await startTestApp();
  base = `http://127.0.0.1:${await t.app.listen(0, "127.0.0.1")}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
  const res = await fetch(`${base}/graphql`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: '{ subgraph(selection: { seeds: ["57-NQ/TW"], depth: 1 }) { nodeCount relationshipCount nodes { id } relationships { id } } }' }),
  });
  const { data } = (await res.json()) as { data: { subgraph: { nodeCount: number; relationshipCount: number; nodes: unknown[]; relationships: unknown[] } } };
  expected = { nodes: data.subgraph.nodes.length, relationships: data.subgraph.relationships.length };
  expect(expected).toEqual({ nodes: data.subgraph.nodeCount, relationships: data.subgraph.relationshipCount });
  expect(expected.nodes).toBeGreaterThan(10);
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Counts a file's nodes and relationships the way its format lays them out. */
function countIn(format: string, text: Buffer): { nodes: number; relationships: number } | null {
  const s = text.toString("utf8");
  switch (format) {
    case "graphml": return { nodes: (s.match(/<node /g) ?? []).length, relationships: (s.match(/<edge /g) ?? []).length };
    case "gexf": return { nodes: (s.match(/<node /g) ?? []).length, relationships: (s.match(/<edge /g) ?? []).length };
    case "cytoscape": { const j = JSON.parse(s); return { nodes: j.elements.nodes.length, relationships: j.elements.edges.length }; }
    case "jgf": { const j = JSON.parse(s); return { nodes: Object.keys(j.graph.nodes).length, relationships: j.graph.edges.length }; }
    default: return null; // csv (a zip) and jsonld are checked by their consumers in formats.test.ts and roundtrip.test.ts
  }
}

test.each(Object.keys(FORMATS))("GET /export in %s: right type, a file name, the same counts", async (format) => {
  const res = await fetch(`${base}/export?seeds=57-NQ/TW&depth=1&format=${format}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain(FORMATS[format]!.contentType);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="policy-graph-57-nq-tw-d1.${FORMATS[format]!.extension}"`);
  expect({ nodes: Number(res.headers.get("x-node-count")), relationships: Number(res.headers.get("x-relationship-count")) }).toEqual(expected);
  const counted = countIn(format, Buffer.from(await res.arrayBuffer()));
  if (counted) expect(counted).toEqual(expected);
});

test.each(Object.keys(FORMATS))("npm run export in %s writes the same selection", async (format) => {
  const out = path.join(dir, `r57.${FORMATS[format]!.extension}`);
  const { stdout } = await run("npx", ["tsx", "src/cli/export.ts", "--from", "57-NQ/TW", "--depth", "1", "--format", format, "-o", out], {
    cwd: PROJECT_ROOT, env: CLI_ENV,
  });
  expect(stdout).toContain(`${expected.nodes} nodes, ${expected.relationships} relationships`);
  const counted = countIn(format, fs.readFileSync(out));
  if (counted) expect(counted).toEqual(expected);
}, 60_000);

test("an oversized selection: HTTP 413 with the size and the limit, no file", async () => {
  const res = await fetch(`${base}/export?format=graphml&maxNodes=10`);
  expect(res.status).toBe(413);
  expect(res.headers.get("content-disposition")).toBeNull();
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("LIMIT_EXCEEDED");
  expect(body.error.message).toMatch(/^The selection has \d+ nodes and [\d,]+ relationships; the limit is 10 nodes/);
});

test("an oversized selection: the CLI fails with the same message and writes no file, not even a partial one", async () => {
  const out = path.join(dir, "too-big.gexf");
  const failed = await run("npx", ["tsx", "src/cli/export.ts", "--format", "gexf", "--max-nodes", "10", "-o", out], {
    cwd: PROJECT_ROOT, env: CLI_ENV,
  }).then(() => null, (err: { code: number; stderr: string }) => err);
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toMatch(/The selection has \d+ nodes and [\d,]+ relationships; the limit is 10 nodes/);
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.existsSync(`${out}.partial`)).toBe(false);
}, 60_000);

test("bad requests are answered with their code", async () => {
  expect((await fetch(`${base}/export?format=xml`)).status).toBe(400);
  expect((await fetch(`${base}/export?seeds=nope&format=jgf`)).status).toBe(404);
  expect((await fetch(`${base}/export?format=jgf&depth=9`)).status).toBe(400);
});

describe.each(["9999-99-99", "2025-02-30"])("asOf %s is refused by every entry point", (date) => {
  test("GET /export: 400 BAD_USER_INPUT", async () => {
    const res = await fetch(`${base}/export?seeds=57-NQ/TW&format=jgf&asOf=${date}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/asOf/) });
  });
  // the GraphQL Date scalar itself refuses it (src/graphql/schema.ts), as a variable and as a literal
  test("GraphQL subgraph: BAD_USER_INPUT, no data", async () => {
    const body = await graphql('query ($asOf: Date) { subgraph(selection: { seeds: ["57-NQ/TW"], asOf: $asOf }) { nodeCount } }', { asOf: date });
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });
  test("npm run export: exit 1, one line, no file", async () => {
    const out = path.join(dir, `date-${date}.jgf`);
    const r = await cli(["--from", "57-NQ/TW", "--as-of", date, "--format", "jgf", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^Invalid selection: asOf: a date that exists, YYYY-MM-DD$/);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});

test("an empty seed list is refused by every entry point: leaving it out is how to ask for the whole graph", async () => {
  const res = await fetch(`${base}/export?seeds=,,,&format=jgf`);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "BAD_USER_INPUT", message: expect.stringMatching(/leave the parameter out .*whole graph/) });
  const body = await graphql("{ subgraph(selection: { seeds: [] }) { nodeCount } }");
  expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/seeds: an empty list; leave it out to export the whole graph/), extensions: { code: "BAD_USER_INPUT" } });
  const out = path.join(dir, "no-seeds.jgf");
  const r = await cli(["--from", ",,", "--format", "jgf", "-o", out]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/leave --from out if you mean that, it exports the whole graph/);
  expect(fs.existsSync(out)).toBe(false);
}, 60_000);

test("the JSON-LD context is published", async () => {
  const res = await fetch(`${base}/export/context.jsonld`);
  expect(res.status).toBe(200);
  const context = (await res.json()) as { "@context": Record<string, unknown> };
  expect(JSON.stringify(context["@context"])).toContain("http://data.europa.eu/eli/ontology#");
});
