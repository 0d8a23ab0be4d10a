// Round trip of the CSV export: the whole seeded graph, exported as the zip of neo4j-admin
// CSVs, extracted, bulk-imported (src/db/adminImport.ts) into a fresh local Neo4j with an
// empty store, must give back the same graph: node counts per label, relationship counts per
// type, every node's properties with their Neo4j types, every relationship with its ends and
// properties. What the export deliberately changes is asserted too: the internal `searchText`
// is left out, and Tasks gain the export-only `statusOnDate`, `lifeStart` and `lifeEnd`.
// Beside the seed, the graph holds two reports written through the write path (a report and
// the correction that supersedes it, with agency and evidence), so what writes add (a
// DateTime recordedAt, REPORTED_BY, EVIDENCED_BY, SUPERSEDES between reports) comes back too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";

import neo4j, { type Driver } from "neo4j-driver";
import yauzl from "yauzl";

import { CSV_IMPORT_FLAGS, importCsv } from "../../src/db/adminImport.js";
import { createDriver } from "../../src/db/driver.js";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../src/db/localNeo4j.js";
import { vocabulary } from "../../src/export/selection.js";
import { prepareExport } from "../../src/export/write.js";
import { buildModel } from "../../src/model/index.js";
import { parseProgress } from "../../src/reports/rules.js";
import { writeProgress } from "../../src/reports/write.js";
import { config, database, testDriver } from "../support/db.js";
import { clearWrites } from "../support/writes.js";

const TIMEOUT = 180_000;
/** the task the test writes two reports on (it has a seeded one too) */
const REPORTED_TASK = "71/NQ-CP#3";
import { INTERNAL } from "../../src/export/read.js";
/** added by the export to Task nodes (src/export/read.ts) */
const EXPORT_ONLY_TASK = new Set(["statusOnDate", "lifeStart", "lifeEnd"]);

/** A property as [Cypher valueType, value], values made comparable (dates as ISO text; ints are numbers: disableLosslessIntegers). */
type Typed = [string, unknown];
interface GraphNode { labels: string[]; props: Record<string, Typed> }
interface GraphRel { start: string; type: string; end: string; props: Record<string, Typed> }
interface Snapshot { nodes: Map<string, GraphNode>; rels: GraphRel[] }

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (neo4j.isDate(value as object) || neo4j.isDateTime(value as object) || neo4j.isLocalDateTime(value as object)) return String(value);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  return value;
}

const typedProps = (pairs: [string, string, unknown][]) =>
  Object.fromEntries(pairs.map(([k, type, v]) => [k, [type, plain(v)] as Typed]).sort(([a], [b]) => String(a).localeCompare(String(b))));

async function snapshot(driver: Driver, db: string | undefined): Promise<Snapshot> {
  const q = (cypher: string) => driver.executeQuery(cypher, {}, { database: db, routing: "READ" });
  const { records: nodeRecords } = await q(`
    MATCH (n) RETURN labels(n) AS labels, coalesce(n.id, labels(n)[0] + ':' + n.key) AS id, [k IN keys(n) | [k, valueType(n[k]), n[k]]] AS props`);
  const nodes = new Map<string, GraphNode>();
  // (bookkeeping nodes have no id: a SeedMeta is known by its key)
  for (const r of nodeRecords) {
    const id = r.get("id") as string;
    if (nodes.has(id)) throw new Error(`two nodes with id ${id}`);
    nodes.set(id, { labels: (r.get("labels") as string[]).slice().sort(), props: typedProps(r.get("props")) });
  }
  const { records: relRecords } = await q(`
    MATCH (a)-[r]->(b) RETURN a.id AS start, type(r) AS type, b.id AS end, [k IN keys(r) | [k, valueType(r[k]), r[k]]] AS props`);
  const rels = relRecords.map((r) => ({ start: r.get("start"), type: r.get("type"), end: r.get("end"), props: typedProps(r.get("props")) }) as GraphRel);
  return { nodes, rels };
}

function countBy<T>(items: Iterable<T>, key: (t: T) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) for (const k of key(item)) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The difference of two multisets of strings: what only `a` has, with multiplicity. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

function unzipTo(zipFile: string, dir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const names: string[] = [];
    yauzl.open(zipFile, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on("error", reject);
      zip.on("end", () => resolve(names));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.includes("/") || entry.fileName.includes("\\")) return reject(new Error(`unexpected path in the zip: ${entry.fileName}`));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          pipeline(stream, fs.createWriteStream(path.join(dir, entry.fileName))).then(() => {
            names.push(entry.fileName);
            zip.readEntry();
          }, reject);
        });
      });
      zip.readEntry();
    });
  });
}

/** The command of import.txt: its files (as extracted into `dir`) and its other flags. */
function importTxt(text: string, dir: string) {
  const line = text.split("\n").find((l) => l.startsWith("bin/neo4j-admin database import full neo4j "));
  if (!line) throw new Error(`import.txt has no neo4j-admin command line:\n${text}`);
  const files = { nodes: [] as string[], relationships: [] as string[] };
  const flags: string[] = [];
  for (const token of line.split(" ").slice(5)) {
    const m = /^--(nodes|relationships)=import\/(.+)$/.exec(token);
    if (m) files[m[1] as "nodes" | "relationships"].push(path.join(dir, m[2]!));
    else flags.push(token.replace(/="(.*)"$/, "=$1"));
  }
  return { files, flags };
}

describe("Round trip: the CSV export, imported into a fresh Neo4j (the local one, empty store), gives back the same subgraph (labels, properties with types, relationships)", () => {
  const model = buildModel();
  const exportedLabels = vocabulary(model).labels;
  let tmp = "";
  let original: Driver | undefined;
  let importedDriver: Driver | undefined;
  let local: LocalNeo4j | undefined;
  let before: Snapshot;
  let after: Snapshot;
  let exported = { nodes: 0, relationships: 0 };
  /** the report and its correction */
  let written: string[] = [];
  let importTxtFlags: string[] = [];
  const importerOutput: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-roundtrip-"));
    const csvDir = path.join(tmp, "csv");
    const dataDir = path.join(tmp, "store");
    fs.mkdirSync(csvDir);

    // 0. a report and its correction, written as a curator writes them
    original = testDriver();
    const db = { driver: original, database };
    const [lead] = (await original.executeQuery("MATCH (:Task {id: $id})-[:LED_BY]->(a:Agency) RETURN a.id AS id ORDER BY id LIMIT 1", { id: REPORTED_TASK }, { database })).records;
    const writer = { db, identity: { subject: "roundtrip-curator", role: "CURATOR" as const, agencyId: null }, requestId: "roundtrip", action: "reportProgress" as const };
    const [first] = await writeProgress(writer, [{ input: parseProgress({ taskId: REPORTED_TASK, status: "DONE", reportedOn: "2025-06-15", agencyId: lead!.get("id"), evidence: { documentId: "71/NQ-CP" } }) }]);
    const [correction] = await writeProgress(writer, [{ input: parseProgress({ taskId: REPORTED_TASK, status: "IN_PROGRESS", reportedOn: "2025-06-15", percent: 80, note: "corrected: not yet done", supersedes: first!.id }) }]);
    written = [first!.id, correction!.id];

    // 1. export the whole graph as the zip of CSVs
    const job = await prepareExport({ driver: original, database }, model, {}, "csv");
    exported = { nodes: job.nodes, relationships: job.relationships };
    const zipFile = path.join(tmp, job.fileName);
    const through = new PassThrough();
    const piping = pipeline(through, fs.createWriteStream(zipFile));
    await job.write(through);
    through.end();
    await piping;

    // 2. extract it and import it as import.txt says
    const names = await unzipTo(zipFile, csvDir);
    const { files, flags } = importTxt(fs.readFileSync(path.join(csvDir, "import.txt"), "utf8"), csvDir);
    importTxtFlags = flags;
    expect(names.slice().sort()).toEqual(["import.txt", ...[...files.nodes, ...files.relationships].map((f) => path.basename(f))].sort());
    await importCsv({ home: config.NEO4J_HOME, dataDir, files, log: (line) => importerOutput.push(line) });

    // 3. open the imported store with the local Neo4j, as the service would
    local = await startLocalNeo4j({ home: config.NEO4J_HOME, dataDir, port: await freePort(), pageCache: "64m", heap: "512m", log: () => undefined });
    importedDriver = createDriver({ uri: local.uri, user: local.user, password: local.password });

    before = await snapshot(original, database);
    after = await snapshot(importedDriver, "neo4j");
  }, TIMEOUT);

  afterAll(async () => {
    try {
      await importedDriver?.close();
      if (original) await clearWrites(original, database);
      await original?.close();
      await local?.stop();
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  /** the original graph as exported: nodes of the SDL's labels, relationships between them */
  const originalExported = () => {
    const nodes = new Map([...before.nodes].filter(([, n]) => exportedLabels.includes(n.labels[0]!)));
    const rels = before.rels.filter((r) => nodes.has(r.start) && nodes.has(r.end));
    return { nodes, rels };
  };

  it("imports with the flags import.txt names, and reports what it imported", () => {
    expect(importTxtFlags.slice().sort()).toEqual(CSV_IMPORT_FLAGS.slice().sort());
    const done = importerOutput.find((l) => /^IMPORT DONE/.test(l));
    expect(done).toBeDefined();
    const count = (what: string) => Number(importerOutput.find((l) => new RegExp(`^\\s*\\d+ ${what}$`).test(l))?.trim().split(" ")[0]);
    expect(count("nodes")).toBe(exported.nodes);
    expect(count("relationships")).toBe(exported.relationships);
  });

  it("exports every node but the bookkeeping of the seed and of the writes, one label each", () => {
    const left = [...before.nodes.values()].filter((n) => !exportedLabels.includes(n.labels[0]!));
    expect(countBy(left, (n) => n.labels)).toEqual({ AuditEntry: 2, SeedMeta: 2 });
    expect([...before.nodes.values()].filter((n) => n.labels.length !== 1)).toEqual([]);
    expect(exported.nodes).toBe(before.nodes.size - left.length);
  });

  it("(a) has the same number of nodes per label", () => {
    const { nodes } = originalExported();
    expect(countBy(after.nodes.values(), (n) => n.labels)).toEqual(countBy(nodes.values(), (n) => n.labels));
    expect(after.nodes.size).toBe(exported.nodes);
  });

  it("(b) has the same number of relationships per type", () => {
    const { rels } = originalExported();
    expect(countBy(after.rels, (r) => [r.type])).toEqual(countBy(rels, (r) => [r.type]));
    expect(after.rels.length).toBe(exported.relationships);
  });

  it("(c) gives every node back with the same properties and Neo4j types, less searchText, plus the Task dates and status of the export", () => {
    const { nodes } = originalExported();
    expect([...after.nodes.keys()].sort()).toEqual([...nodes.keys()].sort());
    const onlyOriginal = new Set<string>();
    const onlyImported = new Set<string>();
    const differences: string[] = [];
    for (const [id, o] of nodes) {
      const i = after.nodes.get(id)!;
      expect(i.labels).toEqual(o.labels);
      const label = o.labels[0]!;
      for (const k of Object.keys(o.props)) if (!(k in i.props)) onlyOriginal.add(`${label}.${k}`);
      for (const k of Object.keys(i.props)) if (!(k in o.props)) onlyImported.add(`${label}.${k}`);
      const want = Object.fromEntries(Object.entries(o.props).filter(([k]) => !INTERNAL.has(k)));
      const got = Object.fromEntries(Object.entries(i.props).filter(([k]) => !(label === "Task" && EXPORT_ONLY_TASK.has(k))));
      for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
        if (JSON.stringify(want[k]) !== JSON.stringify(got[k])) differences.push(`${id} .${k}: original ${JSON.stringify(want[k])}, imported ${JSON.stringify(got[k])}`);
      }
    }
    // what the export leaves out and what it adds, exactly
    expect([...onlyOriginal].filter((k) => !INTERNAL.has(k.split(".")[1]!))).toEqual([]);
    expect([...onlyImported].sort()).toEqual(["Task.lifeEnd", "Task.lifeStart", "Task.statusOnDate"]);
    expect(differences.slice(0, 25)).toEqual([]);
    expect(differences.length).toBe(0);
  });

  it("(c) keeps the Neo4j types: Date, DateTime, Integer, Float, Boolean, List<String>, and Vietnamese text byte for byte", async () => {
    const typesOf = async (driver: Driver, db: string | undefined, cypher: string) => {
      const { records } = await driver.executeQuery(`${cypher} RETURN valueType(x) AS t, count(*) AS n ORDER BY t`, {}, { database: db, routing: "READ" });
      return Object.fromEntries(records.map((r) => [r.get("t") as string, r.get("n") as number]));
    };
    const samples: [string, RegExp][] = [
      ["MATCH (d:Document) WITH d.issuedOn AS x WHERE x IS NOT NULL", /^DATE NOT NULL$/],
      ["MATCH (r:ProgressReport) WITH r.recordedAt AS x WHERE x IS NOT NULL", /^ZONED DATETIME NOT NULL$/],
      ["MATCH (r:ProgressReport) WITH r.sequence AS x WHERE x > 0", /^INTEGER NOT NULL$/],
      ["MATCH (t:Target) WITH t.year AS x WHERE x IS NOT NULL", /^INTEGER NOT NULL$/],
      ["MATCH (t:Target) WITH t.value AS x WHERE x IS NOT NULL", /^FLOAT NOT NULL$/],
      ["MATCH (t:Task) WITH t.recurring AS x", /^BOOLEAN NOT NULL$/],
      ["MATCH ()-[r:CONCERNS]->() WITH r.matched AS x", /^LIST<STRING NOT NULL> NOT NULL$/],
    ];
    for (const [cypher, type] of samples) {
      const want = await typesOf(original!, database, cypher);
      const got = await typesOf(importedDriver!, "neo4j", cypher);
      expect(Object.keys(want)).toEqual([expect.stringMatching(type)]);
      expect(Object.values(want)[0]).toBeGreaterThan(0);
      expect(got).toEqual(want);
    }
    // and the driver sees a Date as a Date, a DateTime as a DateTime
    const { records } = await importedDriver!.executeQuery("MATCH (d:Document) WHERE d.issuedOn IS NOT NULL RETURN d.issuedOn AS d LIMIT 1", {}, { database: "neo4j" });
    expect(neo4j.isDate(records[0]!.get("d"))).toBe(true);
    const { records: written } = await importedDriver!.executeQuery("MATCH (r:ProgressReport) WHERE r.recordedAt IS NOT NULL RETURN r.recordedAt AS at", {}, { database: "neo4j" });
    expect(written).toHaveLength(2);
    for (const r of written) expect(neo4j.isDateTime(r.get("at"))).toBe(true);

    const agencies = async (driver: Driver, db: string | undefined) => {
      const { records: rows } = await driver.executeQuery("MATCH (a:Agency) RETURN a.id AS id, a.nameVi AS name ORDER BY id", {}, { database: db, routing: "READ" });
      return rows.map((r) => [r.get("id") as string, Buffer.from(r.get("name") as string, "utf8").toString("hex")]);
    };
    const want = await agencies(original!, database);
    expect(want.some(([, hex]) => /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơư]/i.test(Buffer.from(hex!, "hex").toString("utf8")))).toBe(true);
    expect(await agencies(importedDriver!, "neo4j")).toEqual(want);
  });

  // neo4j-admin's CSV has no spelling of an empty list ("" reads as no property, ";" as
  // ["", ""]), so the seed validator forbids empty lists: the graph must hold none, or the
  // round trip would lose them (and `[X!]!` fields would break over an imported graph).
  it("the graph holds no empty list, so no list is lost on the way", () => {
    const { nodes, rels } = originalExported();
    const isEmptyList = (t: Typed | undefined) => Array.isArray(t?.[1]) && (t![1] as unknown[]).length === 0;
    const empty: string[] = [];
    for (const [id, o] of nodes) for (const [k, t] of Object.entries(o.props)) if (isEmptyList(t)) empty.push(`node ${id} .${k}`);
    for (const o of rels) for (const [k, t] of Object.entries(o.props)) if (isEmptyList(t)) empty.push(`(${o.start})-[:${o.type}]->(${o.end}) .${k}`);
    expect(empty).toEqual([]);
  });

  it("(d) gives every relationship back: the same multiset of (start, type, end, properties with types)", () => {
    const { rels } = originalExported();
    // the writes' relationships are among them: the report's agency and evidence, the correction superseding it, both on the task
    const [report, correction] = written as [string, string];
    const of = (id: string) => rels.filter((r) => r.start === id).map((r) => `${r.type} ${r.end}`).sort();
    expect(of(report)).toEqual(["EVIDENCED_BY 71/NQ-CP", expect.stringMatching(/^REPORTED_BY /), `REPORTS_ON ${REPORTED_TASK}`]);
    expect(of(correction)).toEqual([`REPORTS_ON ${REPORTED_TASK}`, `SUPERSEDES ${report}`]);
    const key = (r: GraphRel) => JSON.stringify([r.start, r.type, r.end, Object.fromEntries(Object.entries(r.props).filter(([k]) => !INTERNAL.has(k)))]);
    const want = rels.map(key);
    const got = after.rels.map(key);
    expect({ missing: minus(want, got).slice(0, 25), extra: minus(got, want).slice(0, 25) }).toEqual({ missing: [], extra: [] });
    expect(got.length).toBe(want.length);
  });
});
