// Reads a selection out of Neo4j as a GraphSource: first the ids and the size (so an
// oversized selection fails before a byte is written), then nodes and relationships streamed
// record by record from the driver, so memory stays flat however large the export.
import neo4j from "neo4j-driver";

import { matchById, statusOf, taskStart, typeOf } from "../cypher/fragments.js";
import { announce, read, readSession, streamConfig, WRITE_TIMEOUT_MS, type Db } from "../db/gateway.js";

import { AppError, notFound } from "../errors/index.js";
import type { SchemaModel } from "../model/index.js";
import type { ExportNode, ExportRelationship, ExportSchema, GraphSource, PropertySchema, PropertyType, PropertyValue } from "./model.js";
import { kept, type Selection } from "./selection.js";

export type { Db } from "../db/gateway.js";

const PROVENANCE = ["sourceId", "quote", "trust"];
/** internal properties never exported: the search text, and which load wrote the item */
export const INTERNAL = new Set(["searchText", "searchTextMarked", "load", "loadId"]);

const SCALARS: Record<string, PropertyType> = { ID: "string", String: "string", Date: "date", DateTime: "datetime", Int: "int", Float: "float", Boolean: "boolean" };
const fieldSchema = (f: { name: string; type: string; list: boolean; enumValues?: string[] }): PropertySchema => ({
  name: f.name, type: f.enumValues ? "string" : (SCALARS[f.type] ?? "string"), list: f.list,
});

/** Typed properties per label and relationship type, from the SDL (plus the export's own task dates). */
export function exportSchema(model: SchemaModel, selection: Selection): ExportSchema {
  const { nodeLabels, relationshipTypes } = kept(selection, model);
  const nodes = new Map<string, PropertySchema[]>();
  const rels = new Map<string, PropertySchema[]>();
  for (const label of nodeLabels) {
    const type = model.nodeTypes.get(label)!;
    const props = type.fields.map(fieldSchema);
    if (label === "Task") {
      props.push({ name: "statusOnDate", type: "string", list: false }, { name: "lifeStart", type: "date", list: false }, { name: "lifeEnd", type: "date", list: false });
    }
    nodes.set(label, props);
    for (const r of type.relationships) {
      if (r.direction !== "OUT" || !relationshipTypes.includes(r.relType) || rels.has(r.relType)) continue;
      rels.set(r.relType, r.properties.map(fieldSchema).filter((p) => selection.provenance || !PROVENANCE.includes(p.name)));
    }
  }
  return { nodeLabels: nodes, relationshipTypes: rels };
}

function plain(value: unknown): PropertyValue {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDate(value as object) || neo4j.isDateTime(value as object)) return String(value);
  if (Array.isArray(value)) return value.map((v) => plain(v)) as string[] | number[];
  return value as PropertyValue;
}

// Seeds are looked up by id with their label; the neighbourhood walk, the counts and the
// streams then work on element ids (an index seek each), so a selection costs its own size,
// never a scan of the whole graph. A selection without seeds reads each kept label.
const SELECTED = (labels: string[], labelFilter: string, relFilter: string) => `
  ${matchById("s", "$seed", labels)}
  CALL apoc.path.subgraphNodes(s, {maxLevel: $depth, relationshipFilter: '${relFilter}', labelFilter: '${labelFilter}', bfs: true, limit: $cap})
  YIELD node
  RETURN collect(DISTINCT elementId(node)) AS ids`;

const SEEDS = (labels: string[]) => `
  UNWIND $seeds AS seed
  ${matchById("s", "seed", labels, ["seed"])}
  RETURN collect(elementId(s)) AS ids, collect(s.id) AS found`;

const SOURCES_OF = `
  MATCH (n) WHERE elementId(n) IN $ids
  MATCH (n)-[:SOURCED_FROM]->(s:Source) RETURN collect(DISTINCT elementId(s)) AS ids`;

/** The kept nodes `n`: the selected element ids, or every node of the kept labels. */
const keptNodes = (selected: boolean, labels: string[], n = "n") =>
  selected
    ? `MATCH (${n}) WHERE elementId(${n}) IN $ids AND ${typeOf(n, labels)} IS NOT NULL`
    : `CALL () { ${labels.map((l) => `MATCH (${n}:${l}) RETURN ${n}`).join(" UNION ALL ")} }`;

const typeOfKept = (v: string, labels: string[]) => typeOf(v, labels);

const relsOf = (selected: boolean, labels: string[]) => `
  ${keptNodes(selected, labels, "a")}
  MATCH (a)-[r]->(b) WHERE type(r) IN $types AND ${typeOfKept("b", labels)} IS NOT NULL ${selected ? "AND elementId(b) IN $ids" : ""}`;

const COUNT = (selected: boolean, labels: string[]) => `
  CALL () { ${keptNodes(selected, labels)} RETURN count(n) AS nodes }
  CALL () { ${relsOf(selected, labels)} RETURN count(r) AS relationships }
  RETURN nodes, relationships`;

const NODES = (selected: boolean, labels: string[]) => `
  ${keptNodes(selected, labels)}
  RETURN ${typeOfKept("n", labels)} AS label, n.id AS id, properties(n) AS props,
    CASE WHEN n:Task THEN {
      lifeStart: ${taskStart("n")},
      statusOnDate: ${statusOf("n")}
    } END AS task
  ORDER BY label, id`;

const RELATIONSHIPS = (selected: boolean, labels: string[]) => `
  ${relsOf(selected, labels)}
  RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
  ORDER BY type, start, end`;

export interface SelectedGraph { source: GraphSource; nodes: number; relationships: number }

/** Resolves a selection, checks its size against its limits, and returns its GraphSource. */
export async function readSelection(db: Db, model: SchemaModel, selection: Selection, title: string): Promise<SelectedGraph> {
  const { nodeLabels, relationshipTypes } = kept(selection, model);
  let ids: string[] | null = null;
  if (selection.seeds.length) {
    const allLabels = [...model.nodeTypes.keys()];
    const [found] = await read(db, "export.seeds", SEEDS(allLabels), { seeds: selection.seeds });
    const missing = selection.seeds.filter((s) => !(found!.get("found") as string[]).includes(s));
    if (missing.length) throw notFound("node", missing.join('", "'));
    // Walk the neighbourhood without provenance (through a Source every citing node is a
    // neighbour); the Sources of the selected nodes are added afterwards.
    const walkTypes = relationshipTypes.filter((t) => t !== "SOURCED_FROM");
    const walkLabels = nodeLabels.filter((l) => l !== "Source");
    if (walkTypes.length === 0) ids = found!.get("ids") as string[];
    else {
      const walked = new Set<string>();
      for (const seed of selection.seeds) {
        const [r] = await read(db, "export.walk", SELECTED(allLabels, walkLabels.map((l) => `+${l}`).join("|"), walkTypes.join("|")), {
          seed, depth: selection.depth, cap: selection.maxNodes + 1,
        });
        for (const id of (r?.get("ids") ?? []) as string[]) walked.add(id);
      }
      ids = [...walked];
    }
    if (selection.provenance && nodeLabels.includes("Source")) {
      const [r] = await read(db, "export.sources", SOURCES_OF, { ids });
      ids = [...ids, ...(r!.get("ids") as string[])];
    }
  }
  const selected = ids !== null;
  const params = { ids, types: relationshipTypes, asOf: selection.asOf };
  const [counted] = await read(db, "export.count", COUNT(selected, nodeLabels), params);
  const nodes = Number(counted!.get("nodes"));
  const relationships = Number(counted!.get("relationships"));
  if (nodes > selection.maxNodes || relationships > selection.maxRelationships) {
    throw new AppError(
      "LIMIT_EXCEEDED",
      `The selection has ${nodes.toLocaleString("en")} nodes and ${relationships.toLocaleString("en")} relationships; the limit is ${selection.maxNodes.toLocaleString("en")} nodes and ${selection.maxRelationships.toLocaleString("en")} relationships. Narrow it (seeds, depth, types) or raise maxNodes/maxRelationships.`,
      { nodes, relationships, maxNodes: selection.maxNodes, maxRelationships: selection.maxRelationships },
    );
  }

  async function* stream(operation: string, cypher: string) {
    announce(operation, cypher, params);
    const session = readSession(db);
    try {
      for await (const record of session.run(cypher, params, streamConfig(operation, WRITE_TIMEOUT_MS))) yield record;
    } finally {
      await session.close();
    }
  }

  const source: GraphSource = {
    schema: exportSchema(model, selection),
    meta: { title, generatedAt: new Date().toISOString(), asOf: selection.asOf, selection: { ...selection }, nodeCount: nodes, relationshipCount: relationships },
    async *nodes(): AsyncIterable<ExportNode> {
      for await (const r of stream("export.nodes", NODES(selected, nodeLabels))) {
        const properties: Record<string, PropertyValue> = {};
        for (const [k, v] of Object.entries(r.get("props") as Record<string, unknown>)) if (!INTERNAL.has(k)) properties[k] = plain(v);
        const task = r.get("task") as { lifeStart: unknown; statusOnDate: unknown } | null;
        if (task) {
          properties.lifeStart = plain(task.lifeStart);
          properties.lifeEnd = properties.deadline ?? null;
          properties.statusOnDate = task.statusOnDate as string;
        }
        yield { id: r.get("id") as string, label: r.get("label") as string, properties };
      }
    },
    async *relationships(): AsyncIterable<ExportRelationship> {
      let previous = "";
      let n = 0;
      for await (const r of stream("export.relationships", RELATIONSHIPS(selected, nodeLabels))) {
        const type = r.get("type") as string;
        const start = r.get("start") as string;
        const end = r.get("end") as string;
        const key = `${start}|${type}|${end}`;
        n = key === previous ? n + 1 : 0;
        previous = key;
        const properties: Record<string, PropertyValue> = {};
        for (const [k, v] of Object.entries(r.get("props") as Record<string, unknown>)) {
          if (!INTERNAL.has(k) && (selection.provenance || !PROVENANCE.includes(k))) properties[k] = plain(v);
        }
        yield { id: n ? `${key}|${n}` : key, type, start, end, properties };
      }
    },
  };
  return { source, nodes, relationships };
}
