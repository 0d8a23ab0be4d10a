// Cytoscape.js JSON (https://js.cytoscape.org/#notation/elements-json), also what Cytoscape
// desktop opens as .cyjs: {format_version, generated_by, data, elements: {nodes, edges}}.
//
// Conventions (also in `data.conventions`):
// - node data: id (the graph id), label (Vietnamese name or title, else the id), type (the
//   node's label in the graph), then its properties; edge data: id (the relationship id),
//   source (start node), target (end node), type (relationship type), then its properties;
//   a property with one of those names (or `parent`, Cytoscape's compound-node field) is
//   written `_<name>`;
// - values keep their JSON types; dates are ISO date strings; lists are JSON arrays;
// - `data.propertyTypes` gives every property's type (date, int, float, boolean, string, `[]` for lists).
import type { Format, GraphSource } from "../model.js";
import { Output } from "./output.js";
import { displayLabel, metaJson, values } from "./properties.js";

const NODE_FIELDS = new Set(["id", "label", "type", "parent"]);
const EDGE_FIELDS = new Set(["id", "source", "target", "type", "parent"]);
const ID = new Set(["id"]);
const LISTS = "Lists are JSON arrays.";

export const cytoscape: Format = {
  id: "cytoscape",
  contentType: "application/json",
  extension: "cyjs",
  async write(source: GraphSource, out: NodeJS.WritableStream) {
    const w = new Output(out);
    const { schema } = source;
    await w.write(`{"format_version":"1.0","generated_by":"policy-graph","target_cytoscapejs_version":"~3.30",\n"data":${JSON.stringify(metaJson(source, LISTS))},\n"elements":{"nodes":[`);
    let first = true;
    for await (const node of source.nodes()) {
      const data: Record<string, unknown> = { id: node.id, label: displayLabel(node), type: node.label };
      for (const [name, value] of values(schema.nodeLabels, node.label, node.properties, NODE_FIELDS, ID)) data[name] = value;
      await w.write(`${first ? "\n" : ",\n"}{"data":${JSON.stringify(data)}}`);
      first = false;
    }
    await w.write('\n],"edges":[');
    first = true;
    for await (const rel of source.relationships()) {
      const data: Record<string, unknown> = { id: rel.id, source: rel.start, target: rel.end, type: rel.type };
      for (const [name, value] of values(schema.relationshipTypes, rel.type, rel.properties, EDGE_FIELDS)) data[name] = value;
      await w.write(`${first ? "\n" : ",\n"}{"data":${JSON.stringify(data)}}`);
      first = false;
    }
    await w.write("\n]}}\n");
    await w.flush();
  },
};
