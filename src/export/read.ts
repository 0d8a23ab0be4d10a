// Reads a selection out of Neo4j as a GraphSource: first the ids and the size (so an
// oversized selection fails before a byte is written), then nodes and relationships streamed
// record by record from the driver, so memory stays flat however large the export.
import neo4j from "neo4j-driver";

import type { Db } from "../db/driver.js";

import { AppError, notFound } from "../errors/index.js";
import type { SchemaModel } from "../model/index.js";
import { statusAsOf, type TaskStatus } from "../trace/status.js";
import type { ExportNode, ExportRelationship, ExportSchema, GraphSource, PropertySchema, PropertyType, PropertyValue } from "./model.js";
import { kept, type Selection } from "./selection.js";

export type { Db } from "../db/driver.js";

const PROVENANCE = ["sourceId", "quote", "trust"];
/** internal properties never exported */
const INTERNAL = new Set(["searchText"]);

const SCALARS: Record<string, PropertyType> = { ID: "string", String: "string", Date: "date", Int: "int", Float: "float", Boolean: "boolean" };
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

const SELECTED_IDS = (labelFilter: string, relFilter: string) => `
  MATCH (s) WHERE s.id IN $seeds AND NOT s:SeedMeta
  CALL apoc.path.subgraphNodes(s, {maxLevel: $depth, relationshipFilter: '${relFilter}', labelFilter: '${labelFilter}', bfs: true, limit: $cap})
  YIELD node
  RETURN collect(DISTINCT node.id) AS ids`;

const SOURCES_OF = `
  MATCH (n)-[:SOURCED_FROM]->(s:Source) WHERE n.id IN $ids RETURN collect(DISTINCT s.id) AS ids`;

const NODE_FILTER = `labels(n)[0] IN $labels AND ($ids IS NULL OR n.id IN $ids)`;
const REL_FILTER = `type(r) IN $types AND labels(a)[0] IN $labels AND labels(b)[0] IN $labels AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))`;

const COUNT = `
  CALL () { MATCH (n) WHERE ${NODE_FILTER} RETURN count(n) AS nodes }
  CALL () { MATCH (a)-[r]->(b) WHERE ${REL_FILTER} RETURN count(r) AS relationships }
  RETURN nodes, relationships`;

const NODES = `
  MATCH (n) WHERE ${NODE_FILTER}
  RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props,
    CASE WHEN n:Task THEN {
      lifeStart: coalesce(
        COLLECT { MATCH (n)-[:ASSIGNED_AT]->(e:Event) RETURN e.date ORDER BY e.date LIMIT 1 }[0],
        COLLECT { MATCH p = (n)-[:PART_OF]->{1,8}(d:Document) WHERE d.issuedOn IS NOT NULL RETURN d.issuedOn ORDER BY length(p) LIMIT 1 }[0]),
      fulfilledOn: COLLECT { MATCH (n)-[:FULFILLED_BY]->(d:Document) WHERE d.issuedOn IS NOT NULL RETURN d.issuedOn ORDER BY d.issuedOn LIMIT 1 }[0]
    } END AS task
  ORDER BY label, id`;

const RELATIONSHIPS = `
  MATCH (a)-[r]->(b) WHERE ${REL_FILTER}
  RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
  ORDER BY type, start, end`;

export interface SelectedGraph { source: GraphSource; nodes: number; relationships: number }

/** Resolves a selection, checks its size against its limits, and returns its GraphSource. */
export async function readSelection(db: Db, model: SchemaModel, selection: Selection, title: string): Promise<SelectedGraph> {
  const { nodeLabels, relationshipTypes } = kept(selection, model);
  const read = (cypher: string, params: Record<string, unknown>) => db.driver.executeQuery(cypher, params, { database: db.database, routing: "READ" });
  let ids: string[] | null = null;
  if (selection.seeds.length) {
    const found = await read("MATCH (n) WHERE n.id IN $seeds AND NOT n:SeedMeta RETURN collect(n.id) AS ids", { seeds: selection.seeds });
    const missing = selection.seeds.filter((s) => !(found.records[0]!.get("ids") as string[]).includes(s));
    if (missing.length) throw notFound("node", missing.join('", "'));
    // Walk the neighbourhood without provenance (through a Source every citing node is a
    // neighbour); the Sources of the selected nodes are added afterwards.
    const walkTypes = relationshipTypes.filter((t) => t !== "SOURCED_FROM");
    const walkLabels = nodeLabels.filter((l) => l !== "Source");
    if (walkTypes.length === 0) ids = [...selection.seeds];
    else {
      const { records } = await read(SELECTED_IDS(walkLabels.map((l) => `+${l}`).join("|"), walkTypes.join("|")), {
        seeds: selection.seeds, depth: neo4j.int(selection.depth), cap: neo4j.int(selection.maxNodes + 1),
      });
      ids = records[0]!.get("ids") as string[];
    }
    if (selection.provenance && nodeLabels.includes("Source")) {
      const { records } = await read(SOURCES_OF, { ids });
      ids = [...ids, ...(records[0]!.get("ids") as string[])];
    }
  }
  const params = { ids, labels: nodeLabels, types: relationshipTypes };
  const { records } = await read(COUNT, params);
  const nodes = Number(records[0]!.get("nodes"));
  const relationships = Number(records[0]!.get("relationships"));
  if (nodes > selection.maxNodes || relationships > selection.maxRelationships) {
    throw new AppError(
      "LIMIT_EXCEEDED",
      `The selection has ${nodes.toLocaleString("en")} nodes and ${relationships.toLocaleString("en")} relationships; the limit is ${selection.maxNodes.toLocaleString("en")} nodes and ${selection.maxRelationships.toLocaleString("en")} relationships. Narrow it (seeds, depth, types) or raise maxNodes/maxRelationships.`,
      { nodes, relationships, maxNodes: selection.maxNodes, maxRelationships: selection.maxRelationships },
    );
  }

  async function* stream(cypher: string) {
    const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ, fetchSize: 1000 });
    try {
      for await (const record of session.run(cypher, params)) yield record;
    } finally {
      await session.close();
    }
  }

  const source: GraphSource = {
    schema: exportSchema(model, selection),
    meta: { title, generatedAt: new Date().toISOString(), asOf: selection.asOf, selection: { ...selection }, nodeCount: nodes, relationshipCount: relationships },
    async *nodes(): AsyncIterable<ExportNode> {
      for await (const r of stream(NODES)) {
        const properties: Record<string, PropertyValue> = {};
        for (const [k, v] of Object.entries(r.get("props") as Record<string, unknown>)) if (!INTERNAL.has(k)) properties[k] = plain(v);
        const task = r.get("task") as { lifeStart: unknown; fulfilledOn: unknown } | null;
        if (task) {
          properties.lifeStart = plain(task.lifeStart);
          properties.lifeEnd = properties.deadline ?? null;
          properties.statusOnDate = statusAsOf({
            deadline: (properties.deadline as string | null) ?? null, status: properties.status as TaskStatus,
            statusAsOf: (properties.statusAsOf as string | null) ?? null, fulfilledOn: plain(task.fulfilledOn) as string | null,
          }, selection.asOf);
        }
        yield { id: r.get("id") as string, label: r.get("label") as string, properties };
      }
    },
    async *relationships(): AsyncIterable<ExportRelationship> {
      let previous = "";
      let n = 0;
      for await (const r of stream(RELATIONSHIPS)) {
        const type = r.get("type") as string;
        const start = r.get("start") as string;
        const end = r.get("end") as string;
        const key = `${start}|${type}|${end}`;
        n = key === previous ? n + 1 : 0;
        previous = key;
        const properties: Record<string, PropertyValue> = {};
        for (const [k, v] of Object.entries(r.get("props") as Record<string, unknown>)) {
          if (selection.provenance || !PROVENANCE.includes(k)) properties[k] = plain(v);
        }
        yield { id: n ? `${key}|${n}` : key, type, start, end, properties };
      }
    },
  };
  return { source, nodes, relationships };
}
