// The same selection through the three entry points — GraphQL `subgraph`, GET /export and
// `npm run export` — gives the same counts in all six formats; an oversized selection fails
// with the promised message and leaves no file.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { PROJECT_ROOT } from "../../src/config/index.js";
import { FORMATS } from "../../src/export/formats/index.js";
import { startTestApp, type TestApp } from "../support/app.js";

const run = promisify(execFile);
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
    cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: "", NEO4J_URI: process.env.POLICY_GRAPH_TEST_URI },
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
    cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: "", NEO4J_URI: process.env.POLICY_GRAPH_TEST_URI },
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

test("the JSON-LD context is published", async () => {
  const res = await fetch(`${base}/export/context.jsonld`);
  expect(res.status).toBe(200);
  const context = (await res.json()) as { "@context": Record<string, unknown> };
  expect(JSON.stringify(context["@context"])).toContain("http://data.europa.eu/eli/ontology#");
});
