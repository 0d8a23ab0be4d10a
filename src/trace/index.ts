// trace(id, asOf): a directive and every task under it (a task: itself, what is under it, and
// the tasks that restate or update it), with owners as assigned and as of a
// date, deadlines, status as of the date (computed in Neo4j), direct dependencies and
// unfinished blockers. Three statements whatever the number of tasks: the root, the ordered
// ids under it (kept per graph version, so paging on costs only the page), the page.
import { args as parse } from "../args/index.js";
import { read, type Db } from "../db/gateway.js";
import { notFound } from "../errors/index.js";
import type { AgencyKind, DependencyKind } from "../graphql/generated/types.js";
import { answer } from "../db/answers.js";
import { FIND_ROOT, traceOrder, traceRootOf, traceTasks } from "./queries.js";
import type { TaskStatus } from "./status.js";

export const TRACE_DEFAULT_LIMIT = 500;
export const TRACE_MAX_LIMIT = 2000;

export interface TraceNode { id: string; type: string; titleVi: string | null; titleEn: string | null }
export interface AgencyRef { id: string; nameVi: string; nameEn: string; kind: AgencyKind; abbreviation: string | null }
export interface Ownership { assigned: AgencyRef; today: AgencyRef[] }
/** A task as the database returns it (fragments' taskView): status already as of the date. */
export interface TaskRef {
  id: string; titleVi: string | null; titleEn: string | null;
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

export interface TraceArgs { id: string; asOf?: string | null; limit?: number | null; offset?: number | null }

type Row = {
  task: TaskRef & { output: string | null; recurring: boolean; statusSourceId: string | null; ownerTextVi: string | null };
  path: TraceNode[]; pathTypes: string[]; leads: Ownership[]; coordinators: Ownership[];
  dependsOn: TracedTask["dependsOn"]; blockedBy: TaskRef[];
};

export async function trace(db: Db, args: TraceArgs): Promise<Trace> {
  const asOf = parse.asOf(args.asOf);
  const limit = parse.int("limit", args.limit, TRACE_DEFAULT_LIMIT, 1, TRACE_MAX_LIMIT);
  const offset = parse.offset(args.offset);
  const [found] = await read(db, "trace.root", FIND_ROOT, { id: args.id });
  if (!found) throw notFound("document, section, task or event", args.id);
  const root = found.toObject() as TraceNode;
  const kind = traceRootOf(root.type);
  const ids = await answer(db, `trace.order|${args.id}`, async () =>
    ((await read(db, "trace.order", traceOrder(kind), { id: args.id }))[0]?.get("ids") ?? []) as string[]);
  const pageIds = ids.slice(offset, offset + limit);
  const [page] = pageIds.length ? await read(db, "trace.page", traceTasks(kind), { id: args.id, ids: pageIds, asOf }) : [];
  const tasks = ((page?.get("tasks") ?? []) as Row[]).map((r): TracedTask => ({
    ...r.task,
    depth: r.path.length - 1,
    path: r.path,
    pathTypes: r.pathTypes,
    leadAgencies: r.leads,
    coordinatingAgencies: r.coordinators,
    dependsOn: r.dependsOn,
    blockedBy: r.blockedBy,
  }));
  const counts = new Map<TaskStatus, number>();
  for (const t of tasks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return {
    root, asOf, offset, limit, tasks,
    totalTasks: ids.length,
    statusCounts: [...counts].map(([status, count]) => ({ status, count })).sort((a, b) => a.status.localeCompare(b.status)),
  };
}
