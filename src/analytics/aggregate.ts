// The analyses as pure functions of task facts: workloads, deadlines, dashboards and the
// critical path. Status as of a date comes from src/trace/status.ts.
import type { AgencyRef, Ownership, TaskRef, TraceNode } from "../trace/index.js";
import type { TaskStatus } from "../trace/status.js";

export interface Ref { id: string; titleVi: string | null; titleEn: string | null }

/** One task with everything the analyses need, status already computed as of the date. */
export interface TaskFact {
  task: TaskRef;
  leads: Ownership[];
  coordinators: Ownership[];
  /** the document the task is part of, else the meeting that assigned it */
  origin: Ref | null;
  section: Ref | null;
  technologies: Ref[];
}

export interface StatusCount { status: TaskStatus; count: number }
export type OwnerRole = "LEAD" | "COORDINATOR";

const STATUSES: TaskStatus[] = ["DONE", "IN_PROGRESS", "NOT_STARTED", "OVERDUE", "UNKNOWN"];

export function countByStatus(facts: TaskFact[]): StatusCount[] {
  return STATUSES.map((status) => ({ status, count: facts.filter((f) => f.task.status === status).length })).filter((c) => c.count > 0);
}

/** Whether an agency owns the task in a role: as assigned, or as of the date through succession. */
export function ownsAs(fact: TaskFact, agencyId: string): { role: OwnerRole; inheritedFrom: AgencyRef | null } | null {
  for (const [role, list] of [["LEAD", fact.leads], ["COORDINATOR", fact.coordinators]] as const) {
    for (const o of list) {
      if (o.assigned.id === agencyId) return { role, inheritedFrom: null };
      if (o.today.some((a) => a.id === agencyId)) return { role, inheritedFrom: o.assigned };
    }
  }
  return null;
}

const byDeadline = (a: TaskFact, b: TaskFact) => (a.task.deadline ?? "9999").localeCompare(b.task.deadline ?? "9999") || a.task.id.localeCompare(b.task.id);

export interface WorkloadTask { task: TaskRef; role: OwnerRole; inheritedFrom: AgencyRef | null; origin: Ref | null }

export interface Workload {
  lead: { total: number; byStatus: StatusCount[] };
  coordinating: { total: number; byStatus: StatusCount[] };
  overdue: WorkloadTask[];
  nextDeadlines: WorkloadTask[];
  inherited: number;
  documents: { document: Ref; count: number }[];
  tasks: WorkloadTask[];
}

export function workload(facts: TaskFact[], agencyId: string, asOf: string, upcoming: number): Workload {
  const mine = facts
    .map((f) => ({ f, own: ownsAs(f, agencyId) }))
    .filter((x): x is { f: TaskFact; own: NonNullable<ReturnType<typeof ownsAs>> } => x.own !== null)
    .sort((a, b) => byDeadline(a.f, b.f));
  const entry = ({ f, own }: (typeof mine)[number]): WorkloadTask => ({ task: f.task, role: own.role, inheritedFrom: own.inheritedFrom, origin: f.origin });
  const lead = mine.filter((x) => x.own.role === "LEAD").map((x) => x.f);
  const coordinating = mine.filter((x) => x.own.role === "COORDINATOR").map((x) => x.f);
  const docs = new Map<string, { document: Ref; count: number }>();
  for (const { f } of mine) if (f.origin) docs.set(f.origin.id, { document: f.origin, count: (docs.get(f.origin.id)?.count ?? 0) + 1 });
  return {
    lead: { total: lead.length, byStatus: countByStatus(lead) },
    coordinating: { total: coordinating.length, byStatus: countByStatus(coordinating) },
    overdue: mine.filter((x) => x.f.task.status === "OVERDUE").map(entry),
    nextDeadlines: mine.filter((x) => x.f.task.deadline !== null && x.f.task.deadline >= asOf && x.f.task.status !== "DONE").slice(0, upcoming).map(entry),
    inherited: mine.filter((x) => x.own.inheritedFrom !== null).length,
    documents: [...docs.values()].sort((a, b) => b.count - a.count || a.document.id.localeCompare(b.document.id)),
    tasks: mine.map(entry),
  };
}

export interface DeadlineFilter { from: string; to: string; agencyId?: string | null; status?: TaskStatus | null }

export function deadlinesBetween(facts: TaskFact[], filter: DeadlineFilter): TaskFact[] {
  return facts
    .filter((f) => f.task.deadline !== null && f.task.deadline >= filter.from && f.task.deadline <= filter.to)
    .filter((f) => !filter.agencyId || ownsAs(f, filter.agencyId) !== null)
    .filter((f) => !filter.status || f.task.status === filter.status)
    .sort(byDeadline);
}

export interface GroupCount { group: Ref; total: number; done: number; overdue: number; completionRate: number }
export interface AgencyStatusCount { agency: AgencyRef; status: TaskStatus; count: number }

function groupCounts(facts: TaskFact[], keys: (f: TaskFact) => Ref[]): GroupCount[] {
  const groups = new Map<string, { group: Ref; facts: TaskFact[] }>();
  for (const f of facts) for (const k of keys(f)) groups.set(k.id, { group: k, facts: [...(groups.get(k.id)?.facts ?? []), f] });
  return [...groups.values()]
    .map(({ group, facts: fs }) => {
      const done = fs.filter((f) => f.task.status === "DONE").length;
      return { group, total: fs.length, done, overdue: fs.filter((f) => f.task.status === "OVERDUE").length, completionRate: Math.round((done / fs.length) * 1000) / 1000 };
    })
    .sort((a, b) => b.total - a.total || a.group.id.localeCompare(b.group.id));
}

/** Today's lead owners of a task (as of the date), deduplicated. */
export const leadsToday = (f: TaskFact): AgencyRef[] => [...new Map(f.leads.flatMap((o) => o.today).map((a) => [a.id, a])).values()];
const agencyRef = (a: AgencyRef): Ref => ({ id: a.id, titleVi: a.nameVi, titleEn: a.nameEn });

export interface Dashboard {
  totalTasks: number;
  byStatus: StatusCount[];
  byStatusAndAgency: AgencyStatusCount[];
  byDeadlineMonth: { month: string; total: number; done: number; overdue: number }[];
  bySection: GroupCount[];
  byTechnologyGroup: GroupCount[];
  completionByDocument: GroupCount[];
  completionByAgency: GroupCount[];
}

export function dashboard(facts: TaskFact[]): Dashboard {
  const byAgency = new Map<string, AgencyStatusCount>();
  for (const f of facts) {
    for (const a of leadsToday(f)) {
      const key = `${a.id}|${f.task.status}`;
      byAgency.set(key, { agency: a, status: f.task.status, count: (byAgency.get(key)?.count ?? 0) + 1 });
    }
  }
  const months = new Map<string, TaskFact[]>();
  for (const f of facts) if (f.task.deadline) months.set(f.task.deadline.slice(0, 7), [...(months.get(f.task.deadline.slice(0, 7)) ?? []), f]);
  return {
    totalTasks: facts.length,
    byStatus: countByStatus(facts),
    byStatusAndAgency: [...byAgency.values()].sort((a, b) => a.agency.id.localeCompare(b.agency.id) || a.status.localeCompare(b.status)),
    byDeadlineMonth: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, fs]) => ({
      month, total: fs.length, done: fs.filter((f) => f.task.status === "DONE").length, overdue: fs.filter((f) => f.task.status === "OVERDUE").length,
    })),
    bySection: groupCounts(facts, (f) => (f.section ? [f.section] : [])),
    byTechnologyGroup: groupCounts(facts, (f) => f.technologies),
    completionByDocument: groupCounts(facts, (f) => (f.origin ? [f.origin] : [])),
    completionByAgency: groupCounts(facts, (f) => leadsToday(f).map(agencyRef)),
  };
}

export interface CriticalPath { tasks: TaskFact[]; end: TaskFact | null; daysLate: number | null }

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The longest chain of unfinished tasks linked by DEPENDS_ON (`edges`: [dependent, prerequisite]),
 * in the order the work must be done; ties go to the chain whose end is latest. Its end is the
 * last task of the chain; `daysLate` is how far past its deadline it is on `asOf` (0 if not yet due).
 */
export function criticalPath(facts: TaskFact[], edges: [string, string][], asOf: string): CriticalPath {
  const open = new Map(facts.filter((f) => f.task.status !== "DONE").map((f) => [f.task.id, f]));
  const prereqs = new Map<string, string[]>();
  for (const [a, b] of edges) if (open.has(a) && open.has(b)) prereqs.set(a, [...(prereqs.get(a) ?? []), b]);
  const memo = new Map<string, string[]>(); // task → longest chain ending at it (prerequisites first)
  const chainTo = (id: string, seen: Set<string>): string[] => {
    if (memo.has(id)) return memo.get(id)!;
    let best: string[] = [];
    for (const b of prereqs.get(id) ?? []) {
      if (seen.has(b)) continue; // cycles are rejected at load; stay safe anyway
      const c = chainTo(b, new Set(seen).add(b));
      if (c.length > best.length) best = c;
    }
    const chain = [...best, id];
    memo.set(id, chain);
    return chain;
  };
  const lateness = (f: TaskFact) => (f.task.deadline ? days(f.task.deadline, asOf) : Number.NEGATIVE_INFINITY);
  let best: string[] = [];
  for (const id of [...open.keys()].sort()) {
    const c = chainTo(id, new Set([id]));
    if (c.length > best.length || (c.length === best.length && best.length > 0 && lateness(open.get(c.at(-1)!)!) > lateness(open.get(best.at(-1)!)!))) best = c;
  }
  const tasks = best.map((id) => open.get(id)!);
  const end = tasks.at(-1) ?? null;
  return { tasks, end, daysLate: end?.task.deadline ? Math.max(0, days(end.task.deadline, asOf)) : null };
}

export type { TraceNode };
