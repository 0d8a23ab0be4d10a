// Exports: a selection (selection.ts) read from Neo4j (read.ts) and written by a format
// (formats/). Entry points: GraphQL `subgraph`, GET /export, `npm run export`.
import type { SchemaModel } from "../model/index.js";
import type { ExportNode, ExportRelationship } from "./model.js";
import { readSelection, type Db } from "./read.js";
import { parseSelection } from "./selection.js";

export { parseSelection } from "./selection.js";
export { readSelection } from "./read.js";

/** GraphQL answers in one JSON document, so it keeps to smaller selections than files do. */
export const GRAPHQL_LIMITS = { maxNodes: 5_000, maxRelationships: 20_000 };
export const FILE_LIMITS = { maxNodes: 100_000, maxRelationships: 500_000 };

export async function subgraph(db: Db, model: SchemaModel, input: Record<string, unknown>) {
  const selection = parseSelection(input, model, GRAPHQL_LIMITS);
  // Over GraphQL the answer is one JSON document: a caller may lower the limits, not raise them.
  selection.maxNodes = Math.min(selection.maxNodes, GRAPHQL_LIMITS.maxNodes);
  selection.maxRelationships = Math.min(selection.maxRelationships, GRAPHQL_LIMITS.maxRelationships);
  const { source, nodes, relationships } = await readSelection(db, model, selection, "subgraph");
  const out = { asOf: selection.asOf, nodeCount: nodes, relationshipCount: relationships, nodes: [] as ExportNode[], relationships: [] as ExportRelationship[] };
  for await (const n of source.nodes()) out.nodes.push(n);
  for await (const r of source.relationships()) out.relationships.push(r);
  return out;
}
