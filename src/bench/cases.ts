// The bench's cases. Each is a question as the API asks it — a named operation of queries/,
// with its default variables or chosen ones — beside its floor: the simplest hand-written
// Cypher that gives the same answer, sent straight to the driver. The floor is both the truth
// the GraphQL answer must equal (on its headline numbers: totals, counts, the ids of the page)
// and the speed GraphQL is measured against. Floors are written out here on purpose, with
// nothing taken from src/cypher, so that a mistake there shows up as a ✗ and not twice.
import { valueFromASTUntyped, parse, type OperationDefinitionNode } from "graphql";

import { namedOperations } from "../graphql/operations.js";
import { todayInVietnam } from "../args/index.js";

export type Vars = Record<string, unknown>;
export type Row = Record<string, unknown>;
// The answers are JSON of known shape; `any` keeps the headline extractors short.
type Data = any;

export interface Case {
  /** the row of the table */
  name: string;
  /** issue 8's p95 target in ms for this question, at national scale */
  target?: number;
  operationName: string;
  query: string;
  variables: Vars;
  floor: { cypher: string; params: Vars };
  /** the headline numbers of each answer, which must be equal */
  fromGraphQL(data: Data): unknown;
  fromFloor(rows: Row[]): unknown;
}

// ---------------------------------------------------------------- the rules, written out

/**
 * The report that counts for task `t` on $asOf, `said` in `body` (null when there is none): of
 * its reports on or before that day that no report withdraws (SUPERSEDES), the latest by day,
 * then by order written — kept by a reduce over the task's reports, not sorted.
 */
const saidOf = (t: string, body: string) => `[said IN [reduce(newest = null, one IN
      [(${t})<-[:REPORTS_ON]-(told:ProgressReport) WHERE told.reportedOn <= date($asOf) AND NOT EXISTS { (told)<-[:SUPERSEDES]-(:ProgressReport) } | told] |
      CASE WHEN newest IS NULL OR one.reportedOn > newest.reportedOn OR (one.reportedOn = newest.reportedOn AND one.sequence > newest.sequence) THEN one ELSE newest END)] |
      ${body}][0]`;

/** Task `t`'s status on $asOf when `said` is its report then (or null): the rule of src/trace/status.ts. */
const rule = (t: string) => `CASE
    WHEN said.status = 'DONE' THEN 'DONE'
    WHEN EXISTS { (${t})-[:FULFILLED_BY]->(delivery:Document) WHERE delivery.issuedOn <= date($asOf) } THEN 'DONE'
    WHEN ${t}.deadline < date($asOf) THEN 'OVERDUE'
    WHEN said.status <> 'UNKNOWN' THEN said.status
    ELSE 'UNKNOWN' END`;

/** Task status as of $asOf, from its reports. */
const status = (t: string) => saidOf(t, rule(t));

/** A main succession in effect on $asOf. */
const inEffect = (r: string) => `(${r}.main AND (${r}.date IS NULL OR ${r}.date <= date($asOf)))`;

/** The agencies holding agency `a`'s role on $asOf (itself when not succeeded), as a list. */
const holders = (a: string) => `COLLECT {
      MATCH (${a})-[chain:SUCCEEDED_BY*0..5]->(holder:Agency)
      WHERE all(s IN chain WHERE ${inEffect("s")}) AND NOT EXISTS { (holder)-[s2:SUCCEEDED_BY]->(:Agency) WHERE ${inEffect("s2")} }
      RETURN DISTINCT holder }`;

/** What puts a task under a directive. */
const UNDER = "PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED";

/** The nearest document a task is part of, else the meeting that gave it (its origin). */
const origin = (t: string) => `coalesce(
      COLLECT { MATCH p = (${t})-[:PART_OF*1..8]->(d:Document) RETURN d.id ORDER BY length(p) LIMIT 1 }[0],
      COLLECT { MATCH (${t})-[:ASSIGNED_AT]->(e:Event) RETURN e.id ORDER BY e.id LIMIT 1 }[0])`;

// ---------------------------------------------------------------- headline helpers

const ids = (xs: { id: string }[] | null | undefined) => (xs ?? []).map((x) => x.id);
const sorted = (xs: string[]) => [...xs].sort();
/** A list cut at `limit` may hold any `limit` of more: compare its length then, else its ids. */
const upTo = (xs: string[], limit: number) => (xs.length >= limit ? { count: xs.length } : sorted(xs));
const byKey = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

// ---------------------------------------------------------------- questions

interface Question {
  operation: string;
  /** the floor's Cypher for these variables (numbers such as a depth become literals) */
  cypher(v: Vars): string;
  fromGraphQL(data: Data, v: Vars): unknown;
  fromFloor(rows: Row[], v: Vars): unknown;
}

const traceDirective: Question = {
  operation: "TraceDirective",
  cypher: () => `
    MATCH (root:Document {id: $id})
    CALL (root) {
      MATCH p = (root)<-[:${UNDER}*1..8]-(t:Task)
      WITH t, length(p) AS depth, nodes(p)[-2].id AS parentId ORDER BY depth, parentId
      WITH t, head(collect({depth: depth, parentId: parentId})) AS nearest
      WITH t ORDER BY nearest.depth, nearest.parentId, size(t.id), t.id
      RETURN collect(t) AS ordered
    }
    WITH root, size(ordered) AS total, ordered[$offset..$offset + $limit] AS page
    UNWIND range(0, size(page) - 1) AS i
    WITH root, total, i, page[i] AS t
    CALL (root, t) { MATCH p = shortestPath((root)<-[:${UNDER}*1..8]-(t)) RETURN [n IN nodes(p) | n.id] AS path }
    WITH total, i, t, path ORDER BY i
    RETURN total, collect(t {
      .id, .titleVi, .titleEn, deadline: toString(t.deadline), .deadlineText, .recurring,
      report: ${saidOf("t", `{status: ${rule("t")}, reportedStatus: coalesce(said.status, 'UNKNOWN'), statusAsOf: toString(said.reportedOn)}`)},
      path: path,
      leads: COLLECT { MATCH (t)-[:LED_BY]->(a:Agency) RETURN {assigned: a {.id, .nameVi, .nameEn}, today: [c IN ${holders("a")} | c {.id, .nameVi, .nameEn}]} },
      coordinators: COLLECT { MATCH (t)-[:COORDINATED_WITH]->(a:Agency) RETURN {assigned: a {.id, .nameVi}, today: [c IN ${holders("a")} | c {.id, .nameVi}]} },
      dependsOn: COLLECT { MATCH (t)-[d:DEPENDS_ON]->(u:Task) RETURN {id: u.id, status: ${status("u")}, kind: d.kind, rationale: d.rationale} },
      blockedBy: COLLECT { MATCH (t)-[:DEPENDS_ON*]->(u:Task) WITH DISTINCT u WITH u, ${status("u")} AS s WHERE s <> 'DONE' RETURN u {.id, .titleEn, deadline: toString(u.deadline), status: s} },
      sources: COLLECT { MATCH (t)-[c:SOURCED_FROM]->(s:Source) RETURN {sourceId: s.id, trust: c.trust, quote: c.quote} }
    }) AS tasks`,
  fromGraphQL: (d) => traceHeadline(d.trace.totalTasks, d.trace.tasks.map((t: Data) => ({
    id: t.id, status: t.status, reported: `${t.reportedStatus} ${t.statusAsOf ?? "-"}`, depth: t.path.length - 1, today: t.leadAgencies.flatMap((l: Data) => ids(l.today)),
    dependsOn: t.dependsOn.length, blockedBy: ids(t.blockedBy), sources: t.sources.length,
  }))),
  fromFloor: ([r]) => traceHeadline(Number(r?.total ?? 0), ((r?.tasks ?? []) as Data[]).map((t) => ({
    id: t.id, status: t.report.status, reported: `${t.report.reportedStatus} ${t.report.statusAsOf ?? "-"}`, depth: t.path.length - 1, today: t.leads.flatMap((l: Data) => ids(l.today)),
    dependsOn: t.dependsOn.length, blockedBy: ids(t.blockedBy), sources: t.sources.length,
  }))),
};
const traceHeadline = (total: number, tasks: { id: string; status: string; reported: string; depth: number; today: string[]; dependsOn: number; blockedBy: string[]; sources: number }[]) => ({
  total,
  page: tasks.map((t) => `${t.id} ${t.status} (${t.reported}) d${t.depth} leads:${sorted([...new Set(t.today)]).join(",")} deps:${t.dependsOn} blocked:${sorted(t.blockedBy).join(",")} src:${t.sources}`),
});

const agencyWorkload: Question = {
  operation: "AgencyWorkload",
  cypher: () => `
    MATCH (a:Agency {id: $id})
    OPTIONAL MATCH (p:Agency)-[chain:SUCCEEDED_BY*1..5]->(a)
    WHERE all(s IN chain WHERE ${inEffect("s")}) AND NOT EXISTS { (a)-[s2:SUCCEEDED_BY]->(:Agency) WHERE ${inEffect("s2")} }
    WITH a, collect(DISTINCT p) AS preds
    UNWIND [a] + preds AS owner
    MATCH (t:Task)-[r:LED_BY|COORDINATED_WITH]->(owner)
    // the role that counts: a lead beats a coordination, a direct role an inherited one
    WITH a, preds, t, owner, (CASE type(r) WHEN 'LED_BY' THEN 0 ELSE 2 END) + (CASE WHEN owner = a THEN 0 ELSE 1 END) AS rank
    ORDER BY rank, owner.id
    WITH a, preds, t, head(collect({rank: rank, owner: owner})) AS own
    WITH a, preds, t, CASE WHEN own.rank < 2 THEN 'LEAD' ELSE 'COORDINATOR' END AS role,
      CASE WHEN own.rank % 2 = 1 THEN own.owner.id END AS inheritedFrom, ${status("t")} AS status
    ORDER BY t.deadline IS NULL, t.deadline, size(t.id), t.id
    WITH a, preds, collect({t: t, role: role, inheritedFrom: inheritedFrom, status: status}) AS rows
    WITH a, preds, rows, [r IN rows WHERE r.status = 'OVERDUE'] AS overdue
    CALL (overdue) {
      UNWIND overdue[0..50] AS r
      WITH r, r.t AS t
      RETURN collect({id: t.id, titleEn: t.titleEn, deadline: toString(t.deadline), deadlineText: t.deadlineText, role: r.role, inheritedFrom: r.inheritedFrom, origin: ${origin("t")}}) AS overduePage
    }
    CALL (rows) {
      UNWIND rows AS r
      WITH r.t AS t
      WITH ${origin("t")} AS o WHERE o IS NOT NULL
      WITH o, count(*) AS n
      RETURN collect({id: o, count: n}) AS documents
    }
    RETURN a {.id, .nameVi, .nameEn} AS agency, [p IN preds | p {.id, .nameVi}] AS predecessors,
      COLLECT { UNWIND rows AS r WITH r.role AS role, r.status AS status, count(*) AS n RETURN {role: role, status: status, count: n} } AS counts,
      size([r IN rows WHERE r.inheritedFrom IS NOT NULL]) AS inherited,
      size(overdue) AS overdueTotal, overduePage,
      [r IN [r IN rows WHERE r.t.deadline >= date($asOf) AND r.status <> 'DONE'][0..$upcoming] |
        {id: r.t.id, titleEn: r.t.titleEn, deadline: toString(r.t.deadline), role: r.role, inheritedFrom: r.inheritedFrom}] AS next,
      documents`,
  fromGraphQL: ({ agencyWorkload: w }) => workloadHeadline({
    lead: w.lead.byStatus.map((s: Data) => `LEAD ${s.status} ${s.count}`), coordinating: w.coordinating.byStatus.map((s: Data) => `COORDINATOR ${s.status} ${s.count}`),
    inherited: w.inherited, predecessors: ids(w.predecessors), overdueTotal: w.overdue.total,
    overdue: w.overdue.items.map((i: Data) => `${i.task.id} ${i.role} ${i.inheritedFrom?.id ?? "-"} ${i.origin?.id ?? "-"}`),
    next: w.nextDeadlines.map((i: Data) => `${i.task.id} ${i.role} ${i.inheritedFrom?.id ?? "-"}`),
    documents: w.documents.map((d: Data) => `${d.document.id} ${d.count}`),
  }),
  fromFloor: ([r]) => workloadHeadline({
    lead: (r!.counts as Data[]).filter((c) => c.role === "LEAD").map((c) => `LEAD ${c.status} ${c.count}`),
    coordinating: (r!.counts as Data[]).filter((c) => c.role === "COORDINATOR").map((c) => `COORDINATOR ${c.status} ${c.count}`),
    inherited: Number(r!.inherited), predecessors: ids(r!.predecessors as Data[]), overdueTotal: Number(r!.overdueTotal),
    overdue: (r!.overduePage as Data[]).map((i) => `${i.id} ${i.role} ${i.inheritedFrom ?? "-"} ${i.origin ?? "-"}`),
    next: (r!.next as Data[]).map((i) => `${i.id} ${i.role} ${i.inheritedFrom ?? "-"}`),
    documents: (r!.documents as Data[]).map((d) => `${d.id} ${d.count}`),
  }),
};
const workloadHeadline = (w: { lead: string[]; coordinating: string[]; inherited: number; predecessors: string[]; overdueTotal: number; overdue: string[]; next: string[]; documents: string[] }) =>
  ({ ...w, lead: sorted(w.lead), coordinating: sorted(w.coordinating), predecessors: sorted(w.predecessors), documents: sorted(w.documents) });

const dependencyChain: Question = {
  operation: "DependencyChain",
  cypher: (v) => `
    MATCH (s:Task {id: $id})
    MATCH p = (s)${v.direction === "DOWNSTREAM" ? "<-[:DEPENDS_ON*1..DEPTH]-" : "-[:DEPENDS_ON*1..DEPTH]->"}(:Task)
    UNWIND range(0, length(p) - 1) AS i
    WITH s, relationships(p)[i] AS r, i + 1 AS depth
    WITH s, r, min(depth) AS depth
    WITH s, r, depth, startNode(r) AS a, endNode(r) AS b ORDER BY depth, a.id, b.id
    RETURN s.id AS id, ${status("s")} AS status,
      collect({depth: depth, from: a.id, to: b.id, titleEn: b.titleEn, status: ${status("b")}, deadline: toString(b.deadline), kind: r.kind, rationale: r.rationale, sourceId: r.sourceId, quote: r.quote}) AS edges`
    .replaceAll("DEPTH", String(Number(v.depth))),
  fromGraphQL: ({ dependencies: d }) => ({ task: `${d.task.id} ${d.task.status}`, edges: d.edges.map((e: Data) => `${e.depth} ${e.from.id}->${e.to.id} ${e.to.status} ${e.kind}`) }),
  fromFloor: (rows, v) => rows.length
    ? { task: `${rows[0]!.id} ${rows[0]!.status}`, edges: (rows[0]!.edges as Data[]).map((e) => `${e.depth} ${e.from}->${e.to} ${e.status} ${e.kind}`) }
    : { task: `${v.id} ?`, edges: [] },
};

const criticalPath: Question = {
  operation: "CriticalPath",
  // The longest chain of open, dependent tasks under the root: every open DEPENDS_ON path,
  // the longest first; ties go to the end most overdue, then to the smallest end id.
  cypher: () => `
    MATCH (root:Document {id: $id})
    MATCH (t:Task)-[:${UNDER}*1..8]->(root)
    WITH DISTINCT t WHERE ${status("t")} <> 'DONE'
    WITH collect(t) AS open
    WITH open, apoc.map.fromLists([t IN open | elementId(t)], [t IN open | true]) AS isOpen
    UNWIND open AS e
    MATCH p = (e)-[:DEPENDS_ON*0..]->(:Task)
    WHERE all(n IN nodes(p) WHERE isOpen[elementId(n)])
    WITH e, max(length(p)) + 1 AS length
    WITH e, length, CASE WHEN e.deadline IS NULL THEN null ELSE duration.inDays(e.deadline, date($asOf)).days END AS late
    ORDER BY length DESC, coalesce(late, -1000000000) DESC, e.id
    LIMIT 1
    RETURN length, e.id AS end, CASE WHEN late IS NULL THEN null WHEN late < 0 THEN 0 ELSE late END AS daysLate`,
  fromGraphQL: ({ criticalPath: c }) => ({ length: c.length, end: c.end?.id ?? null, daysLate: c.daysLate }),
  fromFloor: ([r]) => ({ length: r?.length ?? 0, end: r?.end ?? null, daysLate: r?.daysLate ?? null }),
};

const blockedByOverdue: Question = {
  operation: "BlockedByOverdue",
  cypher: () => `
    MATCH (root:Document {id: $id})
    MATCH (t:Task)-[:${UNDER}*1..8]->(root)
    WITH DISTINCT t
    CALL (t) {
      MATCH (t)-[:DEPENDS_ON*]->(u:Task)
      WITH DISTINCT u WHERE ${status("u")} = 'OVERDUE'
      RETURN collect(u {.id, .titleEn, deadline: toString(u.deadline)}) AS blockers
    }
    WITH t, blockers WHERE size(blockers) > 0
    ORDER BY size(t.id), t.id
    WITH collect({t: t, blockers: blockers}) AS rows
    CALL (rows) {
      UNWIND rows[$offset..$offset + 100] AS r
      WITH r.t AS t, r.blockers AS blockers
      RETURN collect({id: t.id, titleEn: t.titleEn, deadline: toString(t.deadline), status: ${status("t")}, blockers: blockers}) AS items
    }
    RETURN size(rows) AS total, items`,
  fromGraphQL: ({ blockedByOverdue: b }) => ({ total: b.total, page: b.items.map((i: Data) => `${i.task.id} ${i.task.status} ${sorted(ids(i.overdueBlockers)).join(",")}`) }),
  fromFloor: ([r]) => ({ total: r?.total ?? 0, page: ((r?.items ?? []) as Data[]).map((i) => `${i.id} ${i.status} ${sorted(ids(i.blockers)).join(",")}`) }),
};

const deadlineTimeline: Question = {
  operation: "DeadlineTimeline",
  // The default variables name no agency, document or status: the deadline index anchors it.
  cypher: () => `
    MATCH (t:Task) WHERE t.deadline >= date($from) AND t.deadline <= date($to)
    WITH t ORDER BY t.deadline, size(t.id), t.id
    WITH collect(t) AS matched
    CALL (matched) {
      UNWIND matched[$offset..$offset + 200] AS t
      RETURN collect({
        id: t.id, titleEn: t.titleEn, deadline: toString(t.deadline), deadlineText: t.deadlineText, status: ${status("t")},
        origin: ${origin("t")},
        owners: COLLECT { MATCH (t)-[:LED_BY]->(lead:Agency) UNWIND ${holders("lead")} AS c WITH DISTINCT c ORDER BY c.id RETURN c {.id, .nameVi} }
      }) AS items
    }
    RETURN size(matched) AS total, items`,
  fromGraphQL: ({ deadlines: d }) => ({ total: d.total, page: d.items.map((i: Data) => `${i.task.id} ${i.task.deadline} ${i.task.status} ${i.origin?.id ?? "-"} ${ids(i.owners).join(",")}`) }),
  fromFloor: ([r]) => ({ total: r!.total, page: (r!.items as Data[]).map((i) => `${i.id} ${i.deadline} ${i.status} ${i.origin ?? "-"} ${ids(i.owners).join(",")}`) }),
};

const connections: Question = {
  operation: "Connections",
  // The ends' labels are known for each case, so no lookup across labels is needed.
  cypher: (v) => `
    MATCH (a:${v.fromLabel} {id: $from})
    MATCH (b:${v.toLabel} {id: $to})
    MATCH p = allShortestPaths((a)-[*..${Number(v.maxHops)}]-(b))
    WHERE none(r IN relationships(p) WHERE type(r) = 'SOURCED_FROM') AND none(n IN nodes(p) WHERE n:Source)
    WITH p LIMIT $limit
    RETURN [n IN nodes(p) | {id: n.id, type: labels(n)[0], titleVi: coalesce(n.titleVi, n.nameVi), titleEn: coalesce(n.titleEn, n.nameEn)}] AS nodes,
      [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, sourceId: r.sourceId, trust: r.trust, quote: r.quote}] AS edges`,
  // Which of several shortest paths come back under the limit is the database's choice: compare their number and lengths.
  fromGraphQL: ({ connections: c }) => ({ paths: c.length, lengths: c.map((p: Data) => p.length) }),
  fromFloor: (rows) => ({ paths: rows.length, lengths: rows.map((r) => (r.nodes as unknown[]).length - 1) }),
};

const dashboard: Question = {
  operation: "Dashboard",
  // Every panel in one pass over the tasks, each task's status computed once.
  cypher: (v) => `
    ${v.documentId ? `MATCH (root:Document {id: $documentId}) MATCH (t:Task)-[:${UNDER}*1..8]->(root) WITH DISTINCT t` : "MATCH (t:Task)"}
    WITH collect({t: t, status: ${status("t")}}) AS rows
    CALL (rows) {
      UNWIND rows AS r WITH r.status AS status, count(*) AS count ORDER BY status
      RETURN collect({status: status, count: count}) AS byStatus
    }
    CALL (rows) {
      UNWIND rows AS r WITH r WHERE r.t.deadline IS NOT NULL
      WITH substring(toString(r.t.deadline), 0, 7) AS month, r.status AS status
      WITH month, count(*) AS total, sum(CASE status WHEN 'DONE' THEN 1 ELSE 0 END) AS done, sum(CASE status WHEN 'OVERDUE' THEN 1 ELSE 0 END) AS overdue ORDER BY month
      RETURN collect({month: month, total: total, done: done, overdue: overdue}) AS byDeadlineMonth
    }
    CALL (rows) {
      UNWIND rows AS r WITH r.t AS t, r.status AS status
      MATCH (t)-[:LED_BY]->(a:Agency)
      WITH a, collect({t: t, status: status}) AS led
      UNWIND ${holders("a")} AS c
      UNWIND led AS l
      WITH c, l.t AS t, l.status AS status
      WITH c, collect(DISTINCT {t: t, status: status}) AS own
      WITH c, own, COLLECT { UNWIND own AS o WITH o.status AS status, count(*) AS n RETURN {status: status, count: n} } AS byStatus
      RETURN collect({id: c.id, nameVi: c.nameVi, abbreviation: c.abbreviation, byStatus: byStatus,
        total: size(own), done: size([o IN own WHERE o.status = 'DONE'])}) AS byAgency
    }
    CALL (rows) {
      UNWIND rows AS r WITH r.t AS t, r.status AS status
      WITH status, COLLECT { MATCH p = (t)-[:PART_OF*1..8]->(s:Section) RETURN s ORDER BY length(p) LIMIT 1 }[0] AS s WHERE s IS NOT NULL
      WITH s, count(*) AS total, sum(CASE status WHEN 'DONE' THEN 1 ELSE 0 END) AS done, sum(CASE status WHEN 'OVERDUE' THEN 1 ELSE 0 END) AS overdue
      RETURN collect({id: s.id, titleEn: s.titleEn, total: total, done: done, overdue: overdue}) AS bySection
    }
    CALL (rows) {
      UNWIND rows AS r WITH r.t AS t, r.status AS status
      MATCH (t)-[:CONCERNS]->(g:TechnologyGroup)
      WITH g, count(*) AS total, sum(CASE status WHEN 'DONE' THEN 1 ELSE 0 END) AS done, sum(CASE status WHEN 'OVERDUE' THEN 1 ELSE 0 END) AS overdue
      RETURN collect({id: g.id, titleEn: g.nameEn, total: total, done: done, overdue: overdue}) AS byTechnologyGroup
    }
    CALL (rows) {
      UNWIND rows AS r WITH r.t AS t, r.status AS status
      WITH status, ${origin("t")} AS o WHERE o IS NOT NULL
      WITH o, count(*) AS total, sum(CASE status WHEN 'DONE' THEN 1 ELSE 0 END) AS done
      RETURN collect({id: o, total: total, done: done}) AS completionByDocument
    }
    CALL () {
      MATCH (g:Target)
      WITH g.year AS year, collect(g) AS targets
      WITH year, targets, COLLECT {
        UNWIND targets AS g MATCH (g)-[:MONITORED_BY]->(a:Agency) UNWIND ${holders("a")} AS c
        WITH c, count(DISTINCT g) AS n RETURN {id: c.id, count: n} } AS monitors
      RETURN collect({year: year, total: size(targets), monitors: monitors}) AS targetsByHorizon
    }
    RETURN size(rows) AS totalTasks, byStatus, byDeadlineMonth, byAgency, bySection, byTechnologyGroup, completionByDocument, targetsByHorizon`,
  fromGraphQL: ({ dashboard: d }) => dashboardHeadline({
    totalTasks: d.totalTasks,
    byStatus: d.byStatus.map((s: Data) => `${s.status} ${s.count}`),
    byDeadlineMonth: d.byDeadlineMonth.map((m: Data) => `${m.month} ${m.total} ${m.done} ${m.overdue}`),
    byStatusAndAgency: d.byStatusAndAgency.map((x: Data) => `${x.agency.id} ${x.status} ${x.count}`),
    bySection: d.bySection.map((g: Data) => `${g.group.id} ${g.total} ${g.done} ${g.overdue}`),
    byTechnologyGroup: d.byTechnologyGroup.map((g: Data) => `${g.group.id} ${g.total} ${g.done} ${g.overdue}`),
    completionByDocument: d.completionByDocument.map((g: Data) => `${g.group.id} ${g.total} ${g.done}`),
    completionByAgency: d.completionByAgency.map((g: Data) => `${g.group.id} ${g.total} ${g.done}`),
    targetsByHorizon: d.targetsByHorizon.map((h: Data) => `${h.year} ${h.total} ${sorted(h.byMonitoringAgency.map((m: Data) => `${m.agency.id}:${m.count}`)).join(",")}`),
  }),
  fromFloor: ([r]) => dashboardHeadline({
    totalTasks: r!.totalTasks as number,
    byStatus: (r!.byStatus as Data[]).map((s) => `${s.status} ${s.count}`),
    byDeadlineMonth: (r!.byDeadlineMonth as Data[]).map((m) => `${m.month} ${m.total} ${m.done} ${m.overdue}`),
    byStatusAndAgency: (r!.byAgency as Data[]).flatMap((a) => (a.byStatus as Data[]).map((s) => `${a.id} ${s.status} ${s.count}`)),
    bySection: (r!.bySection as Data[]).map((g) => `${g.id} ${g.total} ${g.done} ${g.overdue}`),
    byTechnologyGroup: (r!.byTechnologyGroup as Data[]).map((g) => `${g.id} ${g.total} ${g.done} ${g.overdue}`),
    completionByDocument: (r!.completionByDocument as Data[]).map((g) => `${g.id} ${g.total} ${g.done}`),
    completionByAgency: (r!.byAgency as Data[]).map((a) => `${a.id} ${a.total} ${a.done}`),
    targetsByHorizon: (r!.targetsByHorizon as Data[]).map((h) => `${h.year} ${h.total} ${sorted((h.monitors as Data[]).map((m) => `${m.id}:${m.count}`)).join(",")}`),
  }),
};
/** Panels compared as sets of rows (their order is checked by the tests, not here). */
const dashboardHeadline = (d: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Array.isArray(v) ? sorted(v as string[]) : v]));

const searchPolicies: Question = {
  operation: "SearchPolicies",
  // Lucene's query, the text's variants and its marked words are written out per case (what
  // src/search/fold.ts and lucene.ts make of the text); hits with every marked word (the words
  // written with diacritics, read from searchTextMarked) rank first, then an exact name, id or
  // abbreviation. Cypher has no Vietnamese folding: apoc.text.clean (marks and punctuation
  // away) with đ → d stands in.
  cypher: () => `
    CALL db.index.fulltext.queryNodes('policy_search', $lucene, {limit: 5000}) YIELD node, score
    WITH node, score, [l IN labels(node) WHERE l IN ['Document', 'Section', 'Task', 'Target', 'Indicator', 'Agency', 'Person', 'Event', 'TechnologyGroup', 'TechnologyProduct']][0] AS type
    WHERE type IS NOT NULL
    WITH node, score, type, size($marked) > 0 AND all(w IN $marked WHERE ' ' + coalesce(node.searchTextMarked, '') + ' ' CONTAINS ' ' + w + ' ') AS marked
    WITH node, score, type, marked ORDER BY marked DESC, score DESC, node.id LIMIT 200
    WITH node, score, type, marked, any(name IN [node.id, coalesce(node.titleVi, node.nameVi), coalesce(node.titleEn, node.nameEn), node.abbreviation]
      WHERE name IS NOT NULL AND replace(apoc.text.clean(name), 'đ', 'd') IN $exactForms) AS exact
    ORDER BY marked DESC, exact DESC, score DESC, node.id LIMIT $limit
    RETURN node.id AS id, type, coalesce(node.titleVi, node.nameVi) AS titleVi, coalesce(node.titleEn, node.nameEn) AS titleEn, score,
      COLLECT { MATCH (node)-[c:SOURCED_FROM]->(:Source) RETURN c.quote } AS quotes`,
  fromGraphQL: ({ search }) => search.map((h: Data) => `${h.id} ${h.type}`),
  fromFloor: (rows) => rows.map((r) => `${r.id} ${r.type}`),
};

// ---- the generated API's operations

const agencySuccession: Question = {
  operation: "AgencySuccession",
  cypher: () => `
    MATCH (a:Agency {id: $id})
    RETURN a {.id, .nameVi, .nameEn, .kind, dissolvedOn: toString(a.dissolvedOn)} AS agency,
      COLLECT { MATCH (a)-[s:SUCCEEDED_BY]->(b:Agency) RETURN {node: b {.id, .nameVi, .nameEn, .abbreviation}, properties: s {date: toString(s.date), .main, .note, .sourceId, .quote, .trust}} LIMIT 20 } AS succeededBy,
      COLLECT { MATCH (p:Agency)-[:SUCCEEDED_BY]->(a) RETURN p {.id, .nameVi} LIMIT 20 } AS predecessors`,
  fromGraphQL: ({ agencies: [a] }) => ({ id: a?.id, successors: sorted(a.succeededByConnection.edges.map((e: Data) => `${e.node.id} ${e.properties.date} ${e.properties.main}`)), predecessors: sorted(ids(a.predecessors)) }),
  fromFloor: ([r]) => ({ id: (r?.agency as Data)?.id, successors: sorted((r!.succeededBy as Data[]).map((e) => `${e.node.id} ${e.properties.date} ${e.properties.main}`)), predecessors: sorted(ids(r!.predecessors as Data[])) }),
};

const documentRelations: Question = {
  operation: "DocumentRelations",
  cypher: () => `
    MATCH (d:Document {id: $id})
    RETURN d {.id, .kind, .titleVi, .titleEn, issuedOn: toString(d.issuedOn)} AS document,
      COLLECT { MATCH (d)-[:ISSUED_BY]->(a:Agency) RETURN a {.id, .nameVi} LIMIT 20 } AS issuedBy,
      COLLECT { MATCH (d)-[:SIGNED_BY]->(p:Person) RETURN p {.id, .nameVi} LIMIT 20 } AS signedBy,
      COLLECT { MATCH (d)<-[:IMPLEMENTS]-(i:Document) RETURN i {.id, .kind, .titleEn, issuedOn: toString(i.issuedOn),
        issuedBy: COLLECT { MATCH (i)-[:ISSUED_BY]->(a:Agency) RETURN a {.nameVi} LIMIT 20 },
        amendedBy: COLLECT { MATCH (i)<-[:AMENDS]-(m:Document) RETURN m {.id, .titleEn, issuedOn: toString(m.issuedOn)} LIMIT 20 }} LIMIT 100 } AS implementedBy,
      COLLECT { MATCH (d)<-[:SUPERSEDES]-(s:Document) RETURN s {.id, .titleEn, effectiveFrom: toString(s.effectiveFrom)} LIMIT 20 } AS supersededBy,
      COLLECT { MATCH (d)<-[:PART_OF]-(s:Section) RETURN s {.id, .number, .titleEn} LIMIT 20 } AS sections`,
  fromGraphQL: ({ documents: [d] }) => ({ id: d?.id, issuedBy: sorted(ids(d.issuedBy)), implementedBy: upTo(ids(d.implementedBy), 100), amendedBy: sorted(d.implementedBy.flatMap((i: Data) => ids(i.amendedBy))), sections: upTo(ids(d.sections), 20) }),
  fromFloor: ([r]) => ({ id: (r?.document as Data)?.id, issuedBy: sorted(ids(r!.issuedBy as Data[])), implementedBy: upTo(ids(r!.implementedBy as Data[]), 100), amendedBy: sorted((r!.implementedBy as Data[]).flatMap((i) => ids(i.amendedBy))), sections: upTo(ids(r!.sections as Data[]), 20) }),
};

const documentTaskCounts: Question = {
  operation: "DocumentTaskCounts",
  cypher: () => `
    MATCH (d:Document) WHERE d.id IN $ids
    RETURN d.id AS id, d.titleEn AS titleEn, COUNT { (d)<-[:PART_OF]-(:Task) } AS tasks, COUNT { (d)<-[:PART_OF]-(:Section) } AS sections
    ORDER BY id`,
  fromGraphQL: ({ documents }) => documents.map((d: Data) => `${d.id} ${d.tasksConnection.aggregate.count.nodes} ${d.sectionsConnection.aggregate.count.nodes}`),
  fromFloor: (rows) => rows.map((r) => `${r.id} ${r.tasks} ${r.sections}`),
};

const meetingDirections: Question = {
  operation: "MeetingDirections",
  cypher: () => `
    MATCH (e:Event {id: $id})
    RETURN e {.id, .nameVi, .nameEn, date: toString(e.date), .place} AS event,
      COLLECT { MATCH (e)-[:CHAIRED_BY]->(p:Person) RETURN p {.id, .nameVi} LIMIT 20 } AS chairedBy,
      COLLECT { MATCH (e)-[:REVIEWED]->(d:Document) RETURN d {.id, .titleEn} LIMIT 50 } AS reviewed,
      COLLECT { MATCH (e)-[r:ATTENDED_BY]->(a:Agency) RETURN {node: a {.id, .nameVi}, role: r.role} LIMIT 100 } AS attendedBy,
      COLLECT { MATCH (t:Task)-[:ASSIGNED_AT]->(e) RETURN t {.id, .titleVi, .titleEn, deadline: toString(t.deadline), .deadlineText,
        ledBy: COLLECT { MATCH (t)-[:LED_BY]->(a:Agency) RETURN a {.id, .nameVi} LIMIT 20 },
        coordinatedWith: COLLECT { MATCH (t)-[:COORDINATED_WITH]->(a:Agency) RETURN a {.id, .nameVi} LIMIT 50 }} ORDER BY t.id LIMIT 100 } AS tasks,
      COLLECT { MATCH (i:Indicator)-[:REPORTED_AT]->(e) RETURN i {.id, .nameEn, .valueText, .unit, asOf: toString(i.asOf)} LIMIT 100 } AS indicators`,
  fromGraphQL: ({ events: [e] }) => ({
    id: e?.id, tasks: e.tasks.map((t: Data) => `${t.id} ${sorted(ids(t.ledBy)).join(",")} ${sorted(ids(t.coordinatedWith)).join(",")}`),
    indicators: sorted(ids(e.indicators)), attendedBy: sorted(e.attendedByConnection.edges.map((x: Data) => x.node.id)), reviewed: sorted(ids(e.reviewed)),
  }),
  fromFloor: ([r]) => ({
    id: (r?.event as Data)?.id, tasks: (r!.tasks as Data[]).map((t) => `${t.id} ${sorted(ids(t.ledBy)).join(",")} ${sorted(ids(t.coordinatedWith)).join(",")}`),
    indicators: sorted(ids(r!.indicators as Data[])), attendedBy: sorted((r!.attendedBy as Data[]).map((x) => x.node.id)), reviewed: sorted(ids(r!.reviewed as Data[])),
  }),
};

const progressReport71: Question = {
  operation: "ProgressReport71",
  cypher: () => `
    MATCH (t:Task) WHERE t.id STARTS WITH '71/NQ-CP#'
    WITH t ORDER BY t.id LIMIT 50
    RETURN t {.id, .titleEn, .deadlineText,
      asOf: ${saidOf("t", `{status: ${rule("t")}, latest: said {.id, reportedOn: toString(said.reportedOn), .status,
        sources: COLLECT { MATCH (said)-[c:SOURCED_FROM]->(s:Source) RETURN {id: s.id, quote: c.quote} LIMIT 1 }}}`)},
      reports: COLLECT { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport) RETURN r {.id, reportedOn: toString(r.reportedOn), .status, .trust} ORDER BY r.reportedOn DESC, r.sequence DESC LIMIT 5 },
      ledBy: COLLECT { MATCH (t)-[:LED_BY]->(a:Agency) RETURN a {.id, .nameVi} LIMIT 20 },
      updates: COLLECT { MATCH (t)-[u:UPDATES]->(o:Task) RETURN {node: o {.id, .deadlineText}, properties: u {.changes, .note}} LIMIT 10 },
      fulfilledBy: COLLECT { MATCH (t)-[:FULFILLED_BY]->(d:Document) RETURN d {.id, .titleEn} LIMIT 20 }} AS task`,
  fromGraphQL: ({ tasks }) => tasks.map((t: Data) => reportHeadline(t.id, t.status,
    t.latestReport && { ...t.latestReport, sources: t.latestReport.sourcesConnection.edges.map((e: Data) => ({ id: e.node.id, quote: e.properties.quote })) },
    t.reports, t.updatesConnection.edges.map((e: Data) => e.node.id), ids(t.fulfilledBy))),
  fromFloor: (rows) => rows.map(({ task: t }: Data) => reportHeadline(t.id, t.asOf.status, t.asOf.latest, t.reports, t.updates.map((e: Data) => e.node.id), ids(t.fulfilledBy))),
};
type ReportLine = { id: string; reportedOn: string; status: string };
const reportHeadline = (id: string, status: string, latest: (ReportLine & { sources: { id: string; quote: string }[] }) | null, reports: (ReportLine & { trust: string })[], updates: string[], fulfilledBy: string[]) =>
  `${id} ${status} latest:${latest ? `${latest.id} ${latest.reportedOn} ${latest.status} ${latest.sources.map((s) => `${s.id} "${s.quote}"`).join(",")}` : "-"} ` +
  `reports:${reports.map((r) => `${r.id} ${r.reportedOn} ${r.status} ${r.trust}`).join(",")} ${sorted(updates).join(",")} ${sorted(fulfilledBy).join(",")}`;

const targetsByHorizon: Question = {
  operation: "TargetsByHorizon",
  cypher: () => `
    RETURN COUNT { (:Target {year: 2030}) } AS to2030, COUNT { (:Target {year: 2045}) } AS to2045,
      COLLECT { MATCH (a:Agency) WHERE EXISTS { (:Target {year: 2030})-[:MONITORED_BY]->(a) }
        RETURN {id: a.id, nameVi: a.nameVi, count: COUNT { (:Target {year: 2030})-[:MONITORED_BY]->(a) }} ORDER BY a.id LIMIT 500 } AS monitoredBy`,
  fromGraphQL: (d) => ({ to2030: d.to2030.aggregate.count.nodes, to2045: d.to2045.aggregate.count.nodes, monitoredBy: d.monitoredBy.map((a: Data) => `${a.id} ${a.monitorsConnection.aggregate.count.nodes}`) }),
  fromFloor: ([r]) => ({ to2030: r!.to2030, to2045: r!.to2045, monitoredBy: (r!.monitoredBy as Data[]).map((a) => `${a.id} ${a.count}`) }),
};

const technologyGroupTasks: Question = {
  operation: "TechnologyGroupTasks",
  cypher: () => `
    MATCH (g:TechnologyGroup {id: $id})
    RETURN g {.id, .code, .nameVi, .nameEn} AS group,
      COLLECT { MATCH (g)-[c:SOURCED_FROM]->(:Source) RETURN c.trust LIMIT 20 } AS trusts,
      COLLECT { MATCH (p:TechnologyProduct)-[:PART_OF]->(g) RETURN p {.id, .nameVi} LIMIT 100 } AS products,
      COLLECT { MATCH (g)-[:SUCCEEDED_BY]->(s:TechnologyGroup) RETURN s {.id, .nameVi} LIMIT 20 } AS succeededBy,
      COLLECT { MATCH (t:Task)-[c:CONCERNS]->(g) RETURN {node: t {.id, .titleEn}, properties: c {.kind, .matched, .quote}} LIMIT 1000 } AS tasks`,
  fromGraphQL: ({ technologyGroups: [g] }) => ({ id: g?.id, products: sorted(ids(g.products)), succeededBy: sorted(ids(g.succeededBy)), tasks: upTo(g.tasksConnection.edges.map((e: Data) => e.node.id), 1000) }),
  fromFloor: ([r]) => ({ id: (r?.group as Data)?.id, products: sorted(ids(r!.products as Data[])), succeededBy: sorted(ids(r!.succeededBy as Data[])), tasks: upTo((r!.tasks as Data[]).map((e) => e.node.id), 1000) }),
};

const unverifiedTechnologyGroups: Question = {
  operation: "UnverifiedTechnologyGroups",
  cypher: () => `
    MATCH (g:TechnologyGroup) WHERE EXISTS { (g)-[:SOURCED_FROM {trust: 'UNVERIFIED'}]->(:Source) }
    RETURN g {.id, .code, .nameVi, .nameEn,
      sources: COLLECT { MATCH (g)-[c:SOURCED_FROM]->(s:Source) RETURN {id: s.id, trust: c.trust, quote: c.quote} LIMIT 20 }} AS group
    ORDER BY g.code LIMIT 200`,
  fromGraphQL: ({ technologyGroups }) => technologyGroups.map((g: Data) => `${g.id} ${g.sourcesConnection.edges.length}`),
  fromFloor: (rows) => rows.map(({ group: g }: Data) => `${g.id} ${g.sources.length}`),
};

export const QUESTIONS = [
  agencySuccession, agencyWorkload, blockedByOverdue, connections, criticalPath, dashboard, deadlineTimeline, dependencyChain,
  documentRelations, documentTaskCounts, meetingDirections, progressReport71, searchPolicies, targetsByHorizon,
  technologyGroupTasks, traceDirective, unverifiedTechnologyGroups,
];

// ---------------------------------------------------------------- cases

/** The default values of an operation's variables, as its file declares them. */
function defaultsOf(text: string): Vars {
  const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  return Object.fromEntries((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null]));
}

/**
 * A case: `question` asked with `variables` over the operation's defaults. `floorOnly` are
 * parameters only the floor needs (the labels of a connection's ends, a search's Lucene query).
 */
function ask(question: Question, opts: { name?: string; variables?: Vars; floorOnly?: Vars; target?: number } = {}): Case {
  const op = namedOperations().find((o) => o.name === question.operation);
  if (!op) throw new Error(`bench: no named operation ${question.operation} in queries/`);
  const variables = opts.variables ?? {};
  const params: Vars = { ...defaultsOf(op.text), ...variables, ...opts.floorOnly };
  params.asOf ??= todayInVietnam(); // what the API takes when asOf is left out
  return {
    name: opts.name ?? question.operation,
    target: opts.target,
    operationName: question.operation,
    query: op.text,
    variables,
    floor: { cypher: question.cypher(params), params },
    fromGraphQL: (data) => question.fromGraphQL(data, params),
    fromFloor: (rows) => question.fromFloor(rows, params),
  };
}

/**
 * How the text of each search case folds, the query src/search/lucene.ts makes of it, and its
 * marked words (none: the cases are typed without diacritics, as analysts mostly do).
 */
const SEARCHES: Record<string, { lucene: string; exactForms: string[]; marked: string[] }> = {
  "bo cong an": { lucene: `+("bo cong an" OR "ministry of public security" OR bca) "bo cong an"^2`, exactForms: ["bocongan", "ministryofpublicsecurity", "bca"], marked: [] },
  "ha noi": { lucene: `+ha +noi "ha noi"^2`, exactForms: ["hanoi"], marked: [] },
};
const search = (text: string, name?: string, target?: number) =>
  ask(searchPolicies, { name, target, variables: text === "bo cong an" ? {} : { text }, floorOnly: { lucene: SEARCHES[text]!.lucene, exactForms: SEARCHES[text]!.exactForms, marked: SEARCHES[text]!.marked } });

/** The default connection: Bộ Công an ↔ the AI group. */
const CONNECTION_ENDS = { fromLabel: "Agency", toLabel: "TechnologyGroup" };

/**
 * What any request costs before it asks anything: Apollo's parse, validation (depth rule,
 * limits plugin) and execution of a field with no resolver, beside a round trip to Neo4j.
 */
const BASELINE: Case = {
  name: "baseline: { __typename } | RETURN 1",
  operationName: "Baseline",
  query: "query Baseline { __typename }",
  variables: {},
  floor: { cypher: "RETURN 1 AS one", params: {} },
  fromGraphQL: () => "answered",
  fromFloor: () => "answered",
};

/** Every named operation with its default variables: the seeded graph's cases. */
export function seedCases(): Case[] {
  return [BASELINE, ...QUESTIONS.map((q) =>
    q === searchPolicies ? search("bo cong an") : ask(q, { floorOnly: q === connections ? CONNECTION_ENDS : undefined }))];
}

/** The national graph's entities the cases ask about, chosen by a small lookup at start (pickNational). */
export interface NationalIds {
  ministry: string;
  province: string;
  commune: string;
  provincePlan: string;
  chainTask: string;
  month: { from: string; to: string };
}

/** Issue 8's p95 targets (ms), by operation, at national scale. */
const TARGETS: Record<string, number> = {
  TraceDirective: 200, AgencyWorkload: 200, DeadlineTimeline: 200, DependencyChain: 200, Connections: 200, SearchPolicies: 200, Dashboard: 500,
};

/**
 * The national graph's cases: every named operation with its defaults again (57-NQ/TW now has
 * ~100k tasks under it), then the questions issue 8 sets targets for, on synthetic entities:
 * a ministry with predecessors, the province with the most communes, one of its communes, a
 * month of deadlines, a task at the end of a long dependency chain, a commune ↔ AI, a place name.
 */
export function nationalCases(n: NationalIds): Case[] {
  const cases = [
    ...seedCases(),
    ask(agencyWorkload, { name: "AgencyWorkload: synthetic ministry", variables: { id: n.ministry } }),
    ask(agencyWorkload, { name: "AgencyWorkload: province", variables: { id: n.province } }),
    ask(agencyWorkload, { name: "AgencyWorkload: commune", variables: { id: n.commune } }),
    ask(deadlineTimeline, { name: `DeadlineTimeline: ${n.month.from.slice(0, 7)}`, variables: { ...n.month, asOf: "2026-04-01" } }),
    ask(dependencyChain, { name: "DependencyChain: depth 10", variables: { id: n.chainTask, depth: 10 } }),
    ask(connections, { name: "Connections: commune ↔ AI group", variables: { from: n.commune, to: "1131/QĐ-TTg#1" }, floorOnly: CONNECTION_ENDS }),
    search("ha noi", 'SearchPolicies: "ha noi"'),
    ask(criticalPath, { name: "CriticalPath: province plan", variables: { id: n.provincePlan } }),
    ask(blockedByOverdue, { name: "BlockedByOverdue: province plan", variables: { id: n.provincePlan } }),
    ask(dashboard, { name: "Dashboard: province plan", variables: { documentId: n.provincePlan } }),
  ];
  return cases.map((c) => ({ ...c, target: TARGETS[c.operationName] }));
}

/** Looks up the national graph's entities for the cases (a few index-backed reads). */
export const PICK_NATIONAL = `
  CALL () {
    MATCH (m:Agency {kind: 'MINISTRY'})<-[:SUCCEEDED_BY {main: true}]-(:Agency) WHERE m.id STARTS WITH 'syn-'
    RETURN m.id AS ministry ORDER BY ministry LIMIT 1
  }
  CALL () {
    MATCH (p:Agency {kind: 'PROVINCE'}) WHERE p.id STARTS WITH 'syn-'
    RETURN p ORDER BY COUNT { (p)<-[:PART_OF]-(:Agency) } DESC, p.id LIMIT 1
  }
  CALL (p) {
    MATCH (c:Agency {kind: 'COMMUNE'})-[:PART_OF]->(p) WHERE EXISTS { (c)<-[:LED_BY]-(:Task) }
    RETURN c.id AS commune ORDER BY commune LIMIT 1
  }
  CALL (p) {
    MATCH (d:Document {kind: 'PLAN'})-[:ISSUED_BY]->(p) WHERE EXISTS { (d)-[:IMPLEMENTS]->(:Document {id: '57-NQ/TW'}) }
    RETURN d.id AS provincePlan LIMIT 1
  }
  CALL () {
    MATCH (t:Task)-[:PART_OF]->(:Document {kind: 'PLAN'}) WHERE t.id STARTS WITH 'syn-kh-' AND EXISTS { (t)-[:DEPENDS_ON*10]->(:Task) }
    RETURN t.id AS chainTask ORDER BY chainTask LIMIT 1
  }
  RETURN ministry, p.id AS province, commune, provincePlan, chainTask`;
