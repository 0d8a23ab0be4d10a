// What the graph view draws, from the public API's answers: a Cytoscape.js JSON export
// (GET /export?format=cytoscape), or a trace, connections or dependency chain of /graphql,
// turned into one shape of node and edge data. No fetch and no DOM (a label reads the current language).
//
// Node data: id, type (the node's label in the graph), the node's own properties (titleVi,
// nameEn, …), and for a task `status`, its status as of the view's date. Edge data: id,
// source, target, type, and the relationship's properties (sourceId, quote, trust, …).
import { field } from "../common/i18n.js";

export interface NodeData { id: string; type: string; status?: string; [property: string]: unknown }
export interface EdgeData { id: string; source: string; target: string; type: string; [property: string]: unknown }
export interface GraphData { nodes: NodeData[]; edges: EdgeData[]; asOf: string | null }

/** A Cytoscape.js JSON export: node `label` is the export's Vietnamese label (we label by language), a task's status is `statusOnDate`. */
export interface CyJson {
  data: { asOf: string; nodeCount: number; relationshipCount: number };
  elements: { nodes: { data: Record<string, unknown> }[]; edges: { data: Record<string, unknown> }[] };
}

export function fromExport(json: CyJson): GraphData {
  const nodes = json.elements.nodes.map(({ data }) => {
    const { label: _exportLabel, statusOnDate, ...rest } = data;
    const node = rest as NodeData;
    if (typeof statusOnDate === "string") node.status = statusOnDate;
    return node;
  });
  return { nodes, edges: json.elements.edges.map(({ data }) => data as EdgeData), asOf: json.data.asOf };
}

interface Titled { id: string; type?: string; titleVi?: string | null; titleEn?: string | null }
interface AgencyRef { id: string; nameVi: string; nameEn: string }
export interface TraceAnswer {
  root: Titled & { type: string };
  asOf: string;
  totalTasks: number;
  tasks: {
    id: string; titleVi: string; titleEn: string; status: string; deadline: string | null; deadlineText: string | null;
    path: (Titled & { type: string })[]; pathTypes: string[];
    leadAgencies: { assigned: AgencyRef }[];
    dependsOn: { task: { id: string }; kind: string; rationale: string; sourceId: string; quote: string }[];
  }[];
}

/** Collects nodes (first seen wins, later fields fill gaps) and edges (one per id). */
class Builder {
  nodes = new Map<string, NodeData>();
  edges = new Map<string, EdgeData>();
  node(data: NodeData) {
    const seen = this.nodes.get(data.id);
    if (!seen) this.nodes.set(data.id, { ...data });
    else for (const [k, v] of Object.entries(data)) if (seen[k] == null && v != null) seen[k] = v;
  }
  edge(source: string, type: string, target: string, props: Record<string, unknown> = {}) {
    const id = `${source}|${type}|${target}`;
    if (!this.edges.has(id)) this.edges.set(id, { ...props, id, source, target, type });
  }
  build(asOf: string | null): GraphData { return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], asOf }; }
}

/**
 * A trace: the root, every node on each task's path, the task with its status, its lead
 * agencies as assigned (LED_BY) and its DEPENDS_ON edges to other traced tasks. A path runs
 * from the root to the task, and every relationship on it points towards the root (a task is
 * PART_OF its section, a plan IMPLEMENTS the resolution, a meeting REVIEWED it), so the edge
 * of pathTypes[i] goes from path[i+1] to path[i].
 */
export function fromTrace(pages: TraceAnswer[]): GraphData {
  const b = new Builder();
  const first = pages[0]!;
  b.node({ ...first.root });
  const traced = new Set(pages.flatMap((p) => p.tasks.map((t) => t.id)));
  for (const page of pages) {
    for (const task of page.tasks) {
      task.path.forEach((n) => b.node({ ...n }));
      b.node({ id: task.id, type: "Task", titleVi: task.titleVi, titleEn: task.titleEn, status: task.status, deadline: task.deadline, deadlineText: task.deadlineText });
      task.pathTypes.forEach((type, i) => b.edge(task.path[i + 1]!.id, type, task.path[i]!.id));
      for (const { assigned } of task.leadAgencies) {
        b.node({ id: assigned.id, type: "Agency", nameVi: assigned.nameVi, nameEn: assigned.nameEn });
        b.edge(task.id, "LED_BY", assigned.id);
      }
      for (const d of task.dependsOn) {
        if (traced.has(d.task.id)) b.edge(task.id, "DEPENDS_ON", d.task.id, { kind: d.kind, rationale: d.rationale, sourceId: d.sourceId, quote: d.quote });
      }
    }
  }
  return b.build(first.asOf);
}

export interface ConnectionsAnswer {
  length: number;
  nodes: (Titled & { type: string })[];
  edges: { type: string; from: string; to: string; sourceId: string | null; quote: string | null; trust: string | null }[];
}

/** The shortest paths between two nodes, merged into one picture. */
export function fromConnections(paths: ConnectionsAnswer[], asOf: string | null): GraphData {
  const b = new Builder();
  for (const path of paths) {
    path.nodes.forEach((n) => b.node({ ...n }));
    for (const e of path.edges) b.edge(e.from, e.type, e.to, { sourceId: e.sourceId, quote: e.quote, trust: e.trust });
  }
  return b.build(asOf);
}

interface TaskRef { id: string; titleVi: string | null; titleEn: string | null; status: string; deadline: string | null }
export interface DependencyAnswer {
  task: TaskRef;
  asOf: string;
  edges: { from: TaskRef; to: TaskRef; kind: string; rationale: string; sourceId: string; quote: string; depth: number }[];
}

/** A dependency chain: the task and every DEPENDS_ON edge, from the task that waits to the one it waits for. */
export function fromDependencies(chain: DependencyAnswer): GraphData {
  const b = new Builder();
  const task = (t: TaskRef) => b.node({ ...t, type: "Task" });
  task(chain.task);
  for (const e of chain.edges) {
    task(e.from);
    task(e.to);
    b.edge(e.from.id, "DEPENDS_ON", e.to.id, { kind: e.kind, rationale: e.rationale, sourceId: e.sourceId, quote: e.quote });
  }
  return b.build(chain.asOf);
}

/** A node's label in the current language: its title or name, a section with its number, a report with its status and day, else its id. */
export function nodeLabel(n: NodeData): string {
  const name = field(n, "title") || field(n, "name");
  if (n.type === "Section" && typeof n.number === "string") return name ? `${n.number}. ${name}` : n.number;
  if (n.type === "ProgressReport") return [n.status, n.reportedOn].filter(Boolean).join(" · ") || n.id;
  return name || n.id;
}

/** Folded for search: no diacritics (đ → d), lower case. */
export const fold = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
