// The data-quality report of the seed (`npm run seed:report`): what is in it, where it comes
// from, how far it can be trusted, and what needs a curator: tasks with no owner or no
// deadline, owners that no longer exist and have no successor, likely duplicates across
// documents, appendix rows that restate an item of their own document's main text, and how
// well the technology rules do against the hand-labelled pairs. Pure.
import { fold } from "../search/fold.js";
import type { SeedGraph, SeedRelationship } from "./graph.js";
import { scoreTechnologyRules, type TechnologyLabel, type TechnologyScore } from "./technologyPrecision.js";

/** linked: joined as the same work (UPDATES, RESTATES); related: joined by DEPENDS_ON, so a curator judged them distinct; review: neither. */
export interface DuplicateCandidate { a: string; b: string; similarity: number; status: "linked" | "related" | "review" }

export interface SeedReport {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  citationsBySource: Record<string, number>;
  factsByTrust: Record<string, number>;
  tasks: {
    total: number;
    withoutOwner: string[];
    withoutDeadline: string[];
    ownerGoneWithoutSuccessor: { task: string; agency: string; role: "LED_BY" | "COORDINATED_WITH" }[];
    byReportedStatus: Record<string, number>;
  };
  duplicates: DuplicateCandidate[];
  /** a: an appendix row; b: the main-text item of the same document it may restate (RESTATE_RULE). */
  restatements: DuplicateCandidate[];
  /** the technology rules against the labels, when labels are given */
  technology: TechnologyScore | null;
}

const DUPLICATE_THRESHOLD = 0.6;
// An appendix row restates a main-text item by repeating it and adding owners, output and
// deadline, or by taking one clause of it, so the two titles differ in length and Jaccard
// misses them (row 7 against II.1.g: 0.35). The shorter title contained in the longer does
// not: 27 of the 28 restatements seeded within 03/NQ-CP score ≥ 0.85 (row 69 paraphrases
// II.3.o), and titles under four words are left out, as a few common words would be
// "contained" in everything.
const RESTATE_THRESHOLD = 0.85;
const RESTATE_MIN_WORDS = 4;
export const RESTATE_RULE = `appendix row against main-text item of the same document: share of the shorter title's words (folded, 2+ letters) found in the longer ≥ ${RESTATE_THRESHOLD}, the shorter having ≥ ${RESTATE_MIN_WORDS} words`;

const tally = <T>(items: T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};

/** Lower-case, diacritics folded, words of three letters or more: what two titles share. */
function words(text: string): Set<string> {
  return new Set(fold(text).split(" ").filter((w) => w.length >= 2));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** Shared words over the shorter title's words: 1 when one title holds all of the other's. */
function containment(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (Math.min(a.size, b.size) || 1);
}

/**
 * Where a task sits in its document: the document, and whether the top section under it is an
 * appendix (an id `<document>#PL…`, phụ lục, the seed's convention: 03/NQ-CP#PL2.I).
 */
function placesInDocument(graph: SeedGraph): Map<string, { document: string; appendix: boolean }> {
  const partOf = new Map<string, string>();
  for (const r of graph.relationships) if (r.relType === "PART_OF" && !partOf.has(r.fromId)) partOf.set(r.fromId, r.toId);
  const out = new Map<string, { document: string; appendix: boolean }>();
  for (const n of graph.nodes.values()) {
    if (n.type !== "Task") continue;
    let top = n.id;
    let at: string | undefined = partOf.get(n.id);
    for (let hops = 0; at && hops < 10 && graph.nodes.get(at)?.type !== "Document"; hops++) { top = at; at = partOf.get(at); }
    if (at && graph.nodes.get(at)?.type === "Document") out.set(n.id, { document: at, appendix: top.startsWith(`${at}#PL`) });
  }
  return out;
}

/** The document or meeting a task comes from: up PART_OF to a Document, else its ASSIGNED_AT event. */
function origins(graph: SeedGraph): Map<string, string> {
  const partOf = new Map<string, string>();
  const assignedAt = new Map<string, string>();
  for (const r of graph.relationships) {
    if (r.relType === "PART_OF" && !partOf.has(r.fromId)) partOf.set(r.fromId, r.toId);
    if (r.relType === "ASSIGNED_AT" && !assignedAt.has(r.fromId)) assignedAt.set(r.fromId, r.toId);
  }
  const out = new Map<string, string>();
  for (const n of graph.nodes.values()) {
    if (n.type !== "Task") continue;
    let at: string | undefined = n.id;
    for (let hops = 0; at && hops < 10 && graph.nodes.get(at)?.type !== "Document"; hops++) at = partOf.get(at);
    out.set(n.id, at && graph.nodes.get(at)?.type === "Document" ? at : (assignedAt.get(n.id) ?? n.id));
  }
  return out;
}

export function seedReport(graph: SeedGraph, technologyLabels?: TechnologyLabel[]): SeedReport {
  const nodes = [...graph.nodes.values()];
  const tasks = nodes.filter((n) => n.type === "Task");
  const rels = (type: string) => graph.relationships.filter((r) => r.relType === type);
  const ledBy = new Map<string, SeedRelationship[]>();
  for (const r of rels("LED_BY")) ledBy.set(r.fromId, [...(ledBy.get(r.fromId) ?? []), r]);
  const succeeded = new Set(rels("SUCCEEDED_BY").filter((r) => r.props.main === true).map((r) => r.fromId));

  const ownerGone: SeedReport["tasks"]["ownerGoneWithoutSuccessor"] = [];
  for (const r of [...rels("LED_BY"), ...rels("COORDINATED_WITH")]) {
    const agency = graph.nodes.get(r.toId)!;
    if (agency.props.dissolvedOn !== undefined && !succeeded.has(agency.id)) {
      ownerGone.push({ task: r.fromId, agency: agency.id, role: r.relType as "LED_BY" | "COORDINATED_WITH" });
    }
  }

  const origin = origins(graph);
  // Linked: joined by UPDATES or RESTATES, directly or through one task in between
  // (71/NQ-CP#6 updates 03/NQ-CP#11, which restates the main text's 03/NQ-CP#II.1.l).
  const neighbours = (types: string[]) => {
    const near = new Map<string, Set<string>>();
    for (const r of types.flatMap(rels)) {
      near.set(r.fromId, (near.get(r.fromId) ?? new Set()).add(r.toId));
      near.set(r.toId, (near.get(r.toId) ?? new Set()).add(r.fromId));
    }
    return (a: string, b: string) => near.get(a)?.has(b) || [...(near.get(a) ?? [])].some((m) => near.get(m)?.has(b)) || false;
  };
  const sameWork = neighbours(["UPDATES", "RESTATES"]);
  const related = neighbours(["UPDATES", "RESTATES", "DEPENDS_ON"]);
  const titled = tasks.map((t) => ({ id: t.id, words: words(String(t.props.titleVi)) }));
  const duplicates: DuplicateCandidate[] = [];
  for (let i = 0; i < titled.length; i++) {
    for (let j = i + 1; j < titled.length; j++) {
      const a = titled[i]!;
      const b = titled[j]!;
      if (origin.get(a.id) === origin.get(b.id)) continue;
      const similarity = jaccard(a.words, b.words);
      if (similarity >= DUPLICATE_THRESHOLD) duplicates.push({ a: a.id, b: b.id, similarity: Math.round(similarity * 100) / 100, status: sameWork(a.id, b.id) ? "linked" : related(a.id, b.id) ? "related" : "review" });
    }
  }
  duplicates.sort((x, y) => y.similarity - x.similarity || x.a.localeCompare(y.a));

  // Within one document, which the pass above skips: each appendix row against each item of
  // the main text.
  const place = placesInDocument(graph);
  const status = (a: string, b: string) => (sameWork(a, b) ? "linked" : related(a, b) ? "related" : "review") as DuplicateCandidate["status"];
  const rows = titled.filter((t) => place.get(t.id)?.appendix === true);
  const items = titled.filter((t) => place.get(t.id)?.appendix === false);
  const restatements: DuplicateCandidate[] = [];
  for (const a of rows) {
    for (const b of items) {
      if (place.get(a.id)!.document !== place.get(b.id)!.document || Math.min(a.words.size, b.words.size) < RESTATE_MIN_WORDS) continue;
      const similarity = containment(a.words, b.words);
      if (similarity >= RESTATE_THRESHOLD) restatements.push({ a: a.id, b: b.id, similarity: Math.round(similarity * 100) / 100, status: status(a.id, b.id) });
    }
  }
  const order = { review: 0, related: 1, linked: 2 };
  restatements.sort((x, y) => order[x.status] - order[y.status] || y.similarity - x.similarity || x.a.localeCompare(y.a, "en", { numeric: true }));

  // A task's seeded report (the seed gives each at most one).
  const reported = new Map(graph.relationships.filter((r) => r.relType === "REPORTS_ON")
    .map((r) => [r.toId, String(graph.nodes.get(r.fromId)?.props.status)] as const));
  return {
    nodes: tally(nodes, (n) => n.type),
    relationships: tally(graph.relationships, (r) => r.relType),
    citationsBySource: tally(graph.citations, (c) => c.source),
    factsByTrust: tally([...graph.citations.map((c) => c.trust), ...graph.relationships.map((r) => String(r.props.trust))], (t) => t),
    tasks: {
      total: tasks.length,
      withoutOwner: tasks.filter((t) => !ledBy.has(t.id)).map((t) => t.id),
      withoutDeadline: tasks.filter((t) => t.props.deadline === undefined && t.props.recurring !== true).map((t) => t.id),
      ownerGoneWithoutSuccessor: ownerGone,
      byReportedStatus: tally(tasks, (t) => reported.get(t.id) ?? "UNKNOWN"),
    },
    duplicates,
    restatements,
    technology: technologyLabels ? scoreTechnologyRules(graph, technologyLabels) : null,
  };
}

export function formatReport(r: SeedReport): string {
  const table = (title: string, rows: Record<string, number>) =>
    [title, ...Object.entries(rows).map(([k, v]) => `  ${k.padEnd(34)} ${String(v).padStart(5)}`)].join("\n");
  const list = (title: string, ids: string[], max = 15) =>
    `${title}: ${ids.length}${ids.length ? "\n  " + ids.slice(0, max).join(", ") + (ids.length > max ? `, … (${ids.length - max} more)` : "") : ""}`;
  return [
    table("Nodes by type", r.nodes),
    table("Relationships by type", r.relationships),
    table("Citations by source", r.citationsBySource),
    table("Facts (citations and relationships) by trust", r.factsByTrust),
    table(`Tasks by reported status (of ${r.tasks.total})`, r.tasks.byReportedStatus),
    list("Tasks with no lead agency", r.tasks.withoutOwner),
    list("Tasks with no deadline (not recurring)", r.tasks.withoutDeadline),
    list("Tasks owned by a body that no longer exists and has no successor", r.tasks.ownerGoneWithoutSuccessor.map((o) => `${o.task} (${o.role === "LED_BY" ? "led" : "coordinated"} by ${o.agency})`)),
    [
      `Likely duplicates across documents (title similarity ≥ ${DUPLICATE_THRESHOLD}): ${r.duplicates.length} — linked as the same work (UPDATES, RESTATES): ${r.duplicates.filter((d) => d.status === "linked").length}; related by DEPENDS_ON: ${r.duplicates.filter((d) => d.status === "related").length}; to review: ${r.duplicates.filter((d) => d.status === "review").length}`,
      ...r.duplicates.map((d) => `  ${d.status.toUpperCase().padEnd(8)} ${d.similarity.toFixed(2)}  ${d.a}  ~  ${d.b}`),
    ].join("\n"),
    [
      `Appendix rows that may restate a main-text item of their document (${RESTATE_RULE}): ${r.restatements.length} — linked (RESTATES, UPDATES): ${r.restatements.filter((d) => d.status === "linked").length}; related by DEPENDS_ON: ${r.restatements.filter((d) => d.status === "related").length}; no link yet, to review: ${r.restatements.filter((d) => d.status === "review").length}`,
      ...r.restatements.map((d) => `  ${d.status.toUpperCase().padEnd(8)} ${d.similarity.toFixed(2)}  ${d.a}  ~  ${d.b}`),
    ].join("\n"),
    ...(r.technology ? [formatTechnology(r.technology)] : []),
  ].join("\n\n");
}

function formatTechnology(t: TechnologyScore): string {
  const share = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
  const pairs = (title: string, ps: { node: string; group: string; why?: string }[]) =>
    `  ${title}: ${ps.length}${ps.map((p) => `\n    ${p.node} → ${p.group}${p.why ? ` (${p.why})` : ""}`).join("")}`;
  return [
    `Technology rules against ${t.labelled} hand-labelled pairs: precision ${share(t.precision)} (${t.truePositives} of ${t.truePositives + t.falsePositives.length} linked are right), recall ${share(t.recall)} (${t.truePositives} of ${t.truePositives + t.falseNegatives.length} to link are found)`,
    pairs("linked, labelled wrong", t.falsePositives),
    pairs("labelled right, not linked", t.falseNegatives),
    pairs("linked, not labelled", t.unlabelled),
  ].join("\n");
}
