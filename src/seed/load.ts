// Writes a validated seed graph to Neo4j in ONE transaction, touching only what the seed
// itself loaded. Everything it writes carries the internal property `load: "seed"` (not in the
// SDL); other loads (the synthetic national graph, a curator's import) tag theirs otherwise,
// and a reload leaves them alone, including their relationships to seed nodes. A reload:
//   1. deletes the seed's own relationships (they are recreated below);
//   2. deletes seed nodes no longer in the seed (with whatever touches them);
//   3. MERGEs every seed node by label + id and sets its properties;
//   4. recreates the seed's relationships and citations, every end matched by label + id.
// One transaction, so readers never see half a seed and a failure leaves the previous graph.
// Every MATCH is anchored on an index: the id uniqueness constraints, or the `load` index of
// src/db/migrations.ts.
import neo4j, { type Driver } from "neo4j-driver";

import { inWriteTransaction, read, type Db, type Tx } from "../db/gateway.js";
import type { SchemaModel, ValueField } from "../model/index.js";
import type { SeedGraph } from "./validate.js";

/** The tag on everything the seed loads. */
export const SEED_LOAD = "seed";

export interface LoadResult {
  loaded: boolean;
  hash: string;
  counts: Record<string, number>;
  relationships: number;
}

type Props = Record<string, unknown>;

const toDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new neo4j.types.Date(y!, m!, d!);
};

/** Converts plain values (ISO dates, numbers) to Neo4j types, following the SDL field types. */
export function neo4jProps(props: Props, fields: Pick<ValueField, "name" | "type">[]): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    const type = fields.find((f) => f.name === k)?.type;
    if (type === "Date") out[k] = toDate(v as string);
    else if (type === "Int") out[k] = neo4j.int(v as number);
    else out[k] = v;
  }
  return out;
}

interface SeedMeta { hash: string | null; tagged: boolean }

async function seedMeta(db: Db): Promise<SeedMeta> {
  const records = await read(db, "seed.meta", "MATCH (m:SeedMeta {key: 'seed'}) RETURN m.hash AS hash, m.tagged AS tagged");
  return { hash: (records[0]?.get("hash") as string | undefined) ?? null, tagged: records[0]?.get("tagged") === true };
}

export async function seedHashInDatabase(driver: Driver, database?: string): Promise<string | null> {
  return (await seedMeta({ driver, database })).hash;
}

/** Nodes per type, from the count store (one label each: no scan). */
export async function countByType(driver: Driver, database: string | undefined, model: SchemaModel): Promise<LoadResult["counts"]> {
  const counts: Record<string, number> = {};
  for (const label of model.nodeTypes.keys()) {
    const records = await read({ driver, database }, "seed.countNodes", `MATCH (n:\`${label}\`) RETURN count(n) AS c`);
    counts[label] = Number(records[0]!.get("c"));
  }
  return counts;
}

/** Every relationship in the database, from the count store. */
async function countRelationships(db: Db): Promise<number> {
  const records = await read(db, "seed.countRelationships", "MATCH ()-[r]->() RETURN count(r) AS c");
  return Number(records[0]!.get("c"));
}

export async function loadSeed(
  driver: Driver,
  database: string | undefined,
  graph: SeedGraph,
  model: SchemaModel,
  opts: { force?: boolean } = {},
): Promise<LoadResult> {
  const db: Db = { driver, database };
  const meta = await seedMeta(db);
  // A store written before the tags existed is reloaded (and tagged) even when the hash matches.
  const loaded = opts.force === true || meta.hash !== graph.hash || (meta.hash !== null && !meta.tagged);
  if (loaded) {
    await inWriteTransaction(db, "seed.load", async (tx) => {
      if (meta.hash !== null && !meta.tagged) await tagLegacySeed(tx, model);
      // No SeedMeta, no seed: it is written in the same transaction as everything else.
      if (meta.hash !== null) await deletePrevious(tx, graph, model);
      await writeGraph(tx, graph, model);
    });
  }
  return { loaded, hash: graph.hash, counts: await countByType(driver, database, model), relationships: await countRelationships(db) };
}

/**
 * The loader before the tags replaced every node of a project label, so in a store it wrote
 * every such node and relationship was the seed's: tag them once, then reload as usual. (These
 * are label scans, but only of a store that holds nothing but the ~700-node seed.)
 */
async function tagLegacySeed(tx: Tx, model: SchemaModel) {
  for (const label of model.nodeTypes.keys()) {
    await tx.run("seed.tagLegacyNodes", `MATCH (n:\`${label}\`) WHERE n.load IS NULL SET n.load = $load`, { load: SEED_LOAD });
    await tx.run(
      "seed.tagLegacyRelationships",
      `MATCH (n:\`${label}\` {load: $load})-[r]->() WHERE r.load IS NULL SET r.load = $load`,
      { load: SEED_LOAD },
    );
  }
}

/** The seed's own relationships (recreated by writeGraph) and its nodes no longer in the seed. */
async function deletePrevious(tx: Tx, graph: SeedGraph, model: SchemaModel) {
  const load = SEED_LOAD;
  for (const label of model.nodeTypes.keys()) {
    // Outgoing only: every seed relationship starts at a seed node, and the incoming ones
    // other loads made (a synthetic task LED_BY a ministry) are never visited.
    await tx.run(
      "seed.deleteRelationships",
      `MATCH (n:\`${label}\` {load: $load})-[r]->() WHERE r.load = $load DELETE r`,
      { load },
    );
  }
  for (const label of model.nodeTypes.keys()) {
    const ids = [...graph.nodes.values()].filter((n) => n.type === label).map((n) => n.id);
    await tx.run(
      "seed.deleteRemovedNodes",
      `MATCH (n:\`${label}\` {load: $load}) WHERE NOT n.id IN $ids DETACH DELETE n`,
      { load, ids },
    );
  }
}

async function writeGraph(tx: Tx, graph: SeedGraph, model: SchemaModel) {
  const load = SEED_LOAD;
  const nodesByType = groupBy([...graph.nodes.values()], (n) => n.type);

  for (const [label, type] of model.nodeTypes) {
    const rows = (nodesByType.get(label) ?? []).map((n) => ({ ...neo4jProps(n.props, type.fields), id: n.id }));
    if (rows.length) {
      await tx.run("seed.mergeNodes", `UNWIND $rows AS row MERGE (n:\`${label}\` {id: row.id}) SET n = row, n.load = $load`, { rows, load });
    }
  }

  for (const [label, list] of groupBy(graph.citations, (c) => c.type)) {
    const rows = list.map((c) => ({ id: c.id, source: c.source, props: { quote: c.quote, trust: c.trust, ...(c.note ? { note: c.note } : {}), load } }));
    await tx.run(
      "seed.createCitations",
      `UNWIND $rows AS row MATCH (n:\`${label}\` {id: row.id}) MATCH (s:Source {id: row.source}) CREATE (n)-[r:SOURCED_FROM]->(s) SET r = row.props`,
      { rows },
    );
  }

  for (const list of groupBy(graph.relationships, (r) => `${r.fromType}|${r.relType}|${r.toType}|${r.field}`).values()) {
    const { fromType, relType, toType, field } = list[0]!;
    const propsFields = model.nodeTypes.get(fromType)!.relationships.find((r) => r.name === field)!.properties;
    const rows = list.map((r) => ({ from: r.fromId, to: r.toId, props: { ...neo4jProps(r.props, propsFields), load } }));
    await tx.run(
      "seed.createRelationships",
      `UNWIND $rows AS row MATCH (a:\`${fromType}\` {id: row.from}) MATCH (b:\`${toType}\` {id: row.to}) CREATE (a)-[r:\`${relType}\`]->(b) SET r = row.props`,
      { rows },
    );
  }

  await tx.run(
    "seed.recordLoad",
    "MERGE (m:SeedMeta {key: 'seed'}) SET m.hash = $hash, m.tagged = true, m.loadedAt = datetime()",
    { hash: graph.hash },
  );
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
