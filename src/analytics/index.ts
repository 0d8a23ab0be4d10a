// Questions analysts and dashboards ask: an agency's workload, dependency chains, the
// critical path, work blocked by overdue tasks, deadlines in a period, connections between
// two entities, and dashboard panels — each as of a date, each answered in Neo4j
// (queries.ts) through the gateway, each list a correct total plus the page asked for.
import DataLoader from "dataloader";

import { args as parse } from "../args/index.js";
import { DEPENDENCY_MAX_HOPS } from "../cypher/fragments.js";
import { answer } from "../db/answers.js";
import { read, type Db } from "../db/gateway.js";
import { badInput, notFound } from "../errors/index.js";
import type { DependencyKind, Trust } from "../graphql/generated/types.js";
import type { AgencyRef, TaskRef, TraceNode } from "../trace/index.js";
import type { TaskStatus } from "../trace/status.js";
import { longestChain } from "./aggregate.js";
import {
  CHAIN_TASKS, CONNECTION_MAX_HOPS, CONNECTIONS, ENTITY_EXISTS, TASK_PANELS, dashboardQuery, type TaskPanel, FIND_TASK, OPEN_DEPENDENCIES, SCOPE_EXISTS,
  TARGETS_BY_HORIZON, WORKLOAD_SUMMARY, WORKLOAD_TASKS, BLOCKED_BY_OVERDUE, deadlinesQuery, dependencyEdges,
} from "./queries.js";

export type { Db } from "../db/gateway.js";

export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 2000;

export interface Ref { id: string; titleVi: string | null; titleEn: string | null }
export interface Page<T> { total: number; offset: number; limit: number; hasNextPage: boolean; items: T[] }
export interface StatusCount { status: TaskStatus; count: number }
export type OwnerRole = "LEAD" | "COORDINATOR";
export interface WorkloadTask { task: TaskRef; role: OwnerRole; inheritedFrom: AgencyRef | null; origin: Ref | null }

const page = <T>(total: number, offset: number, limit: number, items: T[]): Page<T> => ({ total, offset, limit, hasNextPage: offset + items.length < total, items });
const pageArgs = (a: { offset?: number | null; limit?: number | null }, fallback = PAGE_DEFAULT) =>
  ({ offset: parse.offset(a.offset), limit: parse.int("limit", a.limit, fallback, 1, PAGE_MAX) });

async function requireScope(db: Db, scope: string | null | undefined) {
  if (scope == null) return;
  if ((await read(db, "scope.exists", SCOPE_EXISTS, { scope })).length === 0) throw notFound("document, section, task or event", scope);
}

// ---------------------------------------------------------------- workload

export type WorkloadSummary = Awaited<ReturnType<typeof agencyWorkload>>;

export async function agencyWorkload(db: Db, args: { id: string; asOf?: string | null; upcoming?: number | null }) {
  const asOf = parse.asOf(args.asOf);
  const upcoming = parse.int("upcoming", args.upcoming, 10, 1, 100);
  const [r] = await read(db, "agencyWorkload.summary", WORKLOAD_SUMMARY, { id: args.id, asOf, upcoming });
  if (!r) throw notFound("agency", args.id);
  const counts = r.get("counts") as { role: OwnerRole; status: TaskStatus; count: number }[];
  const part = (role: OwnerRole) => {
    const byStatus = counts.filter((c) => c.role === role).map(({ status, count }) => ({ status, count })).sort((a, b) => a.status.localeCompare(b.status));
    return { total: byStatus.reduce((n, c) => n + c.count, 0), byStatus };
  };
  return {
    id: args.id,
    agency: r.get("agency") as AgencyRef,
    predecessors: r.get("predecessors") as AgencyRef[],
    asOf,
    lead: part("LEAD"),
    coordinating: part("COORDINATOR"),
    inherited: Number(r.get("inherited")),
    documents: r.get("documents") as { document: Ref; count: number }[],
    nextDeadlines: r.get("next") as WorkloadTask[],
  };
}

/** A page of an agency's tasks: all of them, the overdue ones, or the upcoming unfinished ones, by deadline. */
export async function workloadTasks(db: Db, args: { id: string; asOf: string; which: "ALL" | "OVERDUE" | "UPCOMING"; offset?: number | null; limit?: number | null }): Promise<Page<WorkloadTask>> {
  const { offset, limit } = pageArgs(args);
  const [r] = await read(db, `agencyWorkload.${args.which.toLowerCase()}`, WORKLOAD_TASKS, { id: args.id, asOf: args.asOf, which: args.which, offset, limit });
  if (!r) throw notFound("agency", args.id);
  return page(Number(r.get("total")), offset, limit, r.get("items") as WorkloadTask[]);
}

// ---------------------------------------------------------------- dependencies

export type Direction = "UPSTREAM" | "DOWNSTREAM";

export async function dependencies(db: Db, args: { id: string; direction?: Direction | null; depth?: number | null; asOf?: string | null }) {
  const asOf = parse.asOf(args.asOf);
  const depth = parse.int("depth", args.depth, 3, 1, DEPENDENCY_MAX_HOPS);
  const direction = args.direction ?? "UPSTREAM";
  const [found] = await read(db, "dependencies.task", FIND_TASK, { id: args.id, asOf });
  if (!found) throw notFound("task", args.id);
  const records = await read(db, "dependencies.edges", dependencyEdges(direction), { id: args.id, depth, asOf });
  return {
    task: found.get("task") as TaskRef,
    direction, depth, asOf,
    edges: records.map((r) => ({
      from: r.get("from") as TaskRef, to: r.get("to") as TaskRef,
      kind: r.get("kind") as DependencyKind, rationale: r.get("rationale") as string, sourceId: r.get("sourceId") as string, quote: r.get("quote") as string,
      depth: Number(r.get("depth")),
    })),
  };
}

export async function criticalPath(db: Db, args: { id: string; asOf?: string | null }) {
  const asOf = parse.asOf(args.asOf);
  await requireScope(db, args.id);
  return answer(db, `criticalPath|${args.id}|${asOf}`, () => computeCriticalPath(db, args.id, asOf));
}

async function computeCriticalPath(db: Db, id: string, asOf: string) {
  const args = { id };
  const [r] = await read(db, "criticalPath.open", OPEN_DEPENDENCIES(true), { scope: args.id, asOf });
  const open = ((r?.get("open") ?? []) as [string, string | null][]).map(([id, deadline]) => ({ id, deadline }));
  const chain = longestChain(open, (r?.get("edges") ?? []) as [string, string][], asOf);
  const [c] = await read(db, "criticalPath.tasks", CHAIN_TASKS, { ids: chain.ids, asOf });
  const tasks = (c?.get("tasks") ?? []) as { task: TaskRef; owners: AgencyRef[] }[];
  return { rootId: args.id, asOf, length: tasks.length, tasks, end: tasks.at(-1)?.task ?? null, daysLate: chain.daysLate };
}

/** Tasks under a directive that wait, directly or not, on work that is overdue: the total and a page. */
export async function blockedByOverdue(db: Db, args: { id: string; asOf?: string | null; offset?: number | null; limit?: number | null }) {
  const asOf = parse.asOf(args.asOf);
  const { offset, limit } = pageArgs(args);
  await requireScope(db, args.id);
  const [r] = await read(db, "blockedByOverdue", BLOCKED_BY_OVERDUE, { scope: args.id, asOf, offset, limit });
  return page(Number(r?.get("total") ?? 0), offset, limit, (r?.get("items") ?? []) as { task: TaskRef; overdueBlockers: TaskRef[] }[]);
}

// ---------------------------------------------------------------- deadlines

export async function deadlines(db: Db, args: {
  from: string; to: string; agencyId?: string | null; documentId?: string | null; status?: TaskStatus | null; asOf?: string | null; offset?: number | null; limit?: number | null;
}) {
  const from = parse.date("from", args.from);
  const to = parse.date("to", args.to);
  if (to < from) throw badInput(`"to" (${to}) is before "from" (${from})`);
  const asOf = parse.asOf(args.asOf);
  const { offset, limit } = pageArgs(args, 200);
  if (args.agencyId && (await read(db, "deadlines.agency", "MATCH (a:Agency {id: $id}) RETURN a.id", { id: args.agencyId })).length === 0) throw notFound("agency", args.agencyId);
  await requireScope(db, args.documentId);
  const anchor = args.agencyId ? (args.documentId ? "AGENCY_AND_DOCUMENT" : "AGENCY") : args.documentId ? "DOCUMENT" : "ALL";
  const [r] = await read(db, `deadlines.${anchor.toLowerCase()}`, deadlinesQuery(anchor), {
    from, to, asOf, id: args.agencyId ?? null, scope: args.documentId ?? null, status: args.status ?? null, offset, limit,
  });
  return page(Number(r?.get("total") ?? 0), offset, limit, (r?.get("items") ?? []) as { task: TaskRef; origin: Ref | null; owners: AgencyRef[] }[]);
}

// ---------------------------------------------------------------- connections

export async function connections(db: Db, args: { from: string; to: string; maxHops?: number | null; limit?: number | null }) {
  const maxHops = parse.int("maxHops", args.maxHops, 4, 1, CONNECTION_MAX_HOPS);
  const limit = parse.int("limit", args.limit, 5, 1, 25);
  for (const id of [args.from, args.to]) if ((await read(db, "connections.entity", ENTITY_EXISTS, { id })).length === 0) throw notFound("entity", id);
  if (args.from === args.to) throw badInput("from and to are the same entity");
  const records = await read(db, "connections", CONNECTIONS, { from: args.from, to: args.to, maxHops, limit });
  return records.map((r) => {
    const nodes = r.get("nodes") as TraceNode[];
    return { length: nodes.length - 1, nodes, edges: r.get("edges") as { type: string; from: string; to: string; sourceId: string | null; quote: string | null; trust: Trust | null }[] };
  });
}

// ---------------------------------------------------------------- dashboard

export type Panel = TaskPanel | "targetsByHorizon";
type Rows = Record<string, unknown>[];

export interface DashboardScope {
  asOf: string;
  scope: string | null;
  agencyId: string | null;
  /** the panels of this dashboard, batched: the panels one request asks are computed in one statement */
  panels: DataLoader<Panel, Rows | number>;
}

/**
 * The dashboard's scope, checked. Each panel is computed only when asked for, and the panels
 * asked in one request are computed together, each task's status once (panels()).
 */
export async function dashboard(db: Db, args: { asOf?: string | null; documentId?: string | null; agencyId?: string | null }): Promise<DashboardScope> {
  const asOf = parse.asOf(args.asOf);
  await requireScope(db, args.documentId);
  if (args.agencyId && (await read(db, "dashboard.agency", "MATCH (a:Agency {id: $id}) RETURN a.id", { id: args.agencyId })).length === 0) throw notFound("agency", args.agencyId);
  const d = { asOf, scope: args.documentId ?? null, agencyId: args.agencyId ?? null } as DashboardScope;
  d.panels = new DataLoader(async (asked) => {
    const found = await panels(db, d, asked);
    return asked.map((p) => found[p]!);
  });
  return d;
}

/**
 * Panels of one dashboard, kept per graph version and per set of panels asked: a page asking
 * one panel per request pays for that panel, a request asking all of them pays once for the
 * tasks' statuses.
 */
export async function panels(db: Db, d: Omit<DashboardScope, "panels">, asked: readonly Panel[]): Promise<Partial<Record<Panel, Rows | number>>> {
  const wanted = [...new Set(asked)].sort();
  const key = `dashboard|${d.asOf}|${d.scope ?? ""}|${d.agencyId ?? ""}|${wanted.join(",")}`;
  return answer(db, key, async () => {
    const found: Partial<Record<Panel, Rows | number>> = {};
    const taskPanels = wanted.filter((p): p is TaskPanel => p !== "targetsByHorizon");
    const params = { asOf: d.asOf, scope: d.scope, agencyId: d.agencyId };
    const [tasks, targets] = await Promise.all([
      taskPanels.length ? read(db, `dashboard.${taskPanels.length === TASK_PANELS.length ? "all" : taskPanels.join("+")}`, dashboardQuery(taskPanels, d.scope !== null, d.agencyId !== null), params) : [],
      wanted.includes("targetsByHorizon") ? read(db, "dashboard.targetsByHorizon", TARGETS_BY_HORIZON, params) : null,
    ]);
    for (const p of taskPanels) found[p] = p === "total" ? Number(tasks[0]?.get(p) ?? 0) : (tasks[0]?.get(p) ?? []) as Rows;
    if (targets) found.targetsByHorizon = targets.map((r) => r.toObject());
    return found;
  });
}

/** One panel (what a field resolver asks; batched with the other panels of its request). */
export const dashboardPanel = (d: DashboardScope, panel: Panel) => d.panels.load(panel);
