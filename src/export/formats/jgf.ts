// JSON Graph Format v2 (https://jsongraphformat.info/), valid against its published schema
// (json-graph-schema_v2.json; a copy is under test/export/schemas).
//
// {"graph": {"id", "label", "directed": true, "type": "policy-graph", "metadata": {…},
//   "nodes": {<graph id>: {"label", "metadata": {"type": <node label>, …properties}}},
//   "edges": [{"id", "source", "target", "relation": <relationship type>, "directed": true,
//              "metadata": {…properties}}]}}
//
// Conventions (also in graph.metadata.conventions): values keep their JSON types; dates are
// ISO date strings; lists are JSON arrays; graph.metadata.propertyTypes gives every
// property's type; a node property called `type` is written `_type`; every edge goes from
// source (the start node) to target (the end node).
import type { Format, GraphSource } from "../model.js";
import { Output } from "./output.js";
import { displayLabel, metaJson, NONE, values } from "./properties.js";

const NODE_FIELDS = new Set(["type"]);
const ID = new Set(["id"]);
const LISTS = "Lists are JSON arrays.";

export const jgf: Format = {
  id: "jgf",
  contentType: "application/vnd.jgf+json",
  extension: "jgf.json",
  async write(source: GraphSource, out: NodeJS.WritableStream) {
    const w = new Output(out);
    const { meta, schema } = source;
    const head = { id: `policy-graph:${meta.generatedAt}`, label: meta.title, directed: true, type: "policy-graph", metadata: metaJson(source, LISTS) };
    const headJson = JSON.stringify(head);
    await w.write(`{"graph":${headJson.slice(0, -1)},\n"nodes":{`);
    let first = true;
    for await (const node of source.nodes()) {
      const metadata: Record<string, unknown> = { type: node.label };
      for (const [name, value] of values(schema.nodeLabels, node.label, node.properties, NODE_FIELDS, ID)) metadata[name] = value;
      await w.write(`${first ? "\n" : ",\n"}${JSON.stringify(node.id)}:${JSON.stringify({ label: displayLabel(node), metadata })}`);
      first = false;
    }
    await w.write('\n},\n"edges":[');
    first = true;
    for await (const rel of source.relationships()) {
      const metadata: Record<string, unknown> = {};
      for (const [name, value] of values(schema.relationshipTypes, rel.type, rel.properties, NONE)) metadata[name] = value;
      const edge = { id: rel.id, source: rel.start, target: rel.end, relation: rel.type, directed: true, metadata };
      await w.write(`${first ? "\n" : ",\n"}${JSON.stringify(edge)}`);
      first = false;
    }
    await w.write("\n]}}\n");
    await w.flush();
  },
};
