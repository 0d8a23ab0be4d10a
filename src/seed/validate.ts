// Validation: turns the seed files into one checked graph (nodes, citations, relationships)
// or a list of `file:line: what is wrong`. Nothing is written to the database here.
import { createHash } from "node:crypto";
import path from "node:path";

import type { NodeType, RelationshipField, SchemaModel, ValueField } from "../model/index.js";
import { parseDeadline } from "./deadline.js";
import { markedTextOf, searchTextOf } from "../search/fold.js";
import { deriveTechnologyLinks } from "./derive.js";
import { MAX_QUOTE_LENGTH, QuoteIndex, insideShared } from "./quotes.js";
import type { Located, SeedCitation, SeedGraph, SeedNode, SeedRelationship } from "./graph.js";
import type { SeedFile } from "./read.js";
import { slug } from "./slug.js";

type Path = (string | number)[];
type Props = Record<string, unknown>;

export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` + problems.join("\n"));
    this.name = "SeedValidationError";
  }
}

const EXTRA_KEYS = new Set(["citations", "links"]);
const CITATION_KEYS = new Set(["source", "quote", "trust", "note"]);
const PROVENANCE_KEYS = ["sourceId", "quote", "trust"];
/** Task fields the loader derives; the seed may give deadline to override the parser. */
const DERIVED = new Set(["Task.recurring"]);

/**
 * A task's status as a source reported it, written on the task in the seed (status, statusAsOf,
 * statusSourceId, statusQuote) and loaded as a ProgressReport of its own (id <task>@<date>,
 * with its source, quote and the source's trust): the graph keeps one history of reports.
 */
const SEEDED_REPORT: ValueField[] = [
  { name: "status", type: "TaskStatus", required: false, list: false },
  { name: "statusAsOf", type: "Date", required: false, list: false },
  { name: "statusSourceId", type: "ID", required: false, list: false },
  { name: "statusQuote", type: "String", required: false, list: false },
];
const seededReportField = (key: string, model: SchemaModel): ValueField | undefined => {
  const f = SEEDED_REPORT.find((x) => x.name === key);
  return f && { ...f, enumValues: model.enums.get(f.type) };
};
/** Node types the seed never writes itself: reports are seeded through their task, or written through the API. */
const NOT_SEEDED = new Set(["ProgressReport"]);
export const seededReportId = (taskId: string, on: string) => `${taskId}@${on}`;

/** The bounds of every value the seed may hold, in one place (quotes: MAX_QUOTE_LENGTH). */
export const BOUNDS = {
  text: 10_000,
  int: { min: -1_000_000_000, max: 1_000_000_000 },
  /** Int fields named year */
  year: { min: 1900, max: 2200 },
  float: 1e15,
} as const;

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(s + "T00:00:00Z");
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export interface ValidateOptions {
  /** checks quotes against ../shared when it is there */
  quotes?: QuoteIndex;
}

export function validateSeed(files: SeedFile[], model: SchemaModel, opts: ValidateOptions = {}): SeedGraph {
  const problems: string[] = [];
  const nodes = new Map<string, SeedNode>();
  const citations: SeedCitation[] = [];
  const relationships: SeedRelationship[] = [];
  const sourceTrust = new Map<string, string | null>();
  const sourceFile = new Map<string, string>();
  const trustValues = model.enums.get("Trust") ?? [];

  if (opts.quotes && !opts.quotes.available()) {
    problems.push(`shared folder ${path.resolve(opts.quotes.sharedDir)} not found (SHARED_DIR): the quotes cannot be checked`);
  }
  /** quotes are checked against their files only when the shared folder is there */
  const quotes = opts.quotes?.available() ? opts.quotes : undefined;
  const sharedMissing = opts.quotes !== undefined && !quotes;

  const where = (f: SeedFile, at: Path): Located => ({ file: f.name, line: f.lineOf(at) });
  const fail = (f: SeedFile, at: Path, msg: string) => problems.push(`${f.name}:${f.lineOf(at)}: ${msg}`);

  // Pass 1: every node's id and type, so that references can point anywhere.
  const pending: { f: SeedFile; type: NodeType; item: Props; at: Path }[] = [];
  for (const f of files) {
    problems.push(...f.errors);
    if (f.data == null) continue;
    if (!isObject(f.data)) { fail(f, [], "a seed file is a map of type lists (tasks:, agencies:, …)"); continue; }
    for (const [key, list] of Object.entries(f.data)) {
      const type = model.byPlural(key);
      if (type && NOT_SEEDED.has(type.name)) {
        fail(f, [key], `${type.name} nodes are not written in the seed: give a task its status (status, statusAsOf, statusSourceId, statusQuote), or report through the API`);
        continue;
      }
      if (!type && !EXTRA_KEYS.has(key)) {
        fail(f, [key], `unknown section "${key}"; expected one of ${[...model.nodeTypes.values()].map((t) => t.plural).join(", ")}, citations, links`);
        continue;
      }
      if (!Array.isArray(list)) { fail(f, [key], `"${key}" must be a list`); continue; }
      if (!type) continue;
      list.forEach((item, i) => {
        const at = [key, i];
        if (!isObject(item)) return fail(f, at, `each entry of ${key} must be a map`);
        const id = item.id;
        if (typeof id !== "string" || id.trim() === "") return fail(f, at, `${type.name} without an id`);
        if (id.length > BOUNDS.text) return fail(f, [...at, "id"], `${type.name} id is ${id.length} characters; at most ${BOUNDS.text}`);
        const seen = nodes.get(id);
        if (seen) return fail(f, [...at, "id"], `duplicate id "${id}" (already a ${seen.type} at ${seen.at.file}:${seen.at.line})`);
        nodes.set(id, { type: type.name, id, props: { id }, at: where(f, [...at, "id"]) });
        if (type.name === "Source") {
          sourceTrust.set(id, typeof item.trust === "string" ? item.trust : null);
          if (typeof item.file === "string") {
            if (insideShared(opts.quotes?.sharedDir ?? "/shared", item.file)) sourceFile.set(id, item.file);
            else fail(f, [...at, "file"], `Source.file must be a path inside the shared folder, got ${JSON.stringify(item.file.slice(0, 200))}`);
          }
        }
        pending.push({ f, type, item, at });
      });
    }
  }

  /** A citation map {source, quote, trust?, note?} → checked values, or null after reporting. */
  const citation = (f: SeedFile, at: Path, c: Props, allowed = CITATION_KEYS) => {
    for (const k of Object.keys(c)) if (!allowed.has(k)) fail(f, [...at, k], `unknown field "${k}" in a citation`);
    const source = c.source;
    const quote = c.quote;
    if (typeof source !== "string" || !sourceTrust.has(source)) {
      fail(f, [...at, "source"], `"source" must be the id of a Source (${[...sourceTrust.keys()].join(", ")}), got ${JSON.stringify(source)}`);
      return null;
    }
    if (typeof quote !== "string" || quote.trim() === "") { fail(f, at, "a citation needs a verbatim \"quote\""); return null; }
    if (quote.length > MAX_QUOTE_LENGTH) fail(f, [...at, "quote"], `quote is ${quote.length} characters; at most ${MAX_QUOTE_LENGTH}`);
    if (/\.\.\.|…/.test(quote) && !sharedMissing && !quotes?.has(sourceFile.get(source) ?? "", quote)) {
      fail(f, [...at, "quote"], "a quote must not elide text with \"...\": cite two quotes instead");
    }
    const file = sourceFile.get(source);
    if (quotes && file && !quotes.has(file, quote)) {
      fail(f, [...at, "quote"], `quote not found verbatim in ${file}: "${quote.slice(0, 80)}${quote.length > 80 ? "…" : ""}"`);
    }
    const trust = c.trust ?? sourceTrust.get(source);
    if (typeof trust !== "string" || !trustValues.includes(trust)) {
      fail(f, [...at, "trust"], trust == null ? `citations of "${source}" must state their trust (${trustValues.join(", ")})` : `unknown trust "${String(trust)}"; expected ${trustValues.join(", ")}`);
      return null;
    }
    if (c.note !== undefined && typeof c.note !== "string") fail(f, [...at, "note"], "note must be text");
    else if (typeof c.note === "string" && c.note.length > BOUNDS.text) fail(f, [...at, "note"], `note is ${c.note.length} characters; at most ${BOUNDS.text}`);
    return { source, quote: quote.trim(), trust, note: c.note as string | undefined };
  };

  /** Checks one scalar value against its SDL field; returns the value to store. */
  const value = (f: SeedFile, at: Path, field: ValueField, v: unknown, owner: string): unknown => {
    const bad = (expected: string) => { fail(f, at, `${owner}.${field.name} must be ${expected}, got ${JSON.stringify(v)}`); return undefined; };
    if (field.list) {
      if (!Array.isArray(v)) return bad("a list");
      // An empty list says nothing, and neo4j-admin's CSV (the csv export) cannot carry one.
      if (v.length === 0) return bad("a non-empty list (leave the field out instead)");
      return v.map((x, i) => value(f, [...at, i], { ...field, list: false }, x, owner));
    }
    if (field.enumValues) return typeof v === "string" && field.enumValues.includes(v) ? v : bad(`one of ${field.enumValues.join(", ")}`);
    switch (field.type) {
      case "ID":
      case "String":
        if (typeof v === "number") return String(v); // YAML reads `number: 1` as a number
        // Kept despite the report, so that it is not also reported missing.
        if (typeof v === "string" && v.length > BOUNDS.text) { fail(f, at, `${owner}.${field.name} is ${v.length} characters; at most ${BOUNDS.text}`); return v; }
        return typeof v === "string" && v.trim() !== "" ? v : bad("non-empty text");
      case "Date":
        if (v instanceof Date) return v.toISOString().slice(0, 10);
        return typeof v === "string" && validDate(v) ? v : bad("a date YYYY-MM-DD");
      case "Int": {
        const { min, max } = field.name === "year" ? BOUNDS.year : BOUNDS.int;
        return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? v : bad(`a whole number from ${min} to ${max}`);
      }
      case "Float":
        return typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= BOUNDS.float ? v : bad(`a number within ±${BOUNDS.float}`);
      case "Boolean":
        return typeof v === "boolean" ? v : bad("true or false");
      default:
        return bad(`a ${field.type}`);
    }
  };

  /** Resolves one entry of a relationship field (an id, or a map with id, provenance and properties). */
  const relationship = (f: SeedFile, at: Path, rel: RelationshipField, from: SeedNode, entry: unknown, primary: ReturnType<typeof citation>) => {
    const e: Props = typeof entry === "string" ? { id: entry } : isObject(entry) ? entry : {};
    const toId = e.id;
    if (typeof toId !== "string") return fail(f, at, `${from.type}.${rel.name} takes ids or maps with an "id"`);
    const to = nodes.get(toId);
    if (!to) return fail(f, at, `${from.type}.${rel.name} refers to unknown id "${toId}"`);
    if (!rel.targets.includes(to.type)) return fail(f, at, `${from.type}.${rel.name} must point to ${rel.targets.join(" or ")}, but "${toId}" is a ${to.type}`);
    if (toId === from.id && rel.relType === "DEPENDS_ON") return fail(f, at, `task "${toId}" cannot depend on itself`);
    const provenance = e.source !== undefined || e.quote !== undefined
      ? citation(f, at, { source: e.source, quote: e.quote, ...(e.trust ? { trust: e.trust } : {}) }, new Set(["source", "quote", "trust"]))
      : primary;
    if (!provenance) return;
    const props: Props = { sourceId: provenance.source, quote: provenance.quote, trust: provenance.trust };
    const own = rel.properties.filter((p) => !PROVENANCE_KEYS.includes(p.name));
    for (const k of Object.keys(e)) {
      if (k === "id" || k === "source" || k === "quote" || k === "trust") continue;
      const field = own.find((p) => p.name === k);
      if (!field) { fail(f, [...at, k], `unknown property "${k}" on ${rel.relType}; it takes ${own.map((p) => p.name).join(", ") || "no properties"}`); continue; }
      props[k] = value(f, [...at, k], field, e[k], rel.relType);
    }
    for (const p of own) {
      if (props[p.name] === undefined && p.default !== undefined) props[p.name] = p.default; // declared in the SDL (@default)
      if (p.required && props[p.name] === undefined) fail(f, at, `${rel.relType} to "${toId}" needs "${p.name}"`);
    }
    relationships.push({ fromType: from.type, fromId: from.id, relType: rel.relType, toType: to.type, toId, field: rel.name, props, at: where(f, at) });
  };

  // Pass 2: fields, citations and relationships of every node.
  for (const { f, type, item, at } of pending) {
    const node = nodes.get(item.id as string)!;
    const rawCitations = item.sources;
    let primary: ReturnType<typeof citation> = null;
    if (type.name !== "Source") {
      if (!Array.isArray(rawCitations) || rawCitations.length === 0) {
        fail(f, at, `${type.name} "${node.id}" needs "sources": at least one citation with a verbatim quote`);
      } else {
        rawCitations.forEach((c, i) => {
          const cit = isObject(c) ? citation(f, [...at, "sources", i], c) : (fail(f, [...at, "sources", i], "a citation is a map {source, quote, trust}"), null);
          if (cit) citations.push({ type: type.name, id: node.id, ...cit, at: where(f, [...at, "sources", i]) });
          if (i === 0) primary = cit;
        });
      }
    }
    for (const [key, v] of Object.entries(item)) {
      if (key === "id" || (key === "sources" && type.name !== "Source")) continue;
      const field = type.fields.find((x) => x.name === key) ?? (type.name === "Task" ? seededReportField(key, model) : undefined);
      const rel = type.relationships.find((x) => x.name === key);
      if (field) {
        if (DERIVED.has(`${type.name}.${key}`)) { fail(f, [...at, key], `${type.name}.${key} is derived from deadlineText; do not set it`); continue; }
        node.props[key] = value(f, [...at, key], field, v, type.name);
      } else if (rel && rel.direction === "OUT") {
        if (!Array.isArray(v)) { fail(f, [...at, key], `${type.name}.${key} must be a list`); continue; }
        v.forEach((entry, i) => relationship(f, [...at, key, i], rel, node, entry, primary));
      } else if (rel) {
        fail(f, [...at, key], `${type.name}.${key} is the read-only mirror of ${rel.relType}; write it on the other side`);
      } else {
        fail(f, [...at, key], `unknown field "${key}" on ${type.name}; see schema/graph.graphql`);
      }
    }
    for (const field of type.fields) {
      if (field.required && node.props[field.name] === undefined && !DERIVED.has(`${type.name}.${field.name}`)) {
        fail(f, at, `${type.name} "${node.id}" is missing "${field.name}"`);
      }
    }
    if ((type.name === "Agency" || type.name === "Person") && typeof item.nameVi === "string" && slug(item.nameVi) !== node.id) {
      fail(f, [...at, "id"], `${type.name} id "${node.id}" must be the slug of its nameVi: "${slug(item.nameVi)}"`);
    }
    if (type.name === "Task") {
      deriveTaskFields(f, at, node, fail);
      const { statusSourceId: sid, statusQuote: sq } = node.props;
      if (sid !== undefined && !sourceTrust.has(sid as string)) fail(f, [...at, "statusSourceId"], `unknown source "${String(sid)}"`);
      else if (typeof sq === "string" && quotes && !quotes.has(sourceFile.get(sid as string) ?? "", sq)) {
        fail(f, [...at, "statusQuote"], `statusQuote not found verbatim in ${sourceFile.get(sid as string)}`);
      }
    }
  }

  // Pass 3: the cross-file additions.
  for (const f of files) {
    if (!isObject(f.data)) continue;
    const cites = f.data.citations;
    if (Array.isArray(cites)) cites.forEach((c, i) => {
      const at = ["citations", i];
      if (!isObject(c)) return fail(f, at, "a citation is a map {id, source, quote, trust}");
      const node = typeof c.id === "string" ? nodes.get(c.id) : undefined;
      if (!node) return fail(f, at, `citation of unknown id ${JSON.stringify(c.id)}`);
      const { id: _id, ...rest } = c;
      const cit = citation(f, at, rest);
      if (cit) citations.push({ type: node.type, id: node.id, ...cit, at: where(f, at) });
    });
    const links = f.data.links;
    if (Array.isArray(links)) links.forEach((l, i) => {
      const at = ["links", i];
      if (!isObject(l)) return fail(f, at, "a link is a map {from, field, to, source, quote}");
      const from = typeof l.from === "string" ? nodes.get(l.from) : undefined;
      if (!from) return fail(f, [...at, "from"], `link from unknown id ${JSON.stringify(l.from)}`);
      const rel = model.nodeTypes.get(from.type)!.relationships.find((r) => r.name === l.field && r.direction === "OUT");
      if (!rel) return fail(f, [...at, "field"], `${from.type} has no relationship field ${JSON.stringify(l.field)} to write`);
      if (l.source === undefined) return fail(f, at, "a link needs its own source and quote");
      const { from: _f, field: _fl, to, ...rest } = l;
      relationship(f, at, rel, from, { id: to, ...rest }, null);
    });
  }

  seedReports(nodes, citations, relationships, sourceTrust);
  checkDependencyCycles(relationships, problems);
  relationships.push(...deriveTechnologyLinks({ nodes, citations, relationships }));
  const citationsOf = new Map<string, SeedCitation[]>();
  for (const c of citations) citationsOf.set(c.id, [...(citationsOf.get(c.id) ?? []), c]);
  for (const node of nodes.values()) {
    const text = searchTextOf(node, citationsOf.get(node.id) ?? []);
    if (text) node.props.searchText = text; // internal: indexed for search, not in the API
    const marked = markedTextOf(node, citationsOf.get(node.id) ?? []);
    if (marked) node.props.searchTextMarked = marked; // internal: search's exact-diacritics rank
  }
  if (problems.length) throw new SeedValidationError(problems);

  const hash = createHash("sha256")
    .update(JSON.stringify([[...nodes.values()].map((n) => [n.type, n.props]), citations.map((c) => [c.id, c.source, c.quote, c.trust, c.note]), relationships.map((r) => [r.fromId, r.relType, r.toId, r.props])]))
    .digest("hex");
  return { nodes, citations, relationships, hash };
}

function deriveTaskFields(f: SeedFile, at: Path, node: SeedNode, fail: (f: SeedFile, at: Path, msg: string) => void) {
  const p = node.props;
  const parsed = parseDeadline(p.deadlineText as string | undefined);
  if (!parsed && p.deadline === undefined) {
    fail(f, [...at, "deadlineText"], `cannot read the deadline "${String(p.deadlineText)}"; write it as the source does and add "deadline: YYYY-MM-DD"`);
  }
  if (p.deadline === undefined) p.deadline = parsed?.deadline ?? undefined;
  p.recurring = parsed?.recurring ?? false;
  const reported = p.status !== undefined && p.status !== "UNKNOWN";
  if (reported && (p.statusAsOf === undefined || p.statusSourceId === undefined || p.statusQuote === undefined)) {
    fail(f, [...at, "status"], "a reported status needs statusAsOf, statusSourceId and statusQuote");
  }
}

/** Each task's seeded status becomes a ProgressReport REPORTS_ON it, cited like any node; the task keeps none of it. */
function seedReports(nodes: Map<string, SeedNode>, citations: SeedCitation[], relationships: SeedRelationship[], sourceTrust: Map<string, string | null>) {
  for (const task of [...nodes.values()].filter((n) => n.type === "Task")) {
    const { status, statusAsOf, statusSourceId, statusQuote, ...rest } = task.props;
    task.props = rest;
    if (status === undefined || status === "UNKNOWN" || typeof statusAsOf !== "string" || typeof statusSourceId !== "string" || typeof statusQuote !== "string") continue;
    const id = seededReportId(task.id, statusAsOf);
    const trust = sourceTrust.get(statusSourceId) ?? "UNVERIFIED";
    nodes.set(id, { type: "ProgressReport", id, props: { id, reportedOn: statusAsOf, status, submittedBy: "seed", sequence: 0, trust }, at: task.at });
    citations.push({ type: "ProgressReport", id, source: statusSourceId, quote: statusQuote.trim(), trust, at: task.at });
    relationships.push({
      fromType: "ProgressReport", fromId: id, relType: "REPORTS_ON", toType: "Task", toId: task.id, field: "task",
      props: { sourceId: statusSourceId, quote: statusQuote.trim(), trust }, at: task.at,
    });
  }
}

/** Rejects any DEPENDS_ON cycle, naming the tasks on it. */
export function checkDependencyCycles(relationships: SeedRelationship[], problems: string[]) {
  const edges = new Map<string, SeedRelationship[]>();
  for (const r of relationships) if (r.relType === "DEPENDS_ON") edges.set(r.fromId, [...(edges.get(r.fromId) ?? []), r]);
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: string[] = [];
  const visit = (id: string): boolean => {
    state.set(id, 1);
    stack.push(id);
    for (const r of edges.get(id) ?? []) {
      if (state.get(r.toId) === 1) {
        const cycle = [...stack.slice(stack.indexOf(r.toId)), r.toId];
        problems.push(`${r.at.file}:${r.at.line}: dependency cycle: ${cycle.join(" → ")}`);
        return true;
      }
      if (!state.has(r.toId) && visit(r.toId)) return true;
    }
    stack.pop();
    state.set(id, 2);
    return false;
  };
  for (const id of edges.keys()) if (!state.has(id) && visit(id)) return;
}
