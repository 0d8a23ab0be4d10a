// Questions analysts and dashboards ask: an agency's workload, dependency chains, the
// critical path, work blocked by overdue tasks, deadlines in a period, connections between
// two entities, and dashboard aggregates — each as of a date. Cypher fetches bounded facts
// (queries.ts); the analysis itself is pure (aggregate.ts).
import neo4j from "neo4j-driver";

import type { Db } from "../db/driver.js";

import { badInput, notFound } from "../errors/index.js";
import type { DependencyKind, Trust } from "../graphql/generated/types.js";
import { asOfTask, trace, type AgencyRef, type Ownership, type RawTask, type TaskRef, type TraceNode } from "../trace/index.js";
import { DEPENDENCY_MAX_HOPS } from "../trace/queries.js";
import { todayInVietnam, type TaskStatus } from "../trace/status.js";
import {
  criticalPath as longestChain, dashboard as aggregateDashboard, deadlinesBetween, leadsToday, workload, type Ref, type TaskFact,
} from "./aggregate.js";
import {
  AGENCY_AND_PREDECESSORS, CONNECTION_MAX_HOPS, CONNECTIONS, DEPENDENCIES_AMONG, ENTITY_EXISTS, FIND_TASK, TARGET_FACTS, TASK_FACTS, dependencyEdges,
} from "./queries.js";

export type { Db } from "../db/driver.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/;
function dateArg(name: string, value: string | null | undefined, fallback?: string): string {
  const v = value ?? fallback;
  if (v === undefined || !ISO.test(v) || Number.isNaN(Date.parse(v))) throw badInput(`${name} must be a date YYYY-MM-DD, got "${String(value)}"`);
  return v;
}
function intArg(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(`${name} must be a whole number from ${min} to ${max}, got ${v}`);
  return v;
}

const read = (db: Db, cypher: string, params: Record<string, unknown>) =>
  db.driver.executeQuery(cypher, params, { database: db.database, routing: "READ" });

/** Task facts as of a date, for every task or those under a Document, Section, Task or meeting. */
export async function taskFacts(db: Db, asOf: string, scope: string | null = null): Promise<TaskFact[]> {
  if (scope !== null && (await read(db, "MATCH (n {id: $id}) WHERE n:Document OR n:Section OR n:Task OR n:Event RETURN n.id", { id: scope })).records.length === 0) {
    throw notFound("document, section, task or event", scope);
  }
  const { records } = await read(db, TASK_FACTS, { scope, asOf });
  return records.map((r) => ({
    task: asOfTask(r.get("task") as RawTask, asOf),
    leads: r.get("leads") as Ownership[],
    coordinators: r.get("coordinators") as Ownership[],
    origin: (r.get("document") ?? r.get("event")) as Ref | null,
    section: r.get("section") as Ref | null,
    technologies: r.get("technologies") as Ref[],
  }));
}

export async function agencyWorkload(db: Db, args: { id: string; asOf?: string | null; upcoming?: number | null }) {
  const asOf = dateArg("asOf", args.asOf, todayInVietnam());
  const upcoming = intArg("upcoming", args.upcoming, 10, 1, 100);
  const { records } = await read(db, AGENCY_AND_PREDECESSORS, { id: args.id, asOf });
  if (!records[0]) throw notFound("agency", args.id);
  const facts = await taskFacts(db, asOf);
  return {
    agency: records[0].get("agency") as AgencyRef,
    predecessors: records[0].get("predecessors") as AgencyRef[],
    asOf,
    ...workload(facts, args.id, asOf, upcoming),
  };
}

export type Direction = "UPSTREAM" | "DOWNSTREAM";

export async function dependencies(db: Db, args: { id: string; direction?: Direction | null; depth?: number | null; asOf?: string | null }) {
  const asOf = dateArg("asOf", args.asOf, todayInVietnam());
  const depth = intArg("depth", args.depth, 3, 1, DEPENDENCY_MAX_HOPS);
  const direction = args.direction ?? "UPSTREAM";
  const found = await read(db, FIND_TASK, { id: args.id });
  if (!found.records[0]) throw notFound("task", args.id);
  const { records } = await read(db, dependencyEdges(direction), { id: args.id, depth: neo4j.int(depth) });
  return {
    task: asOfTask(found.records[0].get("task") as RawTask, asOf),
    direction, depth, asOf,
    edges: records.map((r) => ({
      from: asOfTask(r.get("from") as RawTask, asOf), to: asOfTask(r.get("to") as RawTask, asOf),
      kind: r.get("kind") as DependencyKind, rationale: r.get("rationale") as string, sourceId: r.get("sourceId") as string, quote: r.get("quote") as string,
      depth: Number(r.get("depth")),
    })),
  };
}

export async function criticalPath(db: Db, args: { id: string; asOf?: string | null }) {
  const asOf = dateArg("asOf", args.asOf, todayInVietnam());
  const facts = await taskFacts(db, asOf, args.id);
  const { records } = await read(db, DEPENDENCIES_AMONG, { ids: facts.map((f) => f.task.id) });
  const path = longestChain(facts, records.map((r) => [r.get("from") as string, r.get("to") as string]), asOf);
  return {
    rootId: args.id, asOf,
    length: path.tasks.length,
    tasks: path.tasks.map((f) => ({ task: f.task, owners: leadsToday(f) })),
    end: path.end?.task ?? null,
    daysLate: path.daysLate,
  };
}

/** Tasks under a directive that wait, directly or not, on work that is overdue. */
export async function blockedByOverdue(db: Db, args: { id: string; asOf?: string | null; limit?: number | null }) {
  const asOf = dateArg("asOf", args.asOf, todayInVietnam());
  const limit = intArg("limit", args.limit, 100, 1, 2000);
  const { tasks } = await trace(db.driver, db.database, { id: args.id, asOf, limit: 2000 });
  return tasks
    .map((t) => ({ task: t as TaskRef, overdueBlockers: t.blockedBy.filter((b) => b.status === "OVERDUE") }))
    .filter((x) => x.overdueBlockers.length > 0)
    .slice(0, limit);
}

export async function deadlines(db: Db, args: { from: string; to: string; agencyId?: string | null; documentId?: string | null; status?: TaskStatus | null; asOf?: string | null; limit?: number | null }) {
  const from = dateArg("from", args.from);
  const to = dateArg("to", args.to);
  if (to < from) throw badInput(`"to" (${to}) is before "from" (${from})`);
  const asOf = dateArg("asOf", args.asOf, todayInVietnam());
  const limit = intArg("limit", args.limit, 200, 1, 2000);
  if (args.agencyId && (await read(db, "MATCH (a:Agency {id: $id}) RETURN a.id", { id: args.agencyId })).records.length === 0) throw notFound("agency", args.agencyId);
  const facts = await taskFacts(db, asOf, args.documentId ?? null);
  return deadlinesBetween(facts, { from, to, agencyId: args.agencyId, status: args.status }).slice(0, limit).map((f) => ({
    task: f.task, origin: f.origin, owners: leadsToday(f),
  }));
}

export async function connections(db: Db, args: { from: string; to: string; maxHops?: number | null; limit?: number | null }) {
  const maxHops = intArg("maxHops", args.maxHops, 4, 1, CONNECTION_MAX_HOPS);
  const limit = intArg("limit", args.limit, 5, 1, 25);
  for (const id of [args.from, args.to]) if ((await read(db, ENTITY_EXISTS, { id })).records.length === 0) throw notFound("entity", id);
  if (args.from === args.to) throw badInput("from and to are the same entity");
  const { records } = await read(db, CONNECTIONS, { from: args.from, to: args.to, maxHops: neo4j.int(maxHops), limit: neo4j.int(limit) });
  return records.map((r) => {
    const nodes = r.get("nodes") as TraceNode[];
    return { length: nodes.length - 1, nodes, edges: r.get("edges") as { type: string; from: string; to: string; sourceId: string | null; quote: string | null; trust: Trust | null }[] };
  });
}

export async function dashboard(db: Db, args: { asOf?: string | null; documentId?: string | null }) {
  const asOf = dateArg("asOf", args.asOf, todayInVietnam());
  const facts = await taskFacts(db, asOf, args.documentId ?? null);
  const { records } = await read(db, TARGET_FACTS, { asOf });
  const horizons = new Map<number | null, { year: number | null; total: number; monitors: Map<string, { agency: AgencyRef; count: number }> }>();
  for (const r of records) {
    const year = r.get("year") === null ? null : Number(r.get("year"));
    const h = horizons.get(year) ?? { year, total: 0, monitors: new Map() };
    h.total++;
    const today = new Map((r.get("monitors") as Ownership[]).flatMap((o) => o.today).map((a) => [a.id, a]));
    for (const a of today.values()) h.monitors.set(a.id, { agency: a, count: (h.monitors.get(a.id)?.count ?? 0) + 1 });
    horizons.set(year, h);
  }
  return {
    asOf, scope: args.documentId ?? null,
    ...aggregateDashboard(facts),
    targetsByHorizon: [...horizons.values()]
      .sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999))
      .map((h) => ({ year: h.year, total: h.total, byMonitoringAgency: [...h.monitors.values()].sort((a, b) => b.count - a.count || a.agency.id.localeCompare(b.agency.id)) })),
  };
}
