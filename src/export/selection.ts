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

/**
 * A whole number from min to max: a number (GraphQL), or digits (HTTP, CLI). Digits only, so
 * "" (which Number() reads as 0), "1e1", "0x2" and " 3" are refused, not coerced.
 */
const whole = (min: number, max: number) => {
  const bound = `a whole number from ${min} to ${max.toLocaleString("en-US")}`;
  return z.union([z.number(), z.string().regex(/^\d{1,16}$/, bound).transform(Number)], { error: bound })
    .pipe(z.number().int(bound).min(min, bound).max(max, bound));
};

export function parseSelection(input: Record<string, unknown>, model: SchemaModel, defaults: { maxNodes: number; maxRelationships: number }): Selection {
  const { labels, relTypes } = vocabulary(model);
  const list = (values: string[], what: string) =>
    z.array(z.string().superRefine((v, ctx) => {
      if (!values.includes(v)) ctx.addIssue({ code: "custom", message: `unknown ${what} "${v}"; expected one of ${values.join(", ")}` });
    }));
  // An include list given but empty would mean "everything": a client that sent [] (or a
  // CLI option that split to nothing) is refused rather than silently given the whole graph.
  const nonEmpty = <T extends z.ZodArray<z.ZodType>>(l: T, meaning: string) => l.min(1, `an empty list; leave it out to ${meaning}`).optional();
  const schema = z.object({
    seeds: nonEmpty(z.array(z.string().min(1, "an empty seed id")).max(MAX_SEEDS, `at most ${MAX_SEEDS} seeds`), "export the whole graph"),
    depth: whole(0, MAX_DEPTH).default(1),
    nodeTypes: nonEmpty(list(labels, "node type"), "keep every node type"),
    excludeNodeTypes: list(labels, "node type").default([]),
    relationshipTypes: nonEmpty(list(relTypes, "relationship type"), "keep every relationship type"),
    excludeRelationshipTypes: list(relTypes, "relationship type").default([]),
    asOf: IsoDate.default(todayInVietnam()),
    provenance: z.boolean("true or false").default(true),
    maxNodes: whole(1, HARD_MAX_NODES).default(defaults.maxNodes),
    maxRelationships: whole(1, HARD_MAX_RELATIONSHIPS).default(defaults.maxRelationships),
  }).strict();
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)));
  if (!parsed.success) {
    throw badInput(`Invalid selection: ${parsed.error.issues.map((i) => `${i.path.join(".") || "selection"}: ${i.message}`).join("; ")}`);
  }
  const { seeds = [], nodeTypes = [], relationshipTypes = [], ...rest } = parsed.data;
  return { ...rest, seeds, nodeTypes, relationshipTypes };
}

/** The labels and relationship types a selection keeps (Source and SOURCED_FROM only with provenance). */
export function kept(selection: Selection, model: SchemaModel) {
  const { labels, relTypes } = vocabulary(model);
  const keep = (all: string[], include: string[], exclude: string[]) => (include.length ? include : all).filter((x) => !exclude.includes(x));
  const nodeLabels = keep(labels, selection.nodeTypes, selection.excludeNodeTypes).filter((l) => selection.provenance || l !== "Source");
  const relationshipTypes = keep(relTypes, selection.relationshipTypes, selection.excludeRelationshipTypes).filter((t) => selection.provenance || t !== "SOURCED_FROM");
  return { nodeLabels, relationshipTypes };
}
