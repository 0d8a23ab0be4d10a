// GraphML (http://graphml.graphdrawing.org/), for Gephi, yEd, Cytoscape and NetworkX.
//
// Conventions (also in the file's header comment and <desc> elements):
// - one typed <key> per property name: for="node" / for="edge", attr.type int, double,
//   boolean or string; a name used with different types by different labels is typed
//   double (int and float) or string (anything else);
// - dates are strings holding ISO dates (YYYY-MM-DD), date-times strings holding ISO 8601
//   date-times with their offset, said in the key's <desc>;
// - lists are strings holding a JSON array (["a","b"]), said in the key's <desc>;
// - node keys `label` (Vietnamese name or title, else the id: what Gephi and yEd show) and
//   `type` (the node's label in the graph: Document, Task…); edge key `type` (the
//   relationship type); a property with one of those names is written `_<name>`;
// - the node id is the graph id; the edge id is the relationship id; edgedefault="directed"
//   and every edge goes from its start node to its end node;
// - graph-level keys carry the title, the generation time, the status date and the selection.
import type { Format, GraphSource } from "../model.js";
import { Output } from "./output.js";
import { asText, columns, CONVENTIONS, displayLabel, values, type Column } from "./properties.js";
import { attrs, xmlText } from "./xml.js";

const NODE_FIELDS = new Set(["label", "type"]);
// `label` and `weight` mean something to Gephi's and yEd's GraphML readers
const EDGE_FIELDS = new Set(["type", "label", "weight"]);
const ID = new Set(["id"]);
const LISTS = "Lists are strings holding a JSON array, e.g. [\"DEADLINE\",\"OWNER\"].";

const GRAPHML_TYPE = { string: "string", date: "string", datetime: "string", int: "int", float: "double", boolean: "boolean" } as const;

function keyXml(id: string, domain: "graph" | "node" | "edge", name: string, type: string, desc?: string): string {
  const body = desc ? `<desc>${xmlText(desc)}</desc>` : "";
  return `  <key${attrs({ id, for: domain, "attr.name": name, "attr.type": type })}${body ? `>${body}</key>` : "/>"}\n`;
}

function columnDesc(c: Column): string | undefined {
  if (c.list) return `list of ${c.type === "date" ? "ISO dates" : c.type}, as a JSON array`;
  if (c.type === "date") return "ISO 8601 date (YYYY-MM-DD)";
  if (c.type === "datetime") return "ISO 8601 date and time with its offset";
  return undefined;
}

const data = (key: string, value: string) => `<data key="${key}">${xmlText(value)}</data>`;

export const graphml: Format = {
  id: "graphml",
  contentType: "application/graphml+xml",
  extension: "graphml",
  async write(source: GraphSource, out: NodeJS.WritableStream) {
    const w = new Output(out);
    const { meta, schema } = source;
    const nodeCols = columns(schema.nodeLabels, NODE_FIELDS, ID);
    const edgeCols = columns(schema.relationshipTypes, EDGE_FIELDS);
    const nodeKey = new Map(nodeCols.map((c, i) => [c.title, `n${i}`]));
    const edgeKey = new Map(edgeCols.map((c, i) => [c.title, `e${i}`]));

    await w.write('<?xml version="1.0" encoding="UTF-8"?>\n');
    await w.write(
      "<!-- Policy Graph export. " +
        [CONVENTIONS.text, CONVENTIONS.dates, LISTS, CONVENTIONS.direction, CONVENTIONS.provenance, CONVENTIONS.absent].join(" ") +
        " Node key `label` is the name shown, `type` the node's label in the graph; edge key `type` is the relationship type. -->\n",
    );
    await w.write(
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    );
    for (const [id, name] of [["g0", "title"], ["g1", "generatedAt"], ["g2", "asOf"], ["g3", "selection"]] as const) {
      await w.write(keyXml(id, "graph", name, "string", name === "selection" ? "the selection, as JSON" : name === "asOf" ? "task statuses (statusOnDate) are as of this ISO date" : undefined));
    }
    await w.write(keyXml("nlabel", "node", "label", "string", "the name shown: the Vietnamese name or title, else the id"));
    await w.write(keyXml("ntype", "node", "type", "string", "the node's label in the graph (Document, Task, Agency…)"));
    for (const c of nodeCols) await w.write(keyXml(nodeKey.get(c.title)!, "node", c.title, c.list ? "string" : GRAPHML_TYPE[c.type], columnDesc(c)));
    await w.write(keyXml("etype", "edge", "type", "string", "the relationship type (IMPLEMENTS, LED_BY…)"));
    for (const c of edgeCols) await w.write(keyXml(edgeKey.get(c.title)!, "edge", c.title, c.list ? "string" : GRAPHML_TYPE[c.type], columnDesc(c)));

    await w.write(`  <graph id="G" edgedefault="directed">\n    <desc>${xmlText(`${meta.title}: ${meta.nodeCount} nodes, ${meta.relationshipCount} relationships. ${CONVENTIONS.dates} ${LISTS}`)}</desc>\n`);
    await w.write(`    ${data("g0", meta.title)}${data("g1", meta.generatedAt)}${data("g2", meta.asOf)}${data("g3", JSON.stringify(meta.selection))}\n`);

    for await (const node of source.nodes()) {
      let s = `    <node${attrs({ id: node.id })}>${data("nlabel", displayLabel(node))}${data("ntype", node.label)}`;
      for (const [title, value] of values(schema.nodeLabels, node.label, node.properties, NODE_FIELDS, ID)) {
        const key = nodeKey.get(title);
        const text = asText(value);
        if (key && text !== null) s += data(key, text);
      }
      await w.write(`${s}</node>\n`);
    }
    for await (const rel of source.relationships()) {
      let s = `    <edge${attrs({ id: rel.id, source: rel.start, target: rel.end })}>${data("etype", rel.type)}`;
      for (const [title, value] of values(schema.relationshipTypes, rel.type, rel.properties, EDGE_FIELDS)) {
        const key = edgeKey.get(title);
        const text = asText(value);
        if (key && text !== null) s += data(key, text);
      }
      await w.write(`${s}</edge>\n`);
    }
    await w.write("  </graph>\n</graphml>\n");
    await w.flush();
  },
};
