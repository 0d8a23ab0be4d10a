// Conventions every format shares: which properties are written (those of the export schema,
// in its order), the display label of a node, how a value becomes text in formats that only
// hold text (XML), and how one column per property name is typed across labels.
import type { ExportNode, ExportSchema, GraphSource, PropertySchema, PropertyType, PropertyValue } from "../model.js";

/** Said once, written into every file's header. */
export const CONVENTIONS = {
  text: "Text is UTF-8 and exactly as in the graph (Vietnamese diacritics, quotes, line breaks).",
  dates: "Dates are ISO 8601 calendar dates (YYYY-MM-DD); times (recordedAt) are ISO 8601 date-times with their offset.",
  direction: "Relationships are directed, from the start node to the end node, as in the graph.",
  provenance: "Relationship provenance is in the properties sourceId (the Source node's id), quote (verbatim) and trust.",
  absent: "A property with no value is left out.",
};

/** What a node is called on screen: its Vietnamese name or title, else its id. */
export function displayLabel(node: ExportNode): string {
  for (const key of ["nameVi", "titleVi"]) {
    const value = node.properties[key];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return node.id;
}

/** The properties a node or relationship of this label/type carries, in schema order. */
export function propertiesOf(schema: Map<string, PropertySchema[]>, key: string, properties: Record<string, PropertyValue>): PropertySchema[] {
  const declared = schema.get(key);
  if (declared) return declared;
  // not in the schema: write what is there, as text
  return Object.keys(properties).map((name) => ({ name, type: "string" as const, list: false }));
}

/** The non-null values of an element, in schema order, with names that clash with a format's own fields renamed `_<name>`. */
export function values(
  schema: Map<string, PropertySchema[]>, key: string, properties: Record<string, PropertyValue>, reserved: ReadonlySet<string>, skip: ReadonlySet<string> = NONE,
): [string, PropertyValue, PropertySchema][] {
  const out: [string, PropertyValue, PropertySchema][] = [];
  for (const p of propertiesOf(schema, key, properties)) {
    if (skip.has(p.name)) continue;
    const value = properties[p.name];
    if (value === null || value === undefined) continue;
    out.push([reserved.has(p.name) ? `_${p.name}` : p.name, value, p]);
  }
  return out;
}

export const NONE: ReadonlySet<string> = new Set();

export interface Column {
  /** the property's name in the graph */
  name: string;
  /** its name in the file (renamed `_<name>` if it clashes with a field of the format) */
  title: string;
  /** one type across labels: int and float widen to float, anything else mixed to string */
  type: PropertyType;
  list: boolean;
}

/** One column per property name over every label (or relationship type) of the schema. */
export function columns(schema: Map<string, PropertySchema[]>, reserved: ReadonlySet<string>, skip: ReadonlySet<string> = NONE): Column[] {
  const byName = new Map<string, Column>();
  for (const props of schema.values()) {
    for (const p of props) {
      if (skip.has(p.name)) continue;
      const seen = byName.get(p.name);
      if (!seen) {
        byName.set(p.name, { name: p.name, title: reserved.has(p.name) ? `_${p.name}` : p.name, type: p.type, list: p.list });
        continue;
      }
      if (seen.type !== p.type) seen.type = isNumber(seen.type) && isNumber(p.type) ? "float" : "string";
      seen.list ||= p.list;
    }
  }
  return [...byName.values()];
}

const isNumber = (t: PropertyType) => t === "int" || t === "float";

/** A value as text, for formats that hold only text: lists as JSON arrays, numbers as XML Schema numbers. */
export function asText(value: PropertyValue): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === "number") return numberText(value);
  return String(value);
}

export function numberText(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "INF";
  if (n === -Infinity) return "-INF";
  return String(n);
}

/** The schema as plain JSON, for JSON formats' headers: label → property → type (`string[]` for lists). */
export function schemaJson(schema: ExportSchema) {
  const plain = (m: Map<string, PropertySchema[]>) =>
    Object.fromEntries([...m].map(([k, props]) => [k, Object.fromEntries(props.map((p) => [p.name, p.list ? `${p.type}[]` : p.type]))]));
  return { nodes: plain(schema.nodeLabels), relationships: plain(schema.relationshipTypes) };
}

/** The header every JSON format carries: what was selected, when, and the conventions. */
export function metaJson(source: GraphSource, lists: string) {
  const { meta } = source;
  return {
    title: meta.title,
    generatedAt: meta.generatedAt,
    asOf: meta.asOf,
    selection: meta.selection,
    nodeCount: meta.nodeCount,
    relationshipCount: meta.relationshipCount,
    conventions: [CONVENTIONS.text, CONVENTIONS.dates, lists, CONVENTIONS.direction, CONVENTIONS.provenance, CONVENTIONS.absent].join(" "),
    propertyTypes: schemaJson(source.schema),
  };
}
