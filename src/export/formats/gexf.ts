// GEXF, for Gephi and NetworkX, with each task's life as a time interval, in two versions:
// `gexf` is GEXF 1.2draft (http://www.gexf.net/1.2draft, version="1.2"), which Gephi, every
// NetworkX (read_gexf's default version, 2.x included, whose reader knows no later one) and
// most other tools read; `gexf13` is GEXF 1.3 (http://gexf.net/1.3), which Gephi and
// NetworkX 3.3 and later read (NetworkX with read_gexf(path, version="1.3")). The two files
// differ only in their namespace and version and in the edge's `kind`, which 1.3 declares and
// 1.2draft does not: a 1.2draft edge carries its type as its label and its `type` attribute.
// Both use only what both schemas declare the same way: mode="dynamic" with timeformat="date"
// and start/end attributes (no spells), and the attribute types integer, double, boolean and
// string (not 1.2draft's liststring nor 1.3's date).
//
// Conventions (also in <meta><description>):
// - the graph is dynamic (mode="dynamic", timeformat="date"): a Task with a known life has
//   start = lifeStart (the meeting that assigned it, else the day its document was issued)
//   and end = lifeEnd (its deadline), both inclusive; a task whose deadline precedes its
//   assignment (a restated older task) lives on its assignment day only; every other node
//   has no interval and so exists throughout, which lets Gephi's timeline play the tasks;
// - typed attributes: integer, double, boolean, string; dates are strings holding ISO dates,
//   date-times strings holding ISO 8601 date-times with their offset;
//   lists are strings holding a JSON array (GEXF's own list types differ between readers);
// - a node's label is its Vietnamese name or title (whitespace collapsed, as xsd:token
//   requires; the exact text is in the nameVi/titleVi attribute), attribute `type` its label
//   in the graph; an edge's label is its relationship type, and so is its 1.3 kind (which
//   keeps parallel edges of different types apart in Gephi) or its 1.2draft attribute `type`;
//   every edge is directed, start → end;
//   a property named like one of those fields (or Gephi's weight, timeset) is written `_<name>`.
import type { Format, GraphSource } from "../model.js";
import { Output } from "./output.js";
import { asText, columns, CONVENTIONS, displayLabel, values, type Column } from "./properties.js";
import { attrs, xmlText } from "./xml.js";

// `type` is ours; label, weight and timeset are Gephi's own columns
const NODE_FIELDS = new Set(["type", "label", "timeset"]);
const EDGE_FIELDS = new Set(["label", "weight", "timeset", "type"]);
const ID = new Set(["id"]);
const LISTS = "Lists are strings holding a JSON array, e.g. [\"DEADLINE\",\"OWNER\"].";
const LIFE = "A Task's start and end are the day it was assigned and its deadline.";

const GEXF_TYPE = { string: "string", date: "string", datetime: "string", int: "integer", float: "double", boolean: "boolean" } as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const token = (text: string) => text.replace(/\s+/g, " ").trim();

function attributeXml(id: string, c: Column): string {
  return `      <attribute${attrs({ id, title: c.title, type: c.list ? "string" : GEXF_TYPE[c.type] })}/>\n`;
}

function attvalues(pairs: [string, string][]): string {
  if (pairs.length === 0) return "";
  return `<attvalues>${pairs.map(([id, value]) => `<attvalue${attrs({ for: id, value })}/>`).join("")}</attvalues>`;
}

/** The task's interval: [start, end], or the single day of assignment when the deadline comes first. */
function life(start: unknown, end: unknown): { start?: string; end?: string } {
  const s = typeof start === "string" && ISO_DATE.test(start) ? start : undefined;
  let e = typeof end === "string" && ISO_DATE.test(end) ? end : undefined;
  if (s && e && e < s) e = s;
  return { start: s, end: e };
}

/** What differs between the versions: the root element and how an edge says its type. */
const VERSIONS = {
  "1.2draft": {
    root: '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n',
    kind: false,
  },
  "1.3": {
    root: '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
    kind: true,
  },
} as const;

export type GexfVersion = keyof typeof VERSIONS;

/** The GEXF writer of one version (registered as `gexf` for 1.2draft and `gexf13` for 1.3). */
export function gexfFormat(version: GexfVersion): Format {
  const v = VERSIONS[version];
  return {
  id: version === "1.3" ? "gexf13" : "gexf",
  contentType: "application/gexf+xml",
  extension: "gexf",
  async write(source: GraphSource, out: NodeJS.WritableStream) {
    const w = new Output(out);
    const { meta, schema } = source;
    const nodeCols = columns(schema.nodeLabels, NODE_FIELDS, ID);
    const edgeCols = columns(schema.relationshipTypes, EDGE_FIELDS);
    const nodeId = new Map(nodeCols.map((c) => [c.title, c.title]));
    const edgeId = new Map(edgeCols.map((c) => [c.title, c.title]));

    await w.write('<?xml version="1.0" encoding="UTF-8"?>\n');
    await w.write(v.root);
    const description = [
      `${meta.title}: ${meta.nodeCount} nodes, ${meta.relationshipCount} relationships, generated ${meta.generatedAt}; task statuses as of ${meta.asOf}; selection ${JSON.stringify(meta.selection)}.`,
      CONVENTIONS.text, CONVENTIONS.dates, LISTS, LIFE, CONVENTIONS.direction, CONVENTIONS.provenance, CONVENTIONS.absent,
    ].join(" ");
    await w.write(`  <meta${attrs({ lastmodifieddate: meta.generatedAt.slice(0, 10) })}>\n    <creator>Policy Graph</creator>\n    <description>${xmlText(description)}</description>\n  </meta>\n`);
    await w.write('  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n');
    await w.write('    <attributes class="node" mode="static">\n      <attribute id="type" title="type" type="string"/>\n');
    for (const c of nodeCols) await w.write(attributeXml(nodeId.get(c.title)!, c));
    await w.write('    </attributes>\n    <attributes class="edge" mode="static">\n');
    if (!v.kind) await w.write('      <attribute id="type" title="type" type="string"/>\n');
    for (const c of edgeCols) await w.write(attributeXml(edgeId.get(c.title)!, c));
    await w.write("    </attributes>\n    <nodes>\n");

    for await (const node of source.nodes()) {
      const pairs: [string, string][] = [["type", node.label]];
      for (const [title, value] of values(schema.nodeLabels, node.label, node.properties, NODE_FIELDS, ID)) {
        const id = nodeId.get(title);
        const text = asText(value);
        if (id && text !== null) pairs.push([id, text]);
      }
      const interval = node.label === "Task" ? life(node.properties.lifeStart, node.properties.lifeEnd) : {};
      await w.write(`      <node${attrs({ id: node.id, label: token(displayLabel(node)), ...interval })}>${attvalues(pairs)}</node>\n`);
    }
    await w.write("    </nodes>\n    <edges>\n");
    for await (const rel of source.relationships()) {
      const pairs: [string, string][] = v.kind ? [] : [["type", rel.type]];
      for (const [title, value] of values(schema.relationshipTypes, rel.type, rel.properties, EDGE_FIELDS)) {
        const id = edgeId.get(title);
        const text = asText(value);
        if (id && text !== null) pairs.push([id, text]);
      }
      await w.write(`      <edge${attrs({ id: rel.id, source: rel.start, target: rel.end, label: rel.type, ...(v.kind ? { kind: rel.type } : {}) })}>${attvalues(pairs)}</edge>\n`);
    }
    await w.write("    </edges>\n  </graph>\n</gexf>\n");
    await w.flush();
  },
  };
}

export const gexf = gexfFormat("1.2draft");
export const gexf13 = gexfFormat("1.3");
