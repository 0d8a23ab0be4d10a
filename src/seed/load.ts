// Writes a validated seed graph to Neo4j in ONE transaction: the previous seeded graph is
// replaced as a whole, so a failure leaves it untouched and loading twice changes nothing.
import neo4j, { type Driver, type ManagedTransaction } from "neo4j-driver";

import type { SchemaModel } from "../model/index.js";
import type { SeedGraph } from "./validate.js";

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

/** Converts the seed's plain values to Neo4j types, following the SDL field types. */
function typed(props: Props, fields: { name: string; type: string; list: boolean }[]): Props {
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

export async function seedHashInDatabase(driver: Driver, database?: string): Promise<string | null> {
  const { records } = await driver.executeQuery("MATCH (m:SeedMeta {key: 'seed'}) RETURN m.hash AS hash", {}, { database });
  return (records[0]?.get("hash") as string | undefined) ?? null;
}

export async function countByType(driver: Driver, database: string | undefined, model: SchemaModel): Promise<LoadResult["counts"]> {
  const counts: Record<string, number> = {};
  for (const label of model.nodeTypes.keys()) {
    const { records } = await driver.executeQuery(`MATCH (n:\`${label}\`) RETURN count(n) AS c`, {}, { database });
    counts[label] = Number(records[0]!.get("c"));
  }
  return counts;
}

async function countRelationships(driver: Driver, database: string | undefined): Promise<number> {
  const { records } = await driver.executeQuery("MATCH ()-[r]->() RETURN count(r) AS c", {}, { database });
  return Number(records[0]!.get("c"));
}

export async function loadSeed(
  driver: Driver,
  database: string | undefined,
  graph: SeedGraph,
  model: SchemaModel,
  opts: { force?: boolean } = {},
): Promise<LoadResult> {
  const current = await seedHashInDatabase(driver, database);
  const loaded = opts.force || current !== graph.hash;
  if (loaded) {
    const session = driver.session({ database });
    try {
      await session.executeWrite((tx) => writeGraph(tx, graph, model), { timeout: 300_000 });
    } finally {
      await session.close();
    }
  }
  return { loaded, hash: graph.hash, counts: await countByType(driver, database, model), relationships: await countRelationships(driver, database) };
}

async function writeGraph(tx: ManagedTransaction, graph: SeedGraph, model: SchemaModel) {
  const labels = [...model.nodeTypes.keys()];
  // Replace, not merge: what was removed from the seed disappears from the graph.
  for (const label of labels) await tx.run(`MATCH (n:\`${label}\`) DETACH DELETE n`);

  for (const [label, type] of model.nodeTypes) {
    const rows = [...graph.nodes.values()].filter((n) => n.type === label).map((n) => typed(n.props, type.fields));
    if (rows.length) await tx.run(`UNWIND $rows AS row CREATE (n:\`${label}\`) SET n = row`, { rows });
  }

  const citationsByType = groupBy(graph.citations, (c) => c.type);
  for (const [label, list] of citationsByType) {
    const rows = list.map((c) => ({ id: c.id, source: c.source, props: { quote: c.quote, trust: c.trust, ...(c.note ? { note: c.note } : {}) } }));
    await tx.run(
      `UNWIND $rows AS row MATCH (n:\`${label}\` {id: row.id}) MATCH (s:Source {id: row.source}) CREATE (n)-[r:SOURCED_FROM]->(s) SET r = row.props`,
      { rows },
    );
  }

  const relsByShape = groupBy(graph.relationships, (r) => `${r.fromType}|${r.relType}|${r.toType}|${r.field}`);
  for (const list of relsByShape.values()) {
    const { fromType, relType, toType, field } = list[0]!;
    const propsFields = model.nodeTypes.get(fromType)!.relationships.find((r) => r.name === field)!.properties;
    const rows = list.map((r) => ({ from: r.fromId, to: r.toId, props: typed(r.props, propsFields) }));
    await tx.run(
      `UNWIND $rows AS row MATCH (a:\`${fromType}\` {id: row.from}) MATCH (b:\`${toType}\` {id: row.to}) CREATE (a)-[r:\`${relType}\`]->(b) SET r = row.props`,
      { rows },
    );
  }

  await tx.run("MERGE (m:SeedMeta {key: 'seed'}) SET m.hash = $hash, m.loadedAt = datetime()", { hash: graph.hash });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
