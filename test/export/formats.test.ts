// The export formats, written from a small GraphSource (./sample.ts, no database) and read back
// by the tools researchers use: NetworkX (GraphML, GEXF), Cytoscape.js (Cytoscape JSON), ajv
// with the published JGF v2 schema, the jsonld library (JSON-LD), and an unzip of the
// neo4j-admin CSVs. Each checks counts, direction, a Vietnamese text byte for byte, a date,
// a list and provenance, and a task's reports (a date-time, a correction superseding a
// report); a last test checks that writers respect backpressure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";

import { Ajv } from "ajv";
import cytoscape from "cytoscape";
import jsonld from "jsonld";
import yauzl from "yauzl";

import type { ExportNode, Format, GraphSource } from "../../src/export/model.js";
import { contextDocument, FORMATS, jsonldFormat } from "../../src/export/formats/index.js";
import { DEBIAN, debian13, networkx as readWith, reading13 } from "./networkx.js";
import { NODES, RECORDED_AT, RELATIONSHIPS, sampleSource, syntheticSource, TITLE_57, TRICKY } from "./sample.js";

const PYTHON = "/usr/bin/python3"; // Debian's, which sees python3-networkx (a pyenv python3 may not)

async function written(format: Format, source: GraphSource = sampleSource()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  await format.write(source, out);
  return Buffer.concat(chunks);
}

const dir = mkdtempSync(join(tmpdir(), "policy-graph-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function networkx(script: string, file: string): Record<string, any> {
  const run = spawnSync(PYTHON, ["-c", script, file], { encoding: "utf8" });
  if (run.error || run.status !== 0) throw new Error(`NetworkX failed on ${file}: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, any>;
}

const SUMMARY = `
def summary(G):
    return {
        "directed": G.is_directed(), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "node": {n: dict(d) for n, d in G.nodes(data=True)},
        "edgeList": [[u, v, dict(d)] for u, v, d in G.edges(data=True)],
        "graph": {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))},
    }
`;

const withEdge = (edges: [string, string, Record<string, unknown>][], type: string, key = "type") => edges.filter(([, , d]) => d[key] === type);

describe("NetworkX, the reader researchers script with", () => {
  beforeAll(() => {
    const check = spawnSync(PYTHON, ["-c", "import networkx"], { encoding: "utf8" });
    if (check.error || check.status !== 0) {
      throw new Error(`NetworkX is not installed for ${PYTHON}: install it with \`apt-get install python3-networkx\` (.ci/run does). ${check.error?.message ?? check.stderr}`);
    }
  });

  it("reads the GraphML: counts, direction, parallel edges, typed keys, Vietnamese text exactly", async () => {
    const file = join(dir, "sample.graphml");
    writeFileSync(file, await written(FORMATS.graphml!));
    const g = networkx(`import json, sys, networkx as nx\n${SUMMARY}\nprint(json.dumps(summary(nx.read_graphml(sys.argv[1]))))`, file);
    expect(g.directed).toBe(true);
    expect(g.nodes).toBe(NODES.length);
    expect(g.edges).toBe(RELATIONSHIPS.length);
    const task = g.node["03/NQ-CP#29"];
    expect(task.titleVi).toBe(TRICKY);
    expect(task).toMatchObject({ label: TRICKY, type: "Task", deadline: "2025-06-30", recurring: false });
    expect(g.node["57-NQ/TW"]).toMatchObject({ titleVi: TITLE_57, issuedOn: "2024-12-22", type: "Document" });
    expect(g.node["1131/QĐ-TTg#1"]).toMatchObject({ code: 1, nameVi: "Trí tuệ nhân tạo" });
    expect(g.node["03/NQ-CP#PL1.1"]).toMatchObject({ value: 2.5, year: 2030 });
    expect(g.node["chinh-phu"].dissolvedOn).toBeUndefined();
    const amends = withEdge(g.edgeList, "AMENDS");
    expect(amends.map(([u, v]) => [u, v])).toEqual([["71/NQ-CP", "03/NQ-CP"]]);
    expect(withEdge(g.edgeList, "LED_BY").map(([, , d]) => d.quote).sort()).toEqual(["chủ trì (bản thứ hai)", TRICKY].sort());
    expect(JSON.parse(withEdge(g.edgeList, "UPDATES")[0]![2].changes as string)).toEqual(["DEADLINE", "OWNER"]);
    expect(withEdge(g.edgeList, "SUCCEEDED_BY")[0]![2]).toMatchObject({ date: "2025-03-01", main: true, trust: "ARTICLE" });
    expect(g.graph).toMatchObject({ title: 'Nghị quyết 57 & "những gì thực hiện nó"', asOf: "2025-06-01" });
    // the task's reports: typed values, a date-time as its ISO text (said in its key), none where there is none
    expect(g.node["report:1"]).toMatchObject({ type: "ProgressReport", reportedOn: "2025-06-20", status: "DONE", percent: 100, sequence: 1, recordedAt: RECORDED_AT, trust: "REPORTED" });
    expect(g.node["03/NQ-CP#29@2025-05-24"]).toMatchObject({ type: "ProgressReport", sequence: 0, submittedBy: "seed" });
    expect(g.node["03/NQ-CP#29@2025-05-24"].recordedAt).toBeUndefined();
    expect(g.node["03/NQ-CP#29"]).not.toHaveProperty("status");
    expect(withEdge(g.edgeList, "REPORTS_ON").map(([u, v]) => `${u} ${v}`).sort()).toEqual(["03/NQ-CP#29@2025-05-24 03/NQ-CP#29", "report:1 03/NQ-CP#29", "report:2 03/NQ-CP#29"]);
    expect(withEdge(g.edgeList, "SUPERSEDES").map(([u, v, d]) => [u, v, d])).toEqual([["report:2", "report:1", { type: "SUPERSEDES", trust: "REPORTED" }]]);
    expect(readFileSync(file, "utf8")).toMatch(/attr\.name="recordedAt" attr\.type="string"><desc>ISO 8601 date and time with its offset<\/desc>/);
  });

  // the GEXF as the readers see it, whatever the version: the same graph
  const expectGexf = (g: Record<string, any>) => {
    expect(g.directed).toBe(true);
    expect(g.graph.mode).toBe("dynamic");
    expect(g.nodes).toBe(NODES.length);
    expect(g.edges).toBe(RELATIONSHIPS.length);
    expect(g.node["03/NQ-CP#29"]).toMatchObject({ titleVi: TRICKY, type: "Task", start: "2025-01-09", end: "2025-06-30", deadline: "2025-06-30", recurring: false });
    // the deadline came before the assignment: the task lives on its assignment day
    expect(g.node["71/NQ-CP#1"]).toMatchObject({ start: "2025-04-08", end: "2025-04-08" });
    expect(g.node["EV-2025-07-02#3"]).toMatchObject({ start: "2025-07-02" });
    expect(g.node["EV-2025-07-02#3"].end).toBeUndefined();
    expect(g.node["57-NQ/TW"].start).toBeUndefined();
    expect(g.node["57-NQ/TW"]).toMatchObject({ titleVi: TITLE_57, issuedOn: "2024-12-22", label: TITLE_57 });
    expect(g.node["03/NQ-CP#PL1.1"]).toMatchObject({ value: 2.5, year: 2030 });
    const amends = withEdge(g.edgeList, "AMENDS", "label");
    expect(amends.map(([u, v]) => [u, v])).toEqual([["71/NQ-CP", "03/NQ-CP"]]);
    expect(withEdge(g.edgeList, "LED_BY", "label").map(([, , d]) => d.quote).sort()).toEqual(["chủ trì (bản thứ hai)", TRICKY].sort());
    expect(g.node["report:1"]).toMatchObject({ type: "ProgressReport", reportedOn: "2025-06-20", percent: 100, sequence: 1, recordedAt: RECORDED_AT });
    expect(g.node["report:1"].start).toBeUndefined(); // only tasks have a life on the timeline
    expect(withEdge(g.edgeList, "SUPERSEDES", "label").map(([u, v]) => [u, v])).toEqual([["report:2", "report:1"]]);
    expect(withEdge(g.edgeList, "REPORTS_ON", "label")).toHaveLength(3);
  };
  const readGexf = (version?: string) => `import json, sys, networkx as nx
${SUMMARY}
print(json.dumps(summary(nx.read_gexf(sys.argv[1]${version ? `, version="${version}"` : ""}))))`;

  it.each([["Debian 12's (2.8)", () => DEBIAN], ["Debian 13's (3.2)", debian13], ["a current one (3.3 or later)", reading13]])(
    "%s NetworkX reads the default GEXF, 1.2draft, with read_gexf's default version: counts, typed attributes, each task's life",
    async (_name, reader) => {
      const text = await written(FORMATS.gexf!);
      expect(text.toString("utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf xmlns="http:\/\/www.gexf.net\/1.2draft" [^>]* version="1.2">\n/);
      expect(text.toString("utf8")).not.toMatch(/ kind="/); // 1.2draft's edges have no kind
      const file = join(dir, "sample-12.gexf");
      writeFileSync(file, text);
      const g = readWith(reader(), readGexf(), file);
      expectGexf(g);
      // 1.2draft has no edge kind: the type is the edge's attribute `type` as well as its label
      expect(g.edgeList.every(([, , d]: [string, string, Record<string, unknown>]) => d.type === d.label)).toBe(true);
    },
  );

  it("reads the GEXF 1.3 (format gexf13) with a NetworkX that knows 1.3: the same graph, each edge's kind its type", async () => {
    const text = await written(FORMATS.gexf13!);
    expect(text.toString("utf8")).toMatch(/\n<gexf xmlns="http:\/\/gexf.net\/1.3" [^>]* version="1.3">\n/);
    const file = join(dir, "sample-13.gexf");
    writeFileSync(file, text);
    const reader = reading13();
    const g = readWith(reader, readGexf("1.3"), file);
    expectGexf(g);
    expect(g.edgeList.every(([, , d]: [string, string, Record<string, unknown>]) => d.type === undefined)).toBe(true);
    expect(text.toString("utf8").match(/<edge [^>]*kind="LED_BY"/g)).toHaveLength(2);
    // why 1.2draft is the default: Debian 12's NetworkX and Debian 13's know no GEXF 1.3
    for (const old of [DEBIAN, debian13()]) {
      expect(() => readWith(old, readGexf("1.3"), file)).toThrow(/Unknown GEXF version 1.3/);
    }
  });
});

describe("Cytoscape JSON", () => {
  it("loads into Cytoscape.js (headless) with the same elements, data and direction", async () => {
    const doc = JSON.parse((await written(FORMATS.cytoscape!)).toString("utf8"));
    const cy = cytoscape({ headless: true, elements: doc.elements });
    expect(cy.nodes().length).toBe(NODES.length);
    expect(cy.edges().length).toBe(RELATIONSHIPS.length);
    const task = cy.getElementById("03/NQ-CP#29");
    expect(task.data()).toMatchObject({ label: TRICKY, type: "Task", titleVi: TRICKY, deadline: "2025-06-30", recurring: false });
    const amends = cy.edges('[type = "AMENDS"]');
    expect(amends.length).toBe(1);
    expect([amends.first().source().id(), amends.first().target().id()]).toEqual(["71/NQ-CP", "03/NQ-CP"]);
    expect(task.edgesTo(cy.getElementById("bo-khoa-hoc-va-cong-nghe")).length).toBe(3); // two LED_BY, one COORDINATED_WITH
    expect(cy.edges('[type = "UPDATES"]').data("changes")).toEqual(["DEADLINE", "OWNER"]);
    expect(doc.data.propertyTypes.nodes.Document.issuedOn).toBe("date");
    expect(doc.data.propertyTypes.relationships.CONCERNS.matched).toBe("string[]");
    expect(doc.data.propertyTypes.nodes.ProgressReport).toMatchObject({ reportedOn: "date", recordedAt: "datetime", percent: "int" });
    expect(cy.getElementById("report:1").data()).toMatchObject({ type: "ProgressReport", recordedAt: RECORDED_AT, percent: 100 });
    const supersedes = cy.edges('[type = "SUPERSEDES"]');
    expect([supersedes.first().source().id(), supersedes.first().target().id()]).toEqual(["report:2", "report:1"]);
    expect(cy.getElementById("03/NQ-CP#29").incomers('edge[type = "REPORTS_ON"]').length).toBe(3);
  });
});

describe("JSON Graph Format", () => {
  it("validates against the published JGF v2 schema and keeps nodes, edges and metadata", async () => {
    const schemaFile = new URL("./schemas/json-graph-schema_v2.json", import.meta.url);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(schemaFile, "utf8")));
    const doc = JSON.parse((await written(FORMATS.jgf!)).toString("utf8"));
    const valid = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(Object.keys(doc.graph.nodes)).toHaveLength(NODES.length);
    expect(doc.graph.edges).toHaveLength(RELATIONSHIPS.length);
    expect(doc.graph.directed).toBe(true);
    expect(doc.graph.nodes["03/NQ-CP#29"]).toMatchObject({ label: TRICKY, metadata: { type: "Task", lifeStart: "2025-01-09", recurring: false } });
    expect(doc.graph.edges.find((e: { relation: string }) => e.relation === "AMENDS")).toMatchObject({ source: "71/NQ-CP", target: "03/NQ-CP", metadata: { trust: "OFFICIAL" } });
    expect(doc.graph.metadata).toMatchObject({ asOf: "2025-06-01", nodeCount: NODES.length });
    expect(doc.graph.nodes["report:1"]).toMatchObject({ metadata: { type: "ProgressReport", recordedAt: RECORDED_AT, sequence: 1 } });
    expect(doc.graph.edges.find((e: { relation: string }) => e.relation === "SUPERSEDES")).toMatchObject({ source: "report:2", target: "report:1" });
    expect(doc.graph.metadata.propertyTypes.nodes.ProgressReport.recordedAt).toBe("datetime");
    // and the schema does reject what it should
    expect(validate({ graph: { nodes: [] } })).toBe(false);
  });
});

describe("JSON-LD", () => {
  const ELI = "http://data.europa.eu/eli/ontology#";
  const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  const PG = "https://policy-graph.example/vocab#";
  const noNetwork = async (url: string) => { throw new Error(`no network: ${url}`); };

  async function quads(doc: object, documentLoader: (url: string) => Promise<unknown> = noNetwork): Promise<string[]> {
    const nquads = (await (jsonld as any).toRDF(doc, { format: "application/n-quads", documentLoader })) as string;
    return nquads.trim().split("\n");
  }

  it("expands with its inline context (no network) into ELI triples in the graph's direction", async () => {
    const doc = JSON.parse((await written(FORMATS.jsonld!)).toString("utf8"));
    expect(doc["@context"]).toEqual(contextDocument()["@context"]);
    const expanded = (await (jsonld as any).expand(doc, { documentLoader: noNetwork })) as Record<string, unknown>[];
    expect(expanded.some((o) => o["@id"] === "urn:policy-graph:71/NQ-CP" && JSON.stringify(o[`${ELI}amends`]) === JSON.stringify([{ "@id": "urn:policy-graph:03/NQ-CP" }]))).toBe(true);
    const triples = await quads(doc);
    expect(triples).toEqual(expect.arrayContaining([
      `<urn:policy-graph:71/NQ-CP> <${ELI}amends> <urn:policy-graph:03/NQ-CP> .`,
      `<urn:policy-graph:03/NQ-CP> <${ELI}ensures_implementation_of> <urn:policy-graph:57-NQ/TW> .`,
      `<urn:policy-graph:03/NQ-CP> <${ELI}passed_by> <urn:policy-graph:chinh-phu> .`,
      `<urn:policy-graph:57-NQ/TW> <${RDF}type> <${ELI}LegalResource> .`,
      `<urn:policy-graph:57-NQ/TW> <${ELI}date_document> "2024-12-22"^^<http://www.w3.org/2001/XMLSchema#date> .`,
      `<urn:policy-graph:57-NQ/TW> <http://purl.org/dc/terms/title> "${TITLE_57}"@vi .`,
      `<urn:policy-graph:1131/Q%C4%90-TTg%231> <https://schema.org/name> "Trí tuệ nhân tạo"@vi .`,
      `<urn:policy-graph:03/NQ-CP%2329> <${PG}LED_BY> <urn:policy-graph:bo-khoa-hoc-va-cong-nghe> .`,
      // the task's reports: a typed date-time, and each report on its task
      `<urn:policy-graph:report%3A1> <${RDF}type> <${PG}ProgressReport> .`,
      `<urn:policy-graph:report%3A1> <${PG}recordedAt> "${RECORDED_AT}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .`,
      `<urn:policy-graph:report%3A1> <${PG}reportedOn> "2025-06-20"^^<http://www.w3.org/2001/XMLSchema#date> .`,
      `<urn:policy-graph:report%3A1> <${PG}REPORTS_ON> <urn:policy-graph:03/NQ-CP%2329> .`,
      `<urn:policy-graph:03/NQ-CP%2329%402025-05-24> <${PG}REPORTS_ON> <urn:policy-graph:03/NQ-CP%2329> .`,
      `<urn:policy-graph:03/NQ-CP%2329%402025-05-24> <http://purl.org/dc/terms/source> <urn:policy-graph:article-001> .`,
    ]));
    // a seeded report's provenance is a Statement like any other; a task holds no status of its own
    const seeded = "<urn:policy-graph:relationship:03%2FNQ-CP%2329%402025-05-24%7CREPORTS_ON%7C03%2FNQ-CP%2329>";
    expect(triples).toEqual(expect.arrayContaining([`${seeded} <${PG}quote> "đang triển khai" .`, `${seeded} <${PG}sourceId> <urn:policy-graph:article-001> .`]));
    expect(triples.filter((t) => t.startsWith("<urn:policy-graph:03/NQ-CP%2329> ") && /status/i.test(t))).toEqual([`<urn:policy-graph:03/NQ-CP%2329> <${PG}statusOnDate> "IN_PROGRESS" .`]);
    // the provenance of AMENDS, as an rdf:Statement
    const statement = "<urn:policy-graph:relationship:71%2FNQ-CP%7CAMENDS%7C03%2FNQ-CP>";
    expect(triples).toEqual(expect.arrayContaining([
      `${statement} <${RDF}type> <${RDF}Statement> .`,
      `${statement} <${RDF}subject> <urn:policy-graph:71/NQ-CP> .`,
      `${statement} <${RDF}predicate> <${ELI}amends> .`,
      `${statement} <${RDF}object> <urn:policy-graph:03/NQ-CP> .`,
      `${statement} <${PG}sourceId> <urn:policy-graph:article-001> .`,
      `${statement} <${PG}trust> "OFFICIAL" .`,
    ]));
    // the two parallel LED_BY keep their own statements; the list is repeated values
    expect(triples.filter((t) => t.includes(`<${RDF}predicate> <${PG}LED_BY>`))).toHaveLength(2);
    expect(triples.filter((t) => t.includes(`<${PG}changes>`))).toHaveLength(2);
    // Vietnamese text with quotes and line breaks survives (N-Quads escapes \\t \\n \\r and ")
    const tricky = JSON.stringify(TRICKY).slice(1, -1).replace(/\\t/g, "\\t");
    expect(triples).toContain(`<urn:policy-graph:03/NQ-CP%2329> <http://purl.org/dc/terms/title> "${tricky}"@vi .`);
  });

  it("refers to the published context by URL, giving the same triples", async () => {
    const url = "http://localhost:4000/export/context.jsonld";
    const doc = JSON.parse((await written(jsonldFormat({ contextUrl: url, inline: false }))).toString("utf8"));
    expect(doc["@context"]).toBe(url);
    const loader = async (u: string) => {
      if (u !== url) throw new Error(`unexpected ${u}`);
      return { contextUrl: null, documentUrl: u, document: contextDocument() };
    };
    const inline = await quads(JSON.parse((await written(FORMATS.jsonld!)).toString("utf8")));
    const byUrl = await quads(doc, loader);
    const conformsTo = `<http://purl.org/dc/terms/conformsTo> <${url}>`;
    expect(byUrl.filter((t) => !t.includes(conformsTo)).sort()).toEqual(inline.sort());
  });
});

describe("neo4j-admin CSV zip", () => {
  async function unzip(buffer: Buffer): Promise<Map<string, string>> {
    return new Promise((resolve, reject) => {
      const files = new Map<string, string>();
      yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
        if (err || !zip) return reject(err);
        zip.on("error", reject);
        zip.on("end", () => resolve(files));
        zip.on("entry", (entry: yauzl.Entry) => {
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return reject(e);
            const chunks: Buffer[] = [];
            stream.on("data", (c: Buffer) => chunks.push(c));
            stream.on("end", () => { files.set(entry.fileName, Buffer.concat(chunks).toString("utf8")); zip.readEntry(); });
          });
        });
        zip.readEntry();
      });
    });
  }

  /** RFC 4180 rows (quoted fields may hold quotes as "" and line breaks). */
  function rows(text: string): string[][] {
    const out: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; } else if (c === "\n") { row.push(field); out.push(row); row = []; field = ""; } else field += c;
    }
    return out;
  }

  it("unzips into one typed file per label and per relationship type, and import.txt", async () => {
    const files = await unzip(await written(FORMATS.csv!));
    expect([...files.keys()]).toEqual([
      "nodes-Agency.csv", "nodes-Document.csv", "nodes-ProgressReport.csv", "nodes-Source.csv", "nodes-Target.csv", "nodes-Task.csv", "nodes-TechnologyGroup.csv",
      "rels-AMENDS.csv", "rels-CONCERNS.csv", "rels-COORDINATED_WITH.csv", "rels-IMPLEMENTS.csv", "rels-ISSUED_BY.csv", "rels-LED_BY.csv",
      "rels-REPORTS_ON.csv", "rels-SOURCED_FROM.csv", "rels-SUCCEEDED_BY.csv", "rels-SUPERSEDES.csv", "rels-UPDATES.csv", "import.txt",
    ]);
    const tasks = rows(files.get("nodes-Task.csv")!);
    expect(tasks[0]).toEqual(["id:ID", "titleVi:string", "titleEn:string", "deadline:date", "deadlineText:string", "recurring:boolean",
      "statusOnDate:string", "lifeStart:date", "lifeEnd:date", ":LABEL"]);
    expect(tasks).toHaveLength(4);
    expect(tasks[1]!.slice(0, 6)).toEqual(["03/NQ-CP#29", TRICKY, "Task 29", "2025-06-30", "6/2025", "false"]);
    expect(rows(files.get("nodes-Target.csv")!)[0]).toEqual(["id:ID", "titleVi:string", "titleEn:string", "value:double", "year:long", ":LABEL"]);
    expect(rows(files.get("nodes-Target.csv")!)[1]!.slice(3)).toEqual(["2.5", "2030", "Target"]);
    const reports = rows(files.get("nodes-ProgressReport.csv")!);
    expect(reports[0]).toEqual(["id:ID", "reportedOn:date", "status:string", "percent:long", "submittedBy:string", "recordedAt:datetime", "sequence:long", "trust:string", ":LABEL"]);
    expect(reports.slice(1)).toEqual([
      ["03/NQ-CP#29@2025-05-24", "2025-05-24", "IN_PROGRESS", "", "seed", "", "0", "ARTICLE", "ProgressReport"],
      ["report:1", "2025-06-20", "DONE", "100", "bo-khoa-hoc-va-cong-nghe/reporter", RECORDED_AT, "1", "REPORTED", "ProgressReport"],
      ["report:2", "2025-06-20", "IN_PROGRESS", "90", "curator", "2025-06-22T09:00:00.000000000Z", "2", "REPORTED", "ProgressReport"],
    ]);
    expect(rows(files.get("rels-SUPERSEDES.csv")!)).toEqual([[":START_ID", ":END_ID", "sourceId:string", "quote:string", "trust:string", ":TYPE"], ["report:2", "report:1", "", "", "REPORTED", "SUPERSEDES"]]);
    const agencies = files.get("nodes-Agency.csv")!.split("\n");
    expect(agencies[3]).toBe('"chinh-phu","Chính phủ","Government","GOVERNMENT",,"Agency"'); // no dissolvedOn: empty, unquoted
    const updates = rows(files.get("rels-UPDATES.csv")!);
    expect(updates[0]).toEqual([":START_ID", ":END_ID", "sourceId:string", "quote:string", "trust:string", "changes:string[]", "note:string", ":TYPE"]);
    expect(updates[1]).toEqual(["71/NQ-CP#1", "03/NQ-CP#29", "article-001", "cập nhật thời hạn", "DRAFT_REPORT", "DEADLINE;OWNER", "", "UPDATES"]);
    const led = rows(files.get("rels-LED_BY.csv")!);
    expect(led.slice(1).map((r) => r[3])).toEqual([TRICKY, "chủ trì (bản thứ hai)"]);
    expect(rows(files.get("rels-AMENDS.csv")!)[1]!.slice(0, 2)).toEqual(["71/NQ-CP", "03/NQ-CP"]);
    const command = files.get("import.txt")!.split("\n").find((l) => l.startsWith("bin/neo4j-admin"));
    expect(command).toBe(
      'bin/neo4j-admin database import full neo4j --id-type=string --array-delimiter=";" --multiline-fields=true ' +
      [...files.keys()].filter((f) => f.startsWith("nodes-")).map((f) => `--nodes=import/${f}`).join(" ") + " " +
      [...files.keys()].filter((f) => f.startsWith("rels-")).map((f) => `--relationships=import/${f}`).join(" "),
    );
  });

  it("gives a label met again after another a further file, with its own header, named in import.txt", async () => {
    const source = sampleSource();
    const nodes = source.nodes.bind(source);
    source.nodes = async function* () {
      const all: ExportNode[] = [];
      for await (const n of nodes()) all.push(n);
      yield* [...all.filter((n) => n.label === "Agency").slice(0, 2), ...all.filter((n) => n.label !== "Agency"), ...all.filter((n) => n.label === "Agency").slice(2)];
    };
    const files = await unzip(await written(FORMATS.csv!, source));
    expect(rows(files.get("nodes-Agency.2.csv")!)).toEqual([rows(files.get("nodes-Agency.csv")!)[0], ["chinh-phu", "Chính phủ", "Government", "GOVERNMENT", "", "Agency"]]);
    expect(files.get("import.txt")).toContain("--nodes=import/nodes-TechnologyGroup.csv --nodes=import/nodes-Agency.2.csv --relationships=");
  });

  it("refuses a list element holding the array delimiter rather than splitting it", async () => {
    const source = sampleSource();
    const rels = source.relationships.bind(source);
    source.relationships = async function* () {
      for await (const r of rels()) yield r.type === "UPDATES" ? { ...r, properties: { ...r.properties, changes: ["DEADLINE;OWNER"] } } : r;
    };
    await expect(written(FORMATS.csv!, source)).rejects.toThrow('changes holds "DEADLINE;OWNER", which contains the array delimiter ";"');
  });
});

describe("every format", () => {
  it.each(Object.keys(FORMATS))("%s streams with flat memory: it waits for a slow output's drain and never buffers the file", async (id) => {
    const format = FORMATS[id]!;
    const n = 20_000;
    const source = syntheticSource(n);
    let bytes = 0;
    let maxBuffered = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        maxBuffered = Math.max(maxBuffered, out.writableLength);
        setImmediate(done);
      },
    });
    await format.write(source, out);
    expect(source.pulled()).toBe(2 * n - 1);
    expect(bytes).toBeGreaterThan(id === "csv" ? 200_000 : 1_000_000); // the zip is deflated
    // at most one gathered chunk (~64 KB) waits in the output, whatever the size of the file
    expect(maxBuffered).toBeLessThan(256 * 1024);
  });

  it.each(Object.entries(FORMATS))("%s names its content type and file extension", (id, format) => {
    expect(format.id).toBe(id);
    expect(format.contentType).toMatch(/^application\//);
    expect(format.extension).toMatch(/^[a-z.]+$/);
  });
});
