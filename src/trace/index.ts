// trace(id, asOf): a directive and every task under it, with owners as assigned and as of a
// date, deadlines, status as of the date, direct dependencies and unfinished blockers.
// Two bounded Cypher statements, whatever the number of tasks.
import neo4j, { type Driver } from "neo4j-driver";

import { badInput, notFound } from "../errors/index.js";
import type { AgencyKind, DependencyKind } from "../graphql/generated/types.js";
import { FIND_ROOT, TRACE_TASKS } from "./queries.js";
import { isUnfinished, statusAsOf, todayInVietnam, type TaskStatus } from "./status.js";

export const TRACE_DEFAULT_LIMIT = 500;
export const TRACE_MAX_LIMIT = 2000;

export interface TraceNode { id: string; type: string; titleVi: string | null; titleEn: string | null }
export interface AgencyRef { id: string; nameVi: string; nameEn: string; kind: AgencyKind; abbreviation: string | null }
export interface Ownership { assigned: AgencyRef; today: AgencyRef[] }
export interface TaskRef extends TraceNode {
  deadline: string | null; deadlineText: string | null; status: TaskStatus; reportedStatus: TaskStatus; statusAsOf: string | null;
  fulfilledOn: string | null;
}
export interface TracedTask extends TaskRef {
  output: string | null;
  recurring: boolean;
  statusSourceId: string | null;
  ownerTextVi: string | null;
  depth: number;
  path: TraceNode[];
  pathTypes: string[];
  leadAgencies: Ownership[];
  coordinatingAgencies: Ownership[];
  dependsOn: { task: TaskRef; kind: DependencyKind; rationale: string; sourceId: string; quote: string }[];
  blockedBy: TaskRef[];
}
export interface Trace {
  root: TraceNode;
  asOf: string;
  totalTasks: number;
  offset: number;
  limit: number;
  tasks: TracedTask[];
  statusCounts: { status: TaskStatus; count: number }[];
}

export interface RawTask { id: string; titleVi: string; titleEn: string; deadline: string | null; deadlineText: string | null; status: TaskStatus; statusAsOf: string | null; fulfilledOn: string | null }

export const asOfTask = (t: RawTask, asOf: string): TaskRef => ({
  id: t.id, type: "Task", titleVi: t.titleVi, titleEn: t.titleEn, deadline: t.deadline, deadlineText: t.deadlineText,
  reportedStatus: t.status, statusAsOf: t.statusAsOf, fulfilledOn: t.fulfilledOn, status: statusAsOf(t, asOf),
});

export interface TraceArgs { id: string; asOf?: string | null; limit?: number | null; offset?: number | null }

export async function trace(driver: Driver, database: string | undefined, args: TraceArgs): Promise<Trace> {
  const asOf = args.asOf ?? todayInVietnam();
  const limit = args.limit ?? TRACE_DEFAULT_LIMIT;
  const offset = args.offset ?? 0;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badInput(`asOf must be a date YYYY-MM-DD, got "${asOf}"`);
  if (limit < 1 || limit > TRACE_MAX_LIMIT) throw badInput(`limit must be between 1 and ${TRACE_MAX_LIMIT}, got ${limit}`);
  if (!Number.isInteger(limit) || !Number.isInteger(offset)) throw badInput("limit and offset must be whole numbers");
  if (offset < 0) throw badInput(`offset must be 0 or more, got ${offset}`);

  const rootResult = await driver.executeQuery(FIND_ROOT, { id: args.id }, { database, routing: "READ" });
  const rootRecord = rootResult.records[0];
  if (!rootRecord) throw notFound("document, section, task or event", args.id);
  const root: TraceNode = { id: rootRecord.get("id"), type: rootRecord.get("type"), titleVi: rootRecord.get("titleVi"), titleEn: rootRecord.get("titleEn") };

  const { records } = await driver.executeQuery(
    TRACE_TASKS,
    { id: args.id, asOf, offset: neo4j.int(offset), limit: neo4j.int(limit) },
    { database, routing: "READ" },
  );
  const tasks = records.map((r): TracedTask => {
    const t = r.get("task") as RawTask & { output: string | null; recurring: boolean; statusSourceId: string | null; ownerTextVi: string | null };
    const upstream = (r.get("upstream") as RawTask[]).map((u) => asOfTask(u, asOf));
    const path = r.get("path") as TraceNode[];
    return {
      ...asOfTask(t, asOf),
      output: t.output, recurring: t.recurring, statusSourceId: t.statusSourceId, ownerTextVi: t.ownerTextVi,
      depth: path.length - 1,
      path,
      pathTypes: r.get("pathTypes"),
      leadAgencies: r.get("leads"),
      coordinatingAgencies: r.get("coordinators"),
      dependsOn: (r.get("dependsOn") as { task: RawTask; kind: DependencyKind; rationale: string; sourceId: string; quote: string }[]).map((d) => ({ ...d, task: asOfTask(d.task, asOf) })),
      blockedBy: upstream.filter((u) => isUnfinished(u.status)),
    };
  });
  const counts = new Map<TaskStatus, number>();
  for (const t of tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return {
    root, asOf, offset, limit, tasks,
    totalTasks: Number(rootRecord.get("total")),
    statusCounts: [...counts].map(([status, count]) => ({ status, count })).sort((a, b) => a.status.localeCompare(b.status)),
  };
}
