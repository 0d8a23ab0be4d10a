// Writes a synthetic graph (national.ts) in batches: UNWIND of up to 10,000 rows per
// transaction, nodes first (each with its SOURCED_FROM citation), then relationships with both
// ends matched by label + id (index seeks). Too big for one transaction, so it is made safe
// another way: everything carries `load: "synthetic"` and this run's `loadId`; a failure
// deletes this loadId's nodes (and with them every relationship they have) in batches before
// the error is rethrown, and `:SeedMeta {key: "synthetic"}` says `complete` only at the end.
// A new load first deletes the previous synthetic one. Real data is never touched: the seed's
// nodes get relationships from synthetic ones, which go with the synthetic nodes.
import { randomUUID } from "node:crypto";
import neo4j from "neo4j-driver";

import { read, write, type Db } from "../db/gateway.js";
import type { SchemaModel, ValueField } from "../model/index.js";
import { neo4jProps } from "../seed/load.js";
import { PROVENANCE, SYNTHETIC_QUOTE, SYNTHETIC_SOURCE_ID, SYNTHETIC_TRUST, type NationalContext, type SyntheticGraph } from "./national.js";

/** The tag on everything a synthetic load writes. */
export const SYNTHETIC_LOAD = "synthetic";
export const DEFAULT_BATCH_SIZE = 10_000;
/** Batches in flight at once: Neo4j writes them on separate cores. */
export const DEFAULT_CONCURRENCY = 2;
/** Deleting takes each node's relationships along: smaller batches keep transactions light. */
const DELETE_BATCH_SIZE = 5_000;

export interface LoadProgress { nodes: number; relationships: number; total: number }
export interface SyntheticLoadOptions {
  batchSize?: number;
  concurrency?: number;
  onProgress?: (p: LoadProgress) => void;
}
export interface SyntheticLoadResult {
  loadId: string;
  nodes: number;
  relationships: number;
  /** the writing (not the deletion of an earlier load), and its two phases: nodes with their citations, then the other relationships */
  seconds: number;
  nodeSeconds: number;
  relationshipSeconds: number;
}

/** What the database holds that the synthetic graph links to, in a stable order. */
export async function readContext(db: Db): Promise<NationalContext> {
  const root = await read(db, "synthetic.findRoot", "MATCH (d:Document {id: '57-NQ/TW'}) RETURN d.id AS id");
  // A few dozen groups at most: reading them all is cheap.
  const groups = await read(db, "synthetic.technologyGroups",
    "MATCH (g:TechnologyGroup) WHERE g.load IS NULL OR g.load <> $load RETURN g.id AS id ORDER BY id", { load: SYNTHETIC_LOAD });
  const ministries = await read(db, "synthetic.realMinistries",
    "MATCH (a:Agency {load: 'seed'}) WHERE a.kind = 'MINISTRY' AND a.dissolvedOn IS NULL RETURN a.id AS id ORDER BY id");
  return {
    rootDocumentId: (root[0]?.get("id") as string | undefined) ?? null,
    technologyGroupIds: groups.map((r) => r.get("id") as string),
    ministryIds: ministries.map((r) => r.get("id") as string),
  };
}

/** Deletes a synthetic load (one loadId, or every synthetic node) in batches of separate transactions. */
export async function deleteSynthetic(db: Db, model: SchemaModel, loadId?: string): Promise<number> {
  // Reports (leaves) and tasks first, the Source (cited by every node) last: each batch then has few relationships.
  const labels = ["ProgressReport", "Task", "Document", "Section", "Agency", ...model.nodeTypes.keys()].filter((l, i, all) => l !== "Source" && all.indexOf(l) === i);
  let deleted = 0;
  for (const label of [...labels, "Source"]) {
    for (;;) {
      const records = await write(db, "synthetic.deleteBatch",
        `MATCH (n:\`${label}\` {load: $load}) WHERE $loadId IS NULL OR n.loadId = $loadId
         WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS c`,
        { load: SYNTHETIC_LOAD, loadId: loadId ?? null, batch: neo4j.int(DELETE_BATCH_SIZE) });
      const c = Number(records[0]?.get("c") ?? 0);
      deleted += c;
      if (c < DELETE_BATCH_SIZE) break;
    }
  }
  return deleted;
}

const chunks = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

const typedFields = (fields: ValueField[]) => fields.filter((f) => f.type === "Date" || f.type === "Int");

export async function loadSynthetic(db: Db, graph: SyntheticGraph, model: SchemaModel, opts: SyntheticLoadOptions = {}): Promise<SyntheticLoadResult> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  checkAgainstModel(graph, model);
  const loadId = randomUUID();
  const tags = { load: SYNTHETIC_LOAD, loadId };
  const progress: LoadProgress = { nodes: 0, relationships: 0, total: graph.counts.nodes + graph.counts.relationships };

  await write(db, "synthetic.start", "MERGE (m:SeedMeta {key: 'synthetic'}) SET m.status = 'loading', m.loadId = $loadId, m.startedAt = datetime()", { loadId });
  await deleteSynthetic(db, model);
  const started = performance.now(); // the previous load's deletion is not part of this one's rate
  try {
    const source = model.nodeTypes.get("Source")!;
    await write(db, "synthetic.createSource", "CREATE (s:Source) SET s = $row, s += $tags", { row: neo4jProps(graph.source, source.fields), tags });
    progress.nodes++;
    opts.onProgress?.(progress);

    const nodeBatches = graph.nodes.flatMap((group) => {
      const fields = typedFields(model.nodeTypes.get(group.label)!.fields);
      const rows = group.label === "Source" ? group.rows.filter((r) => r.id !== graph.source.id) : group.rows;
      return chunks(rows, batchSize).map((batch) => async () => {
        const records = await write(db, "synthetic.createNodes",
          `MATCH (s:Source {id: $sourceId})
           UNWIND $rows AS row
           CREATE (n:\`${group.label}\`) SET n = row, n += $tags
           CREATE (n)-[c:SOURCED_FROM]->(s) SET c = $citation
           RETURN count(*) AS c`,
          { sourceId: SYNTHETIC_SOURCE_ID, rows: batch.map((r) => neo4jProps(r, fields)), tags, citation: { quote: SYNTHETIC_QUOTE, trust: SYNTHETIC_TRUST, ...tags } });
        expectWritten(records, batch.length, `${group.label} nodes`);
        progress.nodes += batch.length;
        progress.relationships += batch.length;
        opts.onProgress?.(progress);
      });
    });
    await inParallel(nodeBatches, concurrency);
    const nodesDone = performance.now();

    const relationshipBatches = graph.relationships.flatMap((group) => {
      const fields = typedFields(relationshipField(model, group.from, group.type, group.to)!.properties);
      const withProps = group.rows.some((r) => r.props);
      return chunks(group.rows, batchSize).map((batch) => async () => {
        const records = await write(db, "synthetic.createRelationships",
          `UNWIND $rows AS row
           MATCH (a:\`${group.from}\` {id: row.from})
           MATCH (b:\`${group.to}\` {id: row.to})
           CREATE (a)-[r:\`${group.type}\`]->(b) SET r = $common${withProps ? ", r += row.props" : ""}
           RETURN count(*) AS c`,
          { rows: withProps ? batch.map((r) => ({ from: r.from, to: r.to, props: neo4jProps(r.props ?? {}, fields) })) : batch, common: { ...PROVENANCE, ...tags } });
        expectWritten(records, batch.length, `${group.type} relationships from ${group.from} to ${group.to}`);
        progress.relationships += batch.length;
        opts.onProgress?.(progress);
      });
    });
    await inParallel(relationshipBatches, concurrency);
    const done = performance.now();

    await write(db, "synthetic.complete",
      `MERGE (m:SeedMeta {key: 'synthetic'})
       SET m.status = 'complete', m.loadId = $loadId, m.nodes = $nodes, m.relationships = $relationships, m.tasks = $tasks, m.reports = $reports, m.completedAt = datetime()`,
      { loadId, nodes: neo4j.int(graph.counts.nodes), relationships: neo4j.int(graph.counts.relationships), tasks: neo4j.int(graph.counts.tasks), reports: neo4j.int(graph.counts.reports) });
    return {
      loadId, nodes: graph.counts.nodes, relationships: graph.counts.relationships,
      seconds: (done - started) / 1000, nodeSeconds: (nodesDone - started) / 1000, relationshipSeconds: (done - nodesDone) / 1000,
    };
  } catch (err) {
    await deleteSynthetic(db, model, loadId)
      .then(() => write(db, "synthetic.failed", "MATCH (m:SeedMeta {key: 'synthetic', loadId: $loadId}) SET m.status = 'failed'", { loadId }))
      .catch(() => undefined); // the load's own error is the one to report
    throw err;
  }
}

/**
 * Runs `jobs` with at most `concurrency` in flight. After a failure no new job starts; the
 * ones running finish (so the cleanup that follows sees everything written), then it throws.
 */
async function inParallel(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await job();
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.err;
}

/** A batch whose rows did not all match (an end missing) would leave a graph unlike the generator's. */
function expectWritten(records: { get(k: string): unknown }[], expected: number, what: string) {
  const written = Number(records[0]?.get("c") ?? 0);
  if (written !== expected) throw new Error(`Synthetic load: wrote ${written} of ${expected} ${what}; an end node is missing`);
}

function relationshipField(model: SchemaModel, from: string, type: string, to: string) {
  return model.nodeTypes.get(from)?.relationships.find((r) => r.direction === "OUT" && r.relType === type && r.targets.includes(to));
}

/** Labels and relationship types are written into Cypher: each must be one the SDL defines. */
function checkAgainstModel(graph: SyntheticGraph, model: SchemaModel) {
  for (const g of graph.nodes) if (!model.nodeTypes.has(g.label)) throw new Error(`Synthetic load: ${g.label} is not a node type of the schema`);
  for (const g of graph.relationships) {
    if (!relationshipField(model, g.from, g.type, g.to)) throw new Error(`Synthetic load: (${g.from})-[:${g.type}]->(${g.to}) is not in the schema`);
  }
}
