// JSON-LD, with the published context (context.jsonld, served at /export/context.jsonld)
// embedded by default so a file is self-contained, or referenced by URL.
//
// {"@context": <context or its URL>, "@graph": [<export node>, <nodes>…, <relationships>…]}
// - a node is {"@id": "urn:policy-graph:<id>", "@type": <its label>, …properties}: dates are
//   typed xsd:date literals, date-times xsd:dateTime, lists repeated values, sourceId links to Sources;
// - a relationship is {"@id": <start>, <TYPE>: {"@id": <end>}}, a triple in the direction of
//   the graph (JSON-LD merges the objects of one @id), plus, when it has properties, an
//   rdf:Statement {"@id": "urn:policy-graph:relationship:<id>", "subject", "predicate",
//   "object", sourceId, quote, trust…} so its provenance can be queried;
// - the context maps the document relations to ELI and says why (see its rdfs:comment).
import { readFileSync } from "node:fs";

import type { Format, GraphSource, PropertySchema, PropertyValue } from "../model.js";
import { Output } from "./output.js";
import { CONVENTIONS, NONE, values } from "./properties.js";

export const CONTEXT_FILE = new URL("./context.jsonld", import.meta.url);

let context: { "@context": Record<string, unknown> } | undefined;
/** The published context document, as served (its `@context` plus an rdfs:comment). */
export function contextDocument(): { "@context": Record<string, unknown> } {
  context ??= JSON.parse(readFileSync(CONTEXT_FILE, "utf8")) as { "@context": Record<string, unknown> };
  return context;
}

const PREFIX = "urn:policy-graph:";
/** A graph id as an IRI: percent-encoded, keeping `/` (allowed in a URN) for readability. */
export const nodeIri = (id: string) => PREFIX + encodeURIComponent(id).replace(/%2F/g, "/");
export const relationshipIri = (id: string) => `${PREFIX}relationship:${encodeURIComponent(id)}`;

/** Properties that hold the id of a Source node, written as links to it. */
const LINKS = new Set(["sourceId", "statusSourceId"]);
const NODE_FIELDS = new Set<string>();

function term(name: string, value: PropertyValue, p: PropertySchema): unknown {
  const one = (v: string | number | boolean) => {
    if (LINKS.has(name) && typeof v === "string") return { "@id": nodeIri(v) };
    if (p.type === "date" && typeof v === "string") return { "@value": v, "@type": "xsd:date" };
    if (p.type === "datetime" && typeof v === "string") return { "@value": v, "@type": "xsd:dateTime" };
    return v;
  };
  return Array.isArray(value) ? (value as (string | number)[]).map(one) : one(value as string | number | boolean);
}

export interface JsonLdOptions {
  /** where the context is published, e.g. http://localhost:4000/export/context.jsonld */
  contextUrl?: string;
  /** embed the context (the default) rather than only refer to contextUrl */
  inline?: boolean;
}

export function jsonldFormat(options: JsonLdOptions = {}): Format {
  const inline = options.inline ?? true;
  if (!inline && !options.contextUrl) throw new Error("a JSON-LD export that does not embed its context needs a contextUrl");
  return {
    id: "jsonld",
    contentType: "application/ld+json",
    extension: "jsonld",
    async write(source: GraphSource, out: NodeJS.WritableStream) {
      const w = new Output(out);
      const { meta, schema } = source;
      const ctx = inline ? contextDocument()["@context"] : options.contextUrl;
      const exportNode: Record<string, unknown> = {
        "@type": "Export",
        title: meta.title,
        generatedAt: { "@value": meta.generatedAt, "@type": "xsd:dateTime" },
        asOf: { "@value": meta.asOf, "@type": "xsd:date" },
        selection: JSON.stringify(meta.selection),
        nodeCount: meta.nodeCount,
        relationshipCount: meta.relationshipCount,
        comment: [CONVENTIONS.text, CONVENTIONS.dates, "Lists are repeated values.", CONVENTIONS.direction, CONVENTIONS.provenance, CONVENTIONS.absent].join(" "),
      };
      if (options.contextUrl) exportNode.conformsTo = { "@id": options.contextUrl };
      await w.write(`{"@context":${JSON.stringify(ctx)},\n"@graph":[\n${JSON.stringify(exportNode)}`);

      for await (const node of source.nodes()) {
        const o: Record<string, unknown> = { "@id": nodeIri(node.id), "@type": node.label };
        for (const [name, value, p] of values(schema.nodeLabels, node.label, node.properties, NODE_FIELDS)) o[name] = term(name, value, p);
        await w.write(`,\n${JSON.stringify(o)}`);
      }
      for await (const rel of source.relationships()) {
        const start = { "@id": nodeIri(rel.start) };
        const end = { "@id": nodeIri(rel.end) };
        await w.write(`,\n${JSON.stringify({ ...start, [rel.type]: end })}`);
        const props = values(schema.relationshipTypes, rel.type, rel.properties, NONE);
        if (props.length === 0) continue;
        const statement: Record<string, unknown> = { "@id": relationshipIri(rel.id), "@type": "Statement", subject: start, predicate: rel.type, object: end };
        for (const [name, value, p] of props) statement[name] = term(name, value, p);
        await w.write(`,\n${JSON.stringify(statement)}`);
      }
      await w.write("\n]}\n");
      await w.flush();
    },
  };
}

/** Embeds the context; the HTTP layer builds its own with `jsonldFormat({ contextUrl })`. */
export const jsonld = jsonldFormat();
