// Relationships the seed derives instead of stating: a Task or Target CONCERNS a technology
// group when its own text names it (src/seed/technologyRules.ts). Its own text is the
// official text's quote when the seed cites one; a news article's paraphrase counts only for
// what has no official text (the directions of a meeting), as an article sums up several
// items in one sentence ("… trung tâm dữ liệu quốc gia, cùng các sáng kiến về trí tuệ nhân
// tạo …" is cited for three tasks, only one of which is about a data centre). Each derived
// edge cites the quote that matched, is marked INFERRED with the matched words, and inherits
// UNVERIFIED when the group itself is unverified. An edge stated in a seed file wins.
import { matchTechnologies } from "./technologyRules.js";
import type { SeedCitation, SeedGraph, SeedRelationship } from "./graph.js";

type Graph = Pick<SeedGraph, "nodes" | "citations" | "relationships">;

/** Sources that paraphrase rather than give the text itself. */
const PARAPHRASE_KINDS = new Set(["ARTICLE"]);

/** Every task/target–group pair the rules find, with the first citation that names it, whether or not a seed file states the pair. Pure. */
export function technologyMatches(graph: Graph): { citation: SeedCitation; group: string; matched: string[] }[] {
  const ownText = new Map<string, SeedCitation[]>();
  for (const c of graph.citations) {
    if (c.type !== "Task" && c.type !== "Target") continue;
    ownText.set(c.id, [...(ownText.get(c.id) ?? []), c]);
  }
  const out: { citation: SeedCitation; group: string; matched: string[] }[] = [];
  for (const cites of ownText.values()) {
    const official = cites.filter((c) => !PARAPHRASE_KINDS.has(String(graph.nodes.get(c.source)?.props.kind)));
    const seen = new Set<string>();
    for (const c of official.length ? official : cites) {
      for (const { group, matched } of matchTechnologies(c.quote)) {
        if (seen.has(group) || !graph.nodes.has(group)) continue;
        seen.add(group);
        out.push({ citation: c, group, matched });
      }
    }
  }
  return out;
}

export function deriveTechnologyLinks(graph: Graph): SeedRelationship[] {
  const stated = new Set(graph.relationships.filter((r) => r.relType === "CONCERNS").map((r) => `${r.fromId}|${r.toId}`));
  const unverifiedGroups = new Set(
    graph.citations.filter((c) => c.type === "TechnologyGroup" && c.trust === "UNVERIFIED").map((c) => c.id),
  );
  return technologyMatches(graph)
    .filter(({ citation: c, group }) => !stated.has(`${c.id}|${group}`))
    .map(({ citation: c, group, matched }) => ({
      fromType: c.type, fromId: c.id, relType: "CONCERNS", toType: "TechnologyGroup", toId: group, field: "concerns", at: c.at,
      props: { sourceId: c.source, quote: c.quote, trust: unverifiedGroups.has(group) ? "UNVERIFIED" : c.trust, kind: "INFERRED", matched },
    }));
}
