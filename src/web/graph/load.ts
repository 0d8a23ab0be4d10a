// Where the graph view's data comes from. The page's address says what to draw:
// - any selection GET /export takes (seeds, depth, nodeTypes, relationshipTypes, asOf,
//   provenance, maxNodes, …): fetched as /export?format=cytoscape with the same parameters;
// - trace=<id>: the trace query, every page of it;
// - connect=<from>,<to> (maxHops, limit): the connections query;
// - dependencies=<task id> (direction, depth): the dependency chain;
// each with asOf. lang and layout are the page's own. The API's refusals (unknown seed, bad
// depth, a selection over its limit) come back as ViewError with their code, to be shown.
import { ApiError, graphql } from "../common/api.js";
import {
  fromConnections, fromDependencies, fromExport, fromTrace,
  type ConnectionsAnswer, type CyJson, type DependencyAnswer, type GraphData, type TraceAnswer,
} from "./elements.js";

export class ViewError extends Error {
  constructor(message: string, readonly code: string) { super(message); }
}

/** The page's own parameters; everything else in the address belongs to the view. */
const PAGE = ["lang", "layout"];
/**
 * The most a picture draws unless the address says otherwise (maxNodes / maxRelationships):
 * a larger selection is refused by /export with LIMIT_EXCEEDED, and the page says so rather
 * than draw part of it.
 */
export const DRAW_MAX_NODES = 2000;
export const DRAW_MAX_RELATIONSHIPS = 10000;
/** GET /export takes at most this many seeds (src/export/selection.ts MAX_SEEDS). */
export const MAX_SEEDS = 100;
/** The export formats (src/export/formats/index.ts FORMATS; test/web/graph.test.ts checks they agree). */
export const FORMATS = ["graphml", "gexf", "gexf13", "cytoscape", "jgf", "csv", "jsonld"];
const MODE_PARAMS: Record<"trace" | "connect" | "dependencies", string[]> = {
  trace: ["trace", "asOf"],
  connect: ["connect", "maxHops", "limit", "asOf"],
  dependencies: ["dependencies", "direction", "depth", "asOf"],
};

export type View =
  | { mode: "export"; params: URLSearchParams }
  | { mode: "trace"; id: string; asOf: string | null }
  | { mode: "connect"; from: string; to: string; maxHops: number | null; limit: number | null; asOf: string | null }
  | { mode: "dependencies"; id: string; direction: string; depth: number | null; asOf: string | null };

/** The view the address asks for. With no parameter at all: Resolution 57-NQ/TW and its neighbours. */
export function viewOf(search: string): View {
  const all = new URLSearchParams(search);
  const params = new URLSearchParams([...all].filter(([k]) => !PAGE.includes(k)));
  const modes = (Object.keys(MODE_PARAMS) as (keyof typeof MODE_PARAMS)[]).filter((m) => params.has(m));
  if (modes.length > 1) throw new ViewError(`Give one of ${modes.join(", ")}, not ${modes.length}`, "BAD_USER_INPUT");
  const mode = modes[0];
  if (!mode) return { mode: "export", params: [...params].length ? params : new URLSearchParams({ seeds: "57-NQ/TW", depth: "1" }) };
  const unknown = [...params.keys()].filter((k) => !MODE_PARAMS[mode]!.includes(k));
  if (unknown.length) {
    throw new ViewError(`Unknown parameter ${unknown.map((k) => JSON.stringify(k)).join(", ")} for ${mode}; the accepted ones are ${[...MODE_PARAMS[mode]!, ...PAGE].join(", ")}`, "BAD_USER_INPUT");
  }
  const asOf = params.get("asOf");
  const int = (name: string) => {
    const v = params.get(name);
    if (v === null) return null;
    if (!/^\d{1,4}$/.test(v)) throw new ViewError(`${name} must be a whole number, got ${JSON.stringify(v)}`, "BAD_USER_INPUT");
    return Number(v);
  };
  if (mode === "trace") return { mode, id: params.get("trace")!, asOf };
  if (mode === "dependencies") return { mode, id: params.get("dependencies")!, direction: params.get("direction") ?? "UPSTREAM", depth: int("depth"), asOf };
  const ends = params.get("connect")!.split(",").map((s) => s.trim()).filter(Boolean);
  if (ends.length !== 2) throw new ViewError(`connect takes two ids, from and to, separated by a comma; got ${JSON.stringify(params.get("connect"))}`, "BAD_USER_INPUT");
  return { mode, from: ends[0]!, to: ends[1]!, maxHops: int("maxHops"), limit: int("limit"), asOf };
}

/** GET /export as Cytoscape.js JSON; a refusal (JSON {error: {code, message}}) becomes a ViewError. */
export async function fetchExport(params: URLSearchParams): Promise<GraphData> {
  const q = new URLSearchParams(params);
  if (!q.has("maxNodes")) q.set("maxNodes", String(DRAW_MAX_NODES));
  if (!q.has("maxRelationships")) q.set("maxRelationships", String(DRAW_MAX_RELATIONSHIPS));
  q.set("format", "cytoscape");
  const res = await fetch(`/export?${q}`, { headers: { accept: "application/json" } });
  const body = (await res.json().catch(() => null)) as (CyJson & { error?: { code: string; message: string } }) | null;
  if (!res.ok || !body || body.error) throw new ViewError(body?.error?.message ?? `HTTP ${res.status}`, body?.error?.code ?? "INTERNAL_SERVER_ERROR");
  return fromExport(body);
}

const asView = async <T>(p: Promise<T>): Promise<T> => {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError) throw new ViewError(e.message, e.code);
    throw e;
  }
};

const TRACE = `query GraphViewTrace($id: ID!, $asOf: Date, $offset: Int) {
  trace(id: $id, asOf: $asOf, limit: 2000, offset: $offset) {
    root { id type titleVi titleEn } asOf totalTasks
    tasks { id titleVi titleEn status deadline deadlineText path { id type titleVi titleEn } pathTypes
      leadAgencies { assigned { id nameVi nameEn } } dependsOn { task { id } kind rationale sourceId quote } }
  }
}`;
const CONNECTIONS = `query GraphViewConnections($from: ID!, $to: ID!, $maxHops: Int, $limit: Int) {
  connections(from: $from, to: $to, maxHops: $maxHops, limit: $limit) {
    length nodes { id type titleVi titleEn } edges { type from to sourceId quote trust }
  }
}`;
const DEPENDENCIES = `query GraphViewDependencies($id: ID!, $direction: DependencyDirection, $depth: Int, $asOf: Date) {
  dependencies(id: $id, direction: $direction, depth: $depth, asOf: $asOf) {
    asOf task { id titleVi titleEn status deadline }
    edges { depth kind rationale sourceId quote from { id titleVi titleEn status deadline } to { id titleVi titleEn status deadline } }
  }
}`;
const STATUSES = `query GraphViewTaskStatus($ids: [ID!]!, $asOf: Date) { tasks(where: { id: { in: $ids } }, limit: 1000) { id status(asOf: $asOf) } }`;

/** The drawing of a view. */
export async function load(view: View): Promise<GraphData> {
  if (view.mode === "export") return fetchExport(view.params);
  if (view.mode === "trace") {
    // every page: a trace is drawn whole or not at all
    const pages: TraceAnswer[] = [];
    let offset = 0;
    do {
      const { trace } = await asView(graphql<{ trace: TraceAnswer }>(TRACE, { id: view.id, asOf: view.asOf, offset }, "GraphViewTrace"));
      pages.push(trace);
      offset += trace.tasks.length;
      if (!trace.tasks.length) break;
    } while (offset < pages[0]!.totalTasks);
    return limited(fromTrace(pages));
  }
  if (view.mode === "dependencies") {
    const { dependencies } = await asView(graphql<{ dependencies: DependencyAnswer }>(DEPENDENCIES, { id: view.id, direction: view.direction, depth: view.depth, asOf: view.asOf }, "GraphViewDependencies"));
    return fromDependencies(dependencies);
  }
  const { connections } = await asView(graphql<{ connections: ConnectionsAnswer[] }>(CONNECTIONS, { from: view.from, to: view.to, maxHops: view.maxHops, limit: view.limit }, "GraphViewConnections"));
  if (!connections.length) throw new ViewError(`No path from ${view.from} to ${view.to} within the hops asked`, "NOT_FOUND");
  const data = fromConnections(connections, view.asOf);
  // connections carry no status: ask for the tasks' status as of the date, to colour them
  const tasks = data.nodes.filter((n) => n.type === "Task");
  if (tasks.length) {
    const answer = await asView(graphql<{ tasks: { id: string; status: string }[] }>(STATUSES, { ids: tasks.map((n) => n.id), asOf: view.asOf }, "GraphViewTaskStatus"));
    const status = new Map(answer.tasks.map((t) => [t.id, t.status]));
    for (const n of tasks) n.status = status.get(n.id);
  }
  return data;
}

function limited(data: GraphData): GraphData {
  if (data.nodes.length > DRAW_MAX_NODES) {
    throw new ViewError(`The trace has ${data.nodes.length} nodes; the graph view draws at most ${DRAW_MAX_NODES.toLocaleString("en-US")}. Trace a section or a task instead.`, "LIMIT_EXCEEDED");
  }
  return data;
}

/** The export parameters of a node's neighbourhood: the view's date and filters, depth 1 around it. */
export function neighbourhood(view: View, id: string, asOf: string | null): URLSearchParams {
  const q = new URLSearchParams({ seeds: id, depth: "1" });
  if (view.mode === "export") {
    for (const k of ["nodeTypes", "excludeNodeTypes", "relationshipTypes", "excludeRelationshipTypes", "provenance", "maxNodes", "maxRelationships"]) {
      for (const v of view.params.getAll(k)) q.append(k, v);
    }
  }
  if (asOf) q.set("asOf", asOf);
  return q;
}

export interface Quote { quote: string; trust: string | null; note: string | null; sourceId: string; sourceName: Record<string, unknown>; file: string | null }

const CITATIONS = `query GraphViewCitations($id: ID!) {
  subgraph(selection: { seeds: [$id], depth: 1, relationshipTypes: ["SOURCED_FROM"] }) {
    nodes { id label properties } relationships { type start end properties }
  }
}`;

/** A node's source quotes: its SOURCED_FROM relationships (quote, trust, note) and the sources they point to. */
export async function citations(id: string): Promise<Quote[]> {
  const { subgraph } = await asView(graphql<{ subgraph: { nodes: { id: string; label: string; properties: Record<string, unknown> }[]; relationships: { type: string; start: string; end: string; properties: Record<string, unknown> }[] } }>(CITATIONS, { id }, "GraphViewCitations"));
  const sources = new Map(subgraph.nodes.map((n) => [n.id, n.properties]));
  return subgraph.relationships
    .filter((r) => r.type === "SOURCED_FROM" && r.start === id)
    .map((r) => ({
      quote: String(r.properties.quote ?? ""), trust: (r.properties.trust as string) ?? null, note: (r.properties.note as string) ?? null,
      sourceId: r.end, sourceName: sources.get(r.end) ?? {}, file: (sources.get(r.end)?.file as string) ?? null,
    }));
}

/** Links that download the view's selection in every export format (for a GraphQL view: its nodes as seeds, depth 0). */
export function exportLinks(view: View, drawnIds: string[], asOf: string | null): { format: string; href: string }[] | { tooMany: number } {
  let q: URLSearchParams;
  if (view.mode === "export") q = new URLSearchParams(view.params);
  else {
    if (drawnIds.length > MAX_SEEDS) return { tooMany: drawnIds.length };
    q = new URLSearchParams({ seeds: drawnIds.join(","), depth: "0" });
    if (asOf) q.set("asOf", asOf);
  }
  q.delete("format");
  return FORMATS.map((format) => {
    const f = new URLSearchParams(q);
    f.set("format", format);
    return { format, href: `/export?${f}` };
  });
}
