// What every export format writes: a selected subgraph as streams of nodes and relationships,
// with a schema of typed properties taken from the SDL. Formats are pure writers of this.

/** Dates are ISO strings (YYYY-MM-DD), date-times ISO 8601 strings with their offset (a written report's recordedAt); lists are arrays. */
export type PropertyValue = string | number | boolean | string[] | number[] | null;

export type PropertyType = "string" | "int" | "float" | "boolean" | "date" | "datetime";

export interface PropertySchema {
  name: string;
  type: PropertyType;
  list: boolean;
}

export interface ExportSchema {
  /** node label → its properties (every node has `id`; Task nodes may also have lifeStart/lifeEnd dates) */
  nodeLabels: Map<string, PropertySchema[]>;
  /** relationship type → its properties */
  relationshipTypes: Map<string, PropertySchema[]>;
}

export interface ExportNode {
  /** the graph id (57-NQ/TW, bo-cong-an, 03/NQ-CP#29) */
  id: string;
  /** the node's label (one per node in this graph) */
  label: string;
  properties: Record<string, PropertyValue>;
}

export interface ExportRelationship {
  /** stable id: `${start}|${type}|${end}` plus a counter when one pair has several */
  id: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, PropertyValue>;
}

export interface ExportMeta {
  title: string;
  /** ISO timestamp */
  generatedAt: string;
  /** the status of tasks is computed as of this date (property `statusOnDate`) */
  asOf: string;
  /** the selection, as given (seed ids, depth, types…), for the file's header */
  selection: Record<string, unknown>;
  nodeCount: number;
  relationshipCount: number;
}

/**
 * A subgraph to write. `nodes()` yields every node once, ordered by label then id;
 * `relationships()` yields every relationship once, ordered by type, after all nodes; both
 * ends of every relationship are among the nodes. Each can be iterated once.
 */
export interface GraphSource {
  schema: ExportSchema;
  meta: ExportMeta;
  nodes(): AsyncIterable<ExportNode>;
  relationships(): AsyncIterable<ExportRelationship>;
}

export interface Format {
  /** graphml | gexf (1.2draft) | gexf13 | cytoscape | jgf | csv | jsonld */
  id: string;
  contentType: string;
  /** file name extension, without the dot */
  extension: string;
  /** streams the file to `out`; memory stays flat however large the graph */
  write(source: GraphSource, out: NodeJS.WritableStream): Promise<void>;
}
