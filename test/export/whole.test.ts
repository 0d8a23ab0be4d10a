// The whole graph, exported from the database in every format and read back by the tools the
// format tests use (NetworkX for GraphML and both GEXF versions, plain JSON for Cytoscape and JGF, the
// jsonld library's RDF for JSON-LD): every node and relationship is there, the seeded
// progress reports and their REPORTS_ON among them, and a report written through the write
// path keeps its recordedAt (a DateTime) and its correction. Counts are Cypher's, read here.
// (The CSV zip is imported back in roundtrip.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";

import jsonld from "jsonld";
import type { Driver } from "neo4j-driver";

import { vocabulary } from "../../src/export/selection.js";
import { prepareExport } from "../../src/export/write.js";
import { buildModel } from "../../src/model/index.js";
import { parseProgress } from "../../src/reports/rules.js";
import { writeProgress } from "../../src/reports/write.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { config, database, testDriver } from "../support/db.js";
import { DEBIAN, networkx, reading13 } from "./networkx.js";
import { clearWrites } from "../support/writes.js";

const TASK = "71/NQ-CP#3";
const model = buildModel();
let driver: Driver;
const dir = mkdtempSync(join(tmpdir(), "policy-graph-whole-"));
const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params, { database })).records.map((r) => r.toObject());

/** What Cypher says the export must hold. */
let truth: {
  nodes: number; relationships: number; reports: number; reportsOn: number;
  written: { id: string; recordedAt: string }; correction: string;
};
const files = new Map<string, Buffer>();

beforeAll(async () => {
  driver = testDriver();
  const db = { driver, database };
  const writer = { db, identity: { subject: "whole-export-curator", role: "CURATOR" as const, agencyId: null }, requestId: "whole-export", action: "reportProgress" as const };
  const [report] = await writeProgress(writer, [{ input: parseProgress({ taskId: TASK, status: "DONE", reportedOn: "2025-06-15" }) }]);
  const [correction] = await writeProgress(writer, [{ input: parseProgress({ taskId: TASK, status: "IN_PROGRESS", reportedOn: "2025-06-15", percent: 70, supersedes: report!.id }) }]);

  const labels = vocabulary(model).labels;
  const [counts] = await q(`
    CALL () { MATCH (n) WHERE labels(n)[0] IN $labels RETURN count(n) AS nodes }
    CALL () { MATCH (a)-[r]->(b) WHERE labels(a)[0] IN $labels AND labels(b)[0] IN $labels RETURN count(r) AS relationships }
    CALL () { MATCH (p:ProgressReport) RETURN count(p) AS reports }
    CALL () { MATCH (:ProgressReport)-[r:REPORTS_ON]->(:Task) RETURN count(r) AS reportsOn }
    MATCH (w:ProgressReport {id: $id})
    RETURN nodes, relationships, reports, reportsOn, toString(w.recordedAt) AS recordedAt`, { labels, id: report!.id });
  truth = {
    nodes: Number(counts!.nodes), relationships: Number(counts!.relationships), reports: Number(counts!.reports), reportsOn: Number(counts!.reportsOn),
    written: { id: report!.id, recordedAt: counts!.recordedAt as string }, correction: correction!.id,
  };
  for (const format of ["graphml", "gexf", "gexf13", "cytoscape", "jgf", "jsonld"]) {
    const job = await prepareExport(db, model, {}, format);
    const chunks: Buffer[] = [];
    await job.write(new Writable({ write(chunk: Buffer, _e, done) { chunks.push(chunk); done(); } }));
    files.set(format, Buffer.concat(chunks));
  }
}, 300_000);

afterAll(async () => {
  await clearWrites(driver, database);
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the graph exported holds the seeded reports and the written ones", () => {
  // one seeded report per task whose status a source reported (39 today), and the two written here
  const seeded = [...readConfiguredSeed(config).nodes.values()].filter((n) => n.type === "ProgressReport").length;
  expect(seeded).toBeGreaterThanOrEqual(39);
  expect(truth.reports).toBe(seeded + 2);
  expect(truth.reportsOn).toBe(truth.reports);
  expect(truth.written.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
});

const READ = {
  graphml: { read: "nx.read_graphml(sys.argv[1])", reader: () => DEBIAN },
  // GEXF 1.2draft, read with read_gexf's default version by Debian 12's NetworkX (2.8)
  gexf: { read: "nx.read_gexf(sys.argv[1])", reader: () => DEBIAN },
  // GEXF 1.3, by a NetworkX that knows it (3.3 or later)
  gexf13: { read: 'nx.read_gexf(sys.argv[1], version="1.3")', reader: reading13 },
};

/**
 * A date-time's instant as text, to the nanosecond: Cypher's toString drops the fraction's
 * trailing zeros (".50404465Z") where the files write nine digits (".504044650Z").
 */
const instant = (s: string) => s.replace(/\.(\d*?)0*Z$/, (_m, d: string) => (d ? `.${d}Z` : "Z"));

test.each(["graphml", "gexf", "gexf13"] as const)("NetworkX reads the whole graph in %s: every node and edge, the reports typed, recordedAt kept", (format) => {
  const file = join(dir, `whole.${format}`);
  writeFileSync(file, files.get(format)!);
  const typeKey = format === "graphml" ? "type" : "label";
  const script = `import json, sys, networkx as nx
G = ${READ[format].read}
reports = {n: d for n, d in G.nodes(data=True) if d.get("type") == "ProgressReport"}
print(json.dumps({
  "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
  "reports": len(reports), "written": reports.get(sys.argv[2]),
  "reportsOn": sum(1 for u, v, d in G.edges(data=True) if d.get("${typeKey}") == "REPORTS_ON"),
  "supersedes": [[u, v] for u, v, d in G.edges(data=True) if d.get("${typeKey}") == "SUPERSEDES" and G.nodes[u].get("type") == "ProgressReport"],
  "taskStatusKeys": sorted({k for n, d in G.nodes(data=True) if d.get("type") == "Task" for k in d if k.startswith("status")}),
}))`;
  const g = networkx(READ[format].reader(), script, file, truth.written.id);
  expect({ nodes: g.nodes, edges: g.edges }).toEqual({ nodes: truth.nodes, edges: truth.relationships });
  expect(g.reports).toBe(truth.reports);
  expect(g.reportsOn).toBe(truth.reportsOn);
  expect({ ...g.written, recordedAt: instant(g.written.recordedAt) }).toMatchObject({ status: "DONE", reportedOn: "2025-06-15", recordedAt: instant(truth.written.recordedAt), trust: "REPORTED", submittedBy: "whole-export-curator" });
  expect(g.supersedes).toEqual([[truth.correction, truth.written.id]]);
  // a task has its status as of the export's date, and no stored status
  expect(g.taskStatusKeys).toEqual(["statusOnDate"]);
});

test("Cytoscape JSON and JGF hold the whole graph, the reports with their types", () => {
  const cy = JSON.parse(files.get("cytoscape")!.toString("utf8"));
  expect({ nodes: cy.elements.nodes.length, edges: cy.elements.edges.length }).toEqual({ nodes: truth.nodes, edges: truth.relationships });
  expect(cy.elements.nodes.filter((n: { data: { type: string } }) => n.data.type === "ProgressReport")).toHaveLength(truth.reports);
  expect(cy.elements.edges.filter((e: { data: { type: string } }) => e.data.type === "REPORTS_ON")).toHaveLength(truth.reportsOn);
  expect(cy.data.propertyTypes.nodes.ProgressReport).toMatchObject({ reportedOn: "date", recordedAt: "datetime", sequence: "int", percent: "int" });
  expect(cy.data.propertyTypes.nodes.Task).not.toHaveProperty("status");
  const written = cy.elements.nodes.find((n: { data: { id: string } }) => n.data.id === truth.written.id).data;
  expect({ ...written, recordedAt: instant(written.recordedAt) }).toMatchObject({ recordedAt: instant(truth.written.recordedAt), sequence: expect.any(Number) });

  const jgf = JSON.parse(files.get("jgf")!.toString("utf8"));
  expect({ nodes: Object.keys(jgf.graph.nodes).length, edges: jgf.graph.edges.length }).toEqual({ nodes: truth.nodes, edges: truth.relationships });
  const isReport = (id: string) => jgf.graph.nodes[id].metadata.type === "ProgressReport";
  expect(jgf.graph.edges.filter((e: { relation: string; source: string }) => e.relation === "SUPERSEDES" && isReport(e.source)).map((e: { source: string; target: string }) => [e.source, e.target]))
    .toEqual([[truth.correction, truth.written.id]]);
});

test("JSON-LD of the whole graph: each report a ProgressReport on its task, recordedAt an xsd:dateTime", async () => {
  const doc = JSON.parse(files.get("jsonld")!.toString("utf8"));
  const noNetwork = async (url: string) => { throw new Error(`no network: ${url}`); };
  const nquads = (await (jsonld as any).toRDF(doc, { format: "application/n-quads", documentLoader: noNetwork })) as string;
  const triples = nquads.trim().split("\n");
  const PG = "https://policy-graph.example/vocab#";
  const iri = (id: string) => `<urn:policy-graph:${encodeURIComponent(id).replace(/%2F/g, "/")}>`;
  expect(triples.filter((t) => t.endsWith(`<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${PG}ProgressReport> .`))).toHaveLength(truth.reports);
  expect(triples.filter((t) => t.includes(`> <${PG}REPORTS_ON> <`))).toHaveLength(truth.reportsOn);
  const recorded = triples.find((l: string) => l.startsWith(`${iri(truth.written.id)} <${PG}recordedAt> `));
  expect(recorded?.replace(/"([^"]+)"/, (_m: string, v: string) => `"${instant(v)}"`)).toBe(`${iri(truth.written.id)} <${PG}recordedAt> "${instant(truth.written.recordedAt)}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .`);
  expect(triples).toContain(`${iri(truth.written.id)} <${PG}REPORTS_ON> ${iri(TASK)} .`);
});
