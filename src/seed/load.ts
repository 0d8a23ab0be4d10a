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
//
// The check that decides whether to load does not trust the hash alone: a graph changed
// behind the loader's back (a node forged, a property edited, a relationship deleted) would
// be served while the hash still matched. So each load also records in `:SeedMeta` what it
// wrote: the counts of the seed's nodes and relationships and a content fingerprint (MD5s of
// every seed node's and relationship's properties and ends, in Cypher, sorted), and every
// check recomputes them, from the `load` index, never a scan of other loads' nodes (a
// synthetic country has 10^6). A difference reloads the seed, saying why. Nodes and
// relationships that no load wrote (no `load` tag, counted as what the count store holds
// beyond every load's record) are reported, not deleted: like other loads' data, the loader
// leaves alone what it did not write.
import { createHash } from "node:crypto";
import neo4j, { type Driver } from "neo4j-driver";

import { inWriteTransaction, read, type Db, type Tx } from "../db/gateway.js";
import { AppError } from "../errors/index.js";
import type { SchemaModel, ValueField } from "../model/index.js";
import type { SeedGraph } from "./graph.js";

/** The tag on everything the seed loads. */
export const SEED_LOAD = "seed";
/** The tag on what reporters and curators write (src/reports): never touched by a seed load. */
export const REPORTS_LOAD = "reports";

export interface LoadResult {
  loaded: boolean;
  /** why it was loaded (or reloaded), in words; undefined when the graph was the seed's already */
  reason?: string;
  hash: string;
  counts: Record<string, number>;
  relationships: number;
  /** what the graph holds that no load wrote, in words (left in place, as the loader leaves it) */
  foreign?: string;
}

/** What a load of the seed wrote: recorded with it, recomputed at every check. */
export interface SeedContent { nodes: number; relationships: number; fingerprint: string }

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

interface SeedMeta { hash: string | null; tagged: boolean; content: SeedContent | null }

async function seedMeta(db: Db): Promise<SeedMeta> {
  const records = await read(db, "seed.meta",
    "MATCH (m:SeedMeta {key: 'seed'}) RETURN m.hash AS hash, m.tagged AS tagged, m.nodes AS nodes, m.relationships AS relationships, m.fingerprint AS fingerprint");
  const r = records[0];
  const fingerprint = r?.get("fingerprint") as string | null | undefined;
  return {
    hash: (r?.get("hash") as string | undefined) ?? null,
    tagged: r?.get("tagged") === true,
    content: fingerprint ? { nodes: Number(r!.get("nodes")), relationships: Number(r!.get("relationships")), fingerprint } : null,
  };
}

/** Separates the parts hashed together; a control character, which seed validation refuses in any text. */
const SEP = "\u001f";

/** The seed's nodes of one label and the seed's relationships leaving them: counts and MD5s over their sorted per-item fingerprints. */
const contentOfLabel = (label: string) => `
  CALL () {
    MATCH (n:\`${label}\` {load: $load})
    WITH apoc.hashing.fingerprint(n) AS h ORDER BY h
    RETURN count(h) AS nodes, apoc.util.md5(collect(h)) AS nodePrint
  }
  CALL () {
    MATCH (n:\`${label}\` {load: $load})-[r]->(m) WHERE r.load = $load
    WITH apoc.util.md5([type(r), $sep, n.id, $sep, m.id, $sep, apoc.hashing.fingerprint(r)]) AS h ORDER BY h
    RETURN count(h) AS relationships, apoc.util.md5(collect(h)) AS relPrint
  }
  RETURN nodes, nodePrint, relationships, relPrint`;

type Run = (operation: string, cypher: string, params?: Record<string, unknown>) => Promise<{ get(key: string): unknown }[]>;

/** What the seed's own nodes and relationships are now (read through `run`: a read, or the load's transaction). */
async function seedContent(run: Run, model: SchemaModel): Promise<SeedContent> {
  const hash = createHash("sha256");
  let nodes = 0;
  let relationships = 0;
  for (const label of model.nodeTypes.keys()) {
    const [r] = await run("seed.content", contentOfLabel(label), { load: SEED_LOAD, sep: SEP });
    const n = Number(r!.get("nodes"));
    const rels = Number(r!.get("relationships"));
    nodes += n;
    relationships += rels;
    hash.update(`${label}\t${n}\t${String(r!.get("nodePrint"))}\t${rels}\t${String(r!.get("relPrint"))}\n`);
  }
  return { nodes, relationships, fingerprint: hash.digest("hex") };
}

export const seedContentInDatabase = (driver: Driver, database: string | undefined, model: SchemaModel) =>
  seedContent((op, cypher, params) => read({ driver, database }, op, cypher, params), model);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** How the graph differs from what the last load recorded, in words; undefined when it does not. */
export function describeDrift(recorded: SeedContent, actual: SeedContent): string | undefined {
  const parts: string[] = [];
  const diff = (now: number, then: number, what: string) => {
    if (now > then) parts.push(`${plural(now - then, what)} more than loaded`);
    if (now < then) parts.push(`${plural(then - now, what)} fewer than loaded`);
  };
  diff(actual.nodes, recorded.nodes, "node");
  diff(actual.relationships, recorded.relationships, "relationship");
  if (parts.length === 0 && actual.fingerprint !== recorded.fingerprint) parts.push("as many nodes and relationships as loaded, but properties or ends changed");
  return parts.length ? `the graph differed from the seed: ${parts.join(", ")}` : undefined;
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

/** Why the seed must be (re)loaded, in words; undefined when the graph is the seed's as last loaded. */
async function reasonToLoad(db: Db, meta: SeedMeta, graph: SeedGraph, model: SchemaModel, force: boolean): Promise<string | undefined> {
  if (force) return "asked to (--force)";
  if (meta.hash === null) return "the database held no seed";
  // A store written before the tags existed is reloaded (and tagged) even when the hash matches.
  if (!meta.tagged) return "the store was loaded before the load tags existed";
  if (meta.hash !== graph.hash) return "the seed files changed";
  if (!meta.content) return "the store holds no record of the seed's content yet";
  return describeDrift(meta.content, await seedContentInDatabase(db.driver, db.database, model));
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
  const reason = await reasonToLoad(db, meta, graph, model, opts.force === true);
  let content: SeedContent | undefined;
  if (reason) {
    content = await inWriteTransaction(db, "seed.load", async (tx) => {
      if (meta.hash !== null && !meta.tagged) await tagLegacySeed(tx, model);
      // No SeedMeta, no seed: it is written in the same transaction as everything else.
      if (meta.hash !== null) {
        await refuseOrphans(tx, graph, model);
        await deletePrevious(tx, graph, model);
      }
      await writeGraph(tx, graph, model);
      // What was written, read back inside the transaction: the record the next check compares with.
      const written = await seedContent((op, cypher, params) => tx.run(op, cypher, params), model);
      await tx.run(
        "seed.recordLoad",
        `MERGE (m:SeedMeta {key: 'seed'})
         SET m.hash = $hash, m.tagged = true, m.loadedAt = datetime(), m.nodes = $nodes, m.relationships = $relationships, m.fingerprint = $fingerprint`,
        { hash: graph.hash, ...written },
      );
      return written;
    });
  }
  const foreign = await foreignContent(db, model, content ?? meta.content!);
  return {
    loaded: reason !== undefined, ...(reason ? { reason } : {}), hash: graph.hash,
    counts: await countByType(driver, database, model), relationships: await countRelationships(db),
    ...(foreign ? { foreign } : {}),
  };
}

/** Other loads that recorded their counts when complete (the synthetic national graph): tag → counts. */
async function completeLoads(db: Db): Promise<Map<string, { nodes: number; relationships: number }>> {
  const records = await read(db, "seed.otherLoads",
    "MATCH (m:SeedMeta) WHERE m.key <> $load AND m.status = 'complete' AND m.nodes IS NOT NULL AND m.relationships IS NOT NULL RETURN m.key AS key, m.nodes AS nodes, m.relationships AS relationships",
    { load: SEED_LOAD });
  return new Map(records.map((r) => [r.get("key") as string, { nodes: Number(r.get("nodes")), relationships: Number(r.get("relationships")) }]));
}

/**
 * Nodes of one label tagged by loads whose counts are not recorded (curators' imports, an
 * unfinished synthetic load) and their relationships tagged likewise: index range seeks
 * between the known tags, so the known loads' nodes are never visited.
 */
const otherLoadsOfLabel = (label: string, tags: number) => {
  const ranges = [`n.load < $t0`, ...Array.from({ length: tags - 1 }, (_, i) => `n.load > $t${i} AND n.load < $t${i + 1}`), `n.load > $t${tags - 1}`];
  return `
  CALL () { MATCH (n:\`${label}\`) RETURN count(n) AS total }
  CALL () {
    CALL () { ${ranges.map((w) => `MATCH (n:\`${label}\`) WHERE ${w} RETURN n`).join(" UNION ALL ")} }
    OPTIONAL MATCH (n)-[r]->() WHERE r.load IS NOT NULL AND NOT r.load IN $tags
    RETURN count(DISTINCT n) AS others, count(r) AS otherRelationships
  }
  CALL () {
    MATCH (n:\`${label}\` {load: $seed})-[r]->() WHERE r.load IS NOT NULL AND NOT r.load IN $tags
    RETURN count(r) AS fromSeed
  }
  RETURN total, others, otherRelationships + fromSeed AS otherRelationships`;
};

/**
 * What no load wrote, from counts: the count store's totals minus the seed's content, the
 * complete loads' records and the other tags' nodes. Named (a few examples, found by a scan)
 * only when there is some.
 */
async function foreignContent(db: Db, model: SchemaModel, seed: SeedContent): Promise<string | undefined> {
  const loads = await completeLoads(db);
  const tags = [SEED_LOAD, ...loads.keys()].sort();
  const params: Record<string, unknown> = { seed: SEED_LOAD, tags, ...Object.fromEntries(tags.map((t, i) => [`t${i}`, t])) };
  let total = 0;
  let tagged = seed.nodes;
  let taggedRelationships = seed.relationships;
  for (const l of loads.values()) {
    tagged += l.nodes;
    taggedRelationships += l.relationships;
  }
  for (const label of model.nodeTypes.keys()) {
    const [r] = await read(db, "seed.otherLoads", otherLoadsOfLabel(label, tags.length), params);
    total += Number(r!.get("total"));
    tagged += Number(r!.get("others"));
    taggedRelationships += Number(r!.get("otherRelationships"));
  }
  const nodes = total - tagged;
  const relationships = (await countRelationships(db)) - taggedRelationships;
  if (nodes <= 0 && relationships <= 0) return undefined;
  const examples = await foreignExamples(db, model, nodes > 0, relationships > 0);
  const counted = [nodes > 0 ? plural(nodes, "node") : "", relationships > 0 ? plural(relationships, "relationship") : ""].filter(Boolean).join(" and ");
  const one = Math.max(nodes, 0) + Math.max(relationships, 0) === 1;
  return `the graph differed from the seed: ${counted} more than loaded, with no load tag${examples.length ? ` (e.g. ${examples.join(", ")})` : ""}; ` +
    `a reload keeps what no load wrote, so ${one ? "it stays and is" : "they stay and are"} served: delete ${one ? "it" : "them"} if not meant to be there`;
}

/** A few nodes without a load tag (a label scan: only when the counts say there are some) and untagged relationships of seed nodes. */
async function foreignExamples(db: Db, model: SchemaModel, nodes: boolean, relationships: boolean): Promise<string[]> {
  const found: string[] = [];
  for (const label of model.nodeTypes.keys()) {
    if (found.length >= 5) break;
    if (nodes) {
      const records = await read(db, "seed.foreignNodes", `MATCH (n:\`${label}\`) WHERE n.load IS NULL RETURN n.id AS id LIMIT 5`);
      for (const r of records) found.push(`${label} ${JSON.stringify(r.get("id"))}`);
    }
    if (relationships) {
      const records = await read(db, "seed.foreignRelationships",
        `MATCH (n:\`${label}\` {load: $load})-[r]->(m) WHERE r.load IS NULL RETURN n.id AS from, type(r) AS type, m.id AS to LIMIT 5`, { load: SEED_LOAD });
      for (const r of records) found.push(`(${JSON.stringify(r.get("from"))})-[:${String(r.get("type"))}]->(${JSON.stringify(r.get("to"))})`);
    }
  }
  return found.slice(0, 5);
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

/**
 * Reports are durable: a seed that drops a task, target, agency, document or seeded report that
 * a written report or figure points to would orphan it, so the load is refused, naming them.
 */
async function refuseOrphans(tx: Tx, graph: SeedGraph, model: SchemaModel) {
  const orphaned: string[] = [];
  for (const label of model.nodeTypes.keys()) {
    const ids = [...graph.nodes.values()].filter((n) => n.type === label).map((n) => n.id);
    const records = await tx.run(
      "seed.findOrphans",
      `MATCH (n:\`${label}\` {load: $load}) WHERE NOT n.id IN $ids
       MATCH (n)<-[r]-(w) WHERE r.load = $reports
       WITH n, collect(DISTINCT w.id) AS by ORDER BY n.id
       RETURN n.id AS id, by[0..3] AS by, size(by) AS n`,
      { load: SEED_LOAD, ids, reports: REPORTS_LOAD },
    );
    for (const r of records) {
      const by = r.get("by") as string[];
      const n = Number(r.get("n"));
      orphaned.push(`${label} "${String(r.get("id"))}" (${by.join(", ")}${n > by.length ? `, and ${n - by.length} more` : ""})`);
    }
  }
  if (orphaned.length) {
    throw new AppError("SEED_WOULD_ORPHAN",
      `The seed change is refused: it removes what written reports point to, and they would be orphaned: ${orphaned.slice(0, 20).join("; ")}${orphaned.length > 20 ? `; and ${orphaned.length - 20} more` : ""}. Keep these ids in the seed (a task can be marked otherwise, never dropped once reported).`,
      { orphaned });
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
