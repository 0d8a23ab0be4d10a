// Writes a selection in a format to a stream, counting what it writes. The size check of
// readSelection runs before the first byte, so an oversized selection writes nothing.
import { FORMATS } from "./formats/index.js";
import type { Format, GraphSource } from "./model.js";
import { readSelection, type Db } from "./read.js";
import { parseSelection, type Selection } from "./selection.js";
import { FILE_LIMITS } from "./index.js";
import type { SchemaModel } from "../model/index.js";
import { badInput } from "../errors/index.js";
import { slug } from "../seed/slug.js";

export interface Progress { nodes: number; relationships: number; totalNodes: number; totalRelationships: number }

export function formatOf(id: string | undefined): Format {
  const format = FORMATS[id ?? ""];
  if (!format) throw badInput(`format must be one of ${Object.keys(FORMATS).join(", ")}, got ${JSON.stringify(id ?? null)}`);
  return format;
}

/** A file name that says what was selected: policy-graph-57-nq-tw-d2.graphml, policy-graph-all.gexf. */
export function fileName(selection: Selection, format: Format): string {
  const what = selection.seeds.length ? `${selection.seeds.slice(0, 3).map(slug).join("+")}${selection.seeds.length > 3 ? "+more" : ""}-d${selection.depth}` : "all";
  return `policy-graph-${what}.${format.extension}`;
}

export interface ExportPlan { format: Format; selection: Selection }

/** Checks the format and the selection without touching the database, so an entry point can refuse bad input first. */
export function planExport(model: SchemaModel, input: Record<string, unknown>, formatId: string | undefined): ExportPlan {
  return { format: formatOf(formatId), selection: parseSelection(input, model, FILE_LIMITS) };
}

/** Resolves the selection (failing early if too large) and returns what is needed to write it. */
export async function prepareExport(db: Db, model: SchemaModel, input: Record<string, unknown> | ExportPlan, formatId?: string) {
  const { format, selection } = isPlan(input) ? input : planExport(model, input, formatId);
  const title = selection.seeds.length ? `Policy Graph: ${selection.seeds.join(", ")} (depth ${selection.depth})` : "Policy Graph: whole graph";
  const selected = await readSelection(db, model, selection, title);
  return {
    format, selection, ...selected,
    fileName: fileName(selection, format),
    write: (out: NodeJS.WritableStream, onProgress?: (p: Progress) => void) => format.write(counted(selected.source, selected.nodes, selected.relationships, onProgress), out),
  };
}

const isPlan = (x: Record<string, unknown> | ExportPlan): x is ExportPlan =>
  typeof (x as ExportPlan).format?.write === "function" && typeof (x as ExportPlan).selection?.depth === "number";

function counted(source: GraphSource, totalNodes: number, totalRelationships: number, onProgress?: (p: Progress) => void): GraphSource {
  const p: Progress = { nodes: 0, relationships: 0, totalNodes, totalRelationships };
  return {
    ...source,
    async *nodes() {
      for await (const n of source.nodes()) { p.nodes++; if (p.nodes % 500 === 0) onProgress?.(p); yield n; }
      onProgress?.(p);
    },
    async *relationships() {
      for await (const r of source.relationships()) { p.relationships++; if (p.relationships % 500 === 0) onProgress?.(p); yield r; }
      onProgress?.(p);
    },
  };
}
