// Relationships the seed derives instead of stating: a Task or Target CONCERNS a technology
// group when one of its quotes names it (src/seed/technologyRules.ts). Each derived edge
// cites the quote that matched, is marked INFERRED with the matched words, and inherits
// UNVERIFIED when the group itself is unverified. An edge stated in a seed file wins.
import { matchTechnologies } from "./technologyRules.js";
import type { SeedGraph, SeedRelationship } from "./graph.js";

export function deriveTechnologyLinks(graph: Pick<SeedGraph, "nodes" | "citations" | "relationships">): SeedRelationship[] {
  const stated = new Set(graph.relationships.filter((r) => r.relType === "CONCERNS").map((r) => `${r.fromId}|${r.toId}`));
  const unverifiedGroups = new Set(
    graph.citations.filter((c) => c.type === "TechnologyGroup" && c.trust === "UNVERIFIED").map((c) => c.id),
  );
  const derived = new Map<string, SeedRelationship>();
  for (const c of graph.citations) {
    if (c.type !== "Task" && c.type !== "Target") continue;
    for (const { group, matched } of matchTechnologies(c.quote)) {
      const key = `${c.id}|${group}`;
      if (stated.has(key) || derived.has(key) || !graph.nodes.has(group)) continue;
      derived.set(key, {
        fromType: c.type, fromId: c.id, relType: "CONCERNS", toType: "TechnologyGroup", toId: group, field: "concerns", at: c.at,
        props: { sourceId: c.source, quote: c.quote, trust: unverifiedGroups.has(group) ? "UNVERIFIED" : c.trust, kind: "INFERRED", matched },
      });
    }
  }
  return [...derived.values()];
}
