// One selection model for every export entry point (GraphQL, HTTP, CLI): seed ids, depth,
// node and relationship types to include or exclude, the date statuses are computed as of,
// provenance yes/no, and size limits. Validated here, once; types come from the SDL model.
import { z } from "zod";

import { badInput } from "../errors/index.js";
import type { SchemaModel } from "../model/index.js";
import { IsoDate, todayInVietnam } from "../args/index.js";

export const MAX_DEPTH = 6;
export const MAX_SEEDS = 100;
/** the most any selection may ask for (files stream, so this is about time, not memory) */
export const HARD_MAX_NODES = 500_000;
export const HARD_MAX_RELATIONSHIPS = 2_000_000;

export interface Selection {
  /** seed ids; none means the whole graph */
  seeds: string[];
  depth: number;
  /** node labels to include (none: all) and to exclude */
  nodeTypes: string[];
  excludeNodeTypes: string[];
  relationshipTypes: string[];
  excludeRelationshipTypes: string[];
  asOf: string;
  /** include Source nodes and SOURCED_FROM edges, and the sourceId/quote/trust of every relationship */
  provenance: boolean;
  maxNodes: number;
  maxRelationships: number;
}

/** The node labels and relationship types a selection may name, from the SDL. */
export function vocabulary(model: SchemaModel) {
  const labels = [...model.nodeTypes.keys()].sort();
  const relTypes = [...new Set([...model.nodeTypes.values()].flatMap((t) => t.relationships.map((r) => r.relType)))].sort();
  return { labels, relTypes };
}

export function parseSelection(input: Record<string, unknown>, model: SchemaModel, defaults: { maxNodes: number; maxRelationships: number }): Selection {
  const { labels, relTypes } = vocabulary(model);
  const list = (values: string[], what: string) =>
    z.array(z.string().superRefine((v, ctx) => {
      if (!values.includes(v)) ctx.addIssue({ code: "custom", message: `unknown ${what} "${v}"; expected one of ${values.join(", ")}` });
    })).default([]);
  const schema = z.object({
    seeds: z.array(z.string().min(1)).max(MAX_SEEDS).default([]),
    depth: z.coerce.number().int().min(0).max(MAX_DEPTH).default(1),
    nodeTypes: list(labels, "node type"),
    excludeNodeTypes: list(labels, "node type"),
    relationshipTypes: list(relTypes, "relationship type"),
    excludeRelationshipTypes: list(relTypes, "relationship type"),
    asOf: IsoDate.default(todayInVietnam()),
    provenance: z.boolean().default(true),
    maxNodes: z.coerce.number().int().min(1).max(HARD_MAX_NODES).default(defaults.maxNodes),
    maxRelationships: z.coerce.number().int().min(1).max(HARD_MAX_RELATIONSHIPS).default(defaults.maxRelationships),
  }).strict();
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)));
  if (!parsed.success) {
    throw badInput(`Invalid selection: ${parsed.error.issues.map((i) => `${i.path.join(".") || "selection"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/** The labels and relationship types a selection keeps (Source and SOURCED_FROM only with provenance). */
export function kept(selection: Selection, model: SchemaModel) {
  const { labels, relTypes } = vocabulary(model);
  const keep = (all: string[], include: string[], exclude: string[]) => (include.length ? include : all).filter((x) => !exclude.includes(x));
  const nodeLabels = keep(labels, selection.nodeTypes, selection.excludeNodeTypes).filter((l) => selection.provenance || l !== "Source");
  const relationshipTypes = keep(relTypes, selection.relationshipTypes, selection.excludeRelationshipTypes).filter((t) => selection.provenance || t !== "SOURCED_FROM");
  return { nodeLabels, relationshipTypes };
}
