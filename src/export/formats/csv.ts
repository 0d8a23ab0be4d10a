// A zip of neo4j-admin import CSVs: `nodes-<Label>.csv` per label, `rels-<TYPE>.csv` per
// relationship type, and `import.txt` with the `neo4j-admin database import full` command
// line for them (https://neo4j.com/docs/operations-manual/current/import/).
//
// Conventions (also in import.txt):
// - node header `id:ID,<property>:<type>…,:LABEL`; relationship header
//   `:START_ID,:END_ID,<property>:<type>…,:TYPE`; one global id space (ids are unique across
//   labels), so the :ID column is also the `id` property and relationships of one type may
//   join any labels; direction is :START_ID → :END_ID;
// - types: string, long, double, boolean, date (ISO), datetime (ISO 8601 with its offset),
//   and `<type>[]` for lists, split on
//   `;` (the default --array-delimiter; a list element containing `;` stops the export,
//   since neo4j-admin has no escape for it). Integers and decimals are written long and
//   double, not int and float: those are 32-bit in neo4j-admin, while Cypher's are 64-bit;
// - every string is quoted ("" for a quote inside) and may span lines (hence
//   --multiline-fields=true); an empty, unquoted field is no property; "" is the empty string;
// - if the source ever yields a label (or type) again after another, its rows go to a
//   further file `nodes-<Label>.2.csv` with its own header, also named in import.txt.
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";

import yazl from "yazl";

import type { Format, GraphSource, PropertySchema, PropertyType, PropertyValue } from "../model.js";
import { Output } from "./output.js";
import { numberText, propertiesOf } from "./properties.js";

export const ARRAY_DELIMITER = ";";
const ADMIN_TYPE: Record<PropertyType, string> = { string: "string", int: "long", float: "double", boolean: "boolean", date: "date", datetime: "datetime" };

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function scalar(value: string | number | boolean, type: PropertyType): string {
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return type === "string" || /[",\r\n]/.test(value) ? quote(value) : value;
}

export function csvField(value: PropertyValue | undefined, p: PropertySchema): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    const items = (value as (string | number)[]).map((v) => (typeof v === "number" ? numberText(v) : String(v)));
    const bad = items.find((v) => v.includes(ARRAY_DELIMITER));
    if (bad !== undefined) throw new Error(`${p.name} holds "${bad}", which contains the array delimiter "${ARRAY_DELIMITER}": neo4j-admin could not split it back`);
    return quote(items.join(ARRAY_DELIMITER));
  }
  return scalar(value, p.type);
}

const header = (p: PropertySchema) => `${p.name}:${ADMIN_TYPE[p.type]}${p.list ? "[]" : ""}`;

interface Part { name: string; stream: PassThrough; w: Output }

export const csv: Format = {
  id: "csv",
  contentType: "application/zip",
  extension: "zip",
  async write(source: GraphSource, out: NodeJS.WritableStream) {
    const mtime = new Date(source.meta.generatedAt);
    const zip = new yazl.ZipFile();
    let failure: unknown;
    let part: Part | null = null;
    const piping = pipeline(zip.outputStream, out as NodeJS.WritableStream, { end: false }).catch((err: unknown) => {
      failure = err;
      part?.stream.destroy(err as Error);
    });
    const files = { nodes: [] as string[], relationships: [] as string[] };
    const used = new Set<string>();

    const open = (prefix: string, key: string): Part => {
      let name = `${prefix}-${key}.csv`;
      for (let n = 2; used.has(name); n++) name = `${prefix}-${key}.${n}.csv`;
      used.add(name);
      const stream = new PassThrough();
      zip.addReadStream(stream, name, { mtime, compress: true });
      return { name, stream, w: new Output(stream) };
    };
    const close = async () => {
      if (!part) return;
      await part.w.flush();
      part.stream.end();
      part = null;
    };

    let key = "";
    let props: PropertySchema[] = [];
    for await (const node of source.nodes()) {
      if (failure) throw failure;
      if (!part || node.label !== key) {
        await close();
        key = node.label;
        props = propertiesOf(source.schema.nodeLabels, key, node.properties).filter((p) => p.name !== "id");
        part = open("nodes", key);
        files.nodes.push(part.name);
        await part.w.write(["id:ID", ...props.map(header), ":LABEL"].join(",") + "\n");
      }
      await part.w.write([quote(node.id), ...props.map((p) => csvField(node.properties[p.name], p)), quote(node.label)].join(",") + "\n");
    }
    await close();
    key = "";
    for await (const rel of source.relationships()) {
      if (failure) throw failure;
      if (!part || rel.type !== key) {
        await close();
        key = rel.type;
        props = propertiesOf(source.schema.relationshipTypes, key, rel.properties);
        part = open("rels", key);
        files.relationships.push(part.name);
        await part.w.write([":START_ID", ":END_ID", ...props.map(header), ":TYPE"].join(",") + "\n");
      }
      await part.w.write([quote(rel.start), quote(rel.end), ...props.map((p) => csvField(rel.properties[p.name], p)), quote(rel.type)].join(",") + "\n");
    }
    await close();
    zip.addBuffer(Buffer.from(importText(source, files), "utf8"), "import.txt", { mtime, compress: true });
    zip.end();
    await piping;
    if (failure) throw failure;
  },
};

/** The exact command line, with the conventions, for the files written. */
export function importCommand(files: { nodes: string[]; relationships: string[] }, dir = "import"): string {
  return [
    "bin/neo4j-admin database import full neo4j",
    "--id-type=string",
    `--array-delimiter="${ARRAY_DELIMITER}"`,
    "--multiline-fields=true",
    ...files.nodes.map((f) => `--nodes=${dir}/${f}`),
    ...files.relationships.map((f) => `--relationships=${dir}/${f}`),
  ].join(" ");
}

function importText(source: GraphSource, files: { nodes: string[]; relationships: string[] }): string {
  const { meta } = source;
  return [
    `# ${meta.title}: ${meta.nodeCount} nodes, ${meta.relationshipCount} relationships, generated ${meta.generatedAt}; task statuses as of ${meta.asOf}.`,
    "# Import into an empty database with Neo4j 5: unzip these files into <NEO4J_HOME>/import, stop the",
    "# database (or name a new one instead of `neo4j`), and run from <NEO4J_HOME>",
    "# (add --overwrite-destination=true to replace an existing database):",
    "",
    importCommand(files),
    "",
    "# Conventions:",
    "# - one global id space: node ids are unique across labels; the id:ID column is also the `id` property;",
    "# - relationships go from :START_ID to :END_ID, as in the graph, and keep their provenance (sourceId, quote, trust);",
    "# - types: string, long and double (64-bit, as Cypher's), boolean, date (ISO YYYY-MM-DD), datetime (ISO 8601 with its offset);",
    `#   lists are arrays (<type>[]) whose elements are separated by "${ARRAY_DELIMITER}";`,
    "# - strings are quoted (\"\" inside for a quote) and may span lines, hence --multiline-fields=true;",
    "#   an empty unquoted field is no property; \"\" is the empty string;",
    "# - text is UTF-8, exactly as in the graph.",
    `# Selection: ${JSON.stringify(meta.selection)}`,
    "",
  ].join("\n");
}
