// The Cypher of the analyses: one statement per question, parameterised, built from the
// shared fragments. Every count, grouping and list is computed in the database; an anchored
// question (one agency, one directive, one period) starts from an index, and a list comes
// back as a correct total plus the page asked for.
import {
  DEPENDENCY_MAX_HOPS, ENTITY_LABELS, ROOT_LABELS, TRACE_MAX_HOPS, UNDER, agencyView, leadsToday, matchById, naturalOrder, originOf,
  nearestSection, predecessorsOf, statusOf, taskSetUnder, taskView, todayOf, typeOf,
} from "../cypher/fragments.js";

export const CONNECTION_MAX_HOPS = 6;

/** Tasks `t` in a scope: every task, or those under $scope (a Document, Section, Task or meeting). */
export const scopeTasks = (scoped: boolean) =>
  scoped
    ? `${matchById("root", "$scope", ROOT_LABELS)}
       CALL (root) { ${taskSetUnder("root")} RETURN t }`
    : `MATCH (t:Task)`;

export const SCOPE_EXISTS = `${matchById("root", "$scope", ROOT_LABELS)} RETURN root.id AS id`;

// ---------------------------------------------------------------- workload

/** An agency, and the agencies whose roles it holds as of $asOf (its predecessors). */
const AGENCY = `
  MATCH (a:Agency {id: $id})
  ${predecessorsOf("a", "preds")}`;

/**
 * Rows (t, role, inheritedFrom, status) for every task agency $id owns as of $asOf: assigned
 * to it, or to a predecessor. A direct role beats an inherited one, and LEAD beats COORDINATOR,
 * whatever order the relationships come in.
 */
const OWNED_ROWS = `
  CALL (a, preds) {
    UNWIND [a] + preds AS o
    MATCH (t:Task)-[r:LED_BY|COORDINATED_WITH]->(o)
    WITH t, o, (CASE type(r) WHEN 'LED_BY' THEN 0 ELSE 2 END) + (CASE WHEN o = a THEN 0 ELSE 1 END) AS rank
    ORDER BY rank, o.id
    WITH t, head(collect({rank: rank, from: o})) AS own
    RETURN t, CASE WHEN own.rank < 2 THEN 'LEAD' ELSE 'COORDINATOR' END AS role,
      CASE WHEN own.rank % 2 = 1 THEN own.from END AS inheritedFrom, ${statusOf("t")} AS status
  }`;
const OWNED = `${AGENCY}${OWNED_ROWS}`;

/**
 * What the agency owes, in numbers — by role and status, inherited, by document — and its
 * next $upcoming unfinished deadlines, from one pass over its tasks (one statement).
 */
export const WORKLOAD_SUMMARY = `
  ${AGENCY}
  CALL (a, preds) {
    ${OWNED_ROWS}
    ${originOf("t", "origin")}
    WITH collect({t: t, role: role, from: inheritedFrom, status: status, origin: origin}) AS rows
    CALL (rows) {
      UNWIND rows AS r
      WITH r.role AS role, r.status AS status, count(*) AS n
      RETURN collect({role: role, status: status, count: n}) AS counts
    }
    CALL (rows) {
      UNWIND rows AS r
      WITH r.origin AS origin, count(*) AS n WHERE origin IS NOT NULL
      WITH origin, n ORDER BY n DESC, origin.id
      RETURN collect({document: origin, count: n}) AS documents
    }
    CALL (rows) {
      UNWIND rows AS r
      WITH r WHERE r.t.deadline >= date($asOf) AND r.status <> 'DONE'
      WITH r ORDER BY r.t.deadline, size(r.t.id), r.t.id LIMIT $upcoming
      WITH r, r.t AS t, r.from AS heir
      RETURN collect({task: ${taskView("t")}, role: r.role, inheritedFrom: CASE WHEN heir IS NOT NULL THEN ${agencyView("heir")} END, origin: r.origin}) AS next
    }
    RETURN counts, documents, size([r IN rows WHERE r.from IS NOT NULL]) AS inherited, next
  }
  RETURN ${agencyView("a")} AS agency, [p IN preds | ${agencyView("p")}] AS predecessors, counts, inherited, documents, next`;

/** A page of the agency's tasks ($which: ALL, OVERDUE or UPCOMING), by deadline, with the total. */
export const WORKLOAD_TASKS = `
  ${OWNED}
  WITH t, role, inheritedFrom, status
  WHERE $which = 'ALL' OR ($which = 'OVERDUE' AND status = 'OVERDUE')
    OR ($which = 'UPCOMING' AND t.deadline >= date($asOf) AND status <> 'DONE')
  WITH t, role, inheritedFrom ORDER BY t.deadline IS NULL, t.deadline, ${naturalOrder("t")}
  WITH collect({t: t, role: role, inheritedFrom: inheritedFrom}) AS rows
  CALL (rows) {
    UNWIND rows[$offset..$offset + $limit] AS row
    WITH row.t AS t, row.role AS role, row.inheritedFrom AS heir
    ${originOf("t", "origin")}
    RETURN collect({task: ${taskView("t")}, role: role, inheritedFrom: CASE WHEN heir IS NOT NULL THEN ${agencyView("heir")} END, origin: origin}) AS items
  }
  RETURN size(rows) AS total, items`;

// ---------------------------------------------------------------- dependencies

/** Dependency edges reachable from a task, upstream (what it waits for) or downstream, each at its nearest depth. */
export const dependencyEdges = (direction: "UPSTREAM" | "DOWNSTREAM") => `
  MATCH (start:Task {id: $id})
  MATCH p = (start)${direction === "UPSTREAM" ? "-[:DEPENDS_ON]->" : "<-[:DEPENDS_ON]-"}{1,${DEPENDENCY_MAX_HOPS}}(other:Task)
  WHERE length(p) <= $depth
  UNWIND range(0, length(p) - 1) AS i
  WITH relationships(p)[i] AS r, i + 1 AS depth
  WITH r, min(depth) AS depth
  WITH r, depth, startNode(r) AS a, endNode(r) AS b
  RETURN ${taskView("a")} AS from, ${taskView("b")} AS to, r.kind AS kind, r.rationale AS rationale,
    r.sourceId AS sourceId, r.quote AS quote, depth
  ORDER BY depth, a.id, b.id`;

export const FIND_TASK = `MATCH (t:Task {id: $id}) RETURN ${taskView("t")} AS task`;

/**
 * The unfinished tasks of a scope and the DEPENDS_ON edges among them, as ids: what the
 * longest chain is computed from (Cypher has no longest-path; the chain is found in one pass
 * over these in src/analytics/aggregate.ts, whatever its length).
 */
export const OPEN_DEPENDENCIES = (scoped: boolean) => `
  ${scopeTasks(scoped)}
  WITH t WHERE ${statusOf("t")} <> 'DONE'
  WITH collect(t) AS open
  CALL (open) {
    UNWIND open AS a
    MATCH (a)-[:DEPENDS_ON]->(b:Task)
    RETURN collect([a.id, b.id]) AS edges // edges to tasks outside the open set are dropped by longestChain
  }
  RETURN [t IN open | [t.id, toString(t.deadline)]] AS open, edges`;

/** The tasks of a chain, in order, with today's owners. */
export const CHAIN_TASKS = `
  UNWIND range(0, size($ids) - 1) AS i
  MATCH (t:Task {id: $ids[i]})
  ${leadsToday("t", "owners")}
  WITH i, t, owners ORDER BY i
  RETURN collect({task: ${taskView("t")}, owners: owners}) AS tasks`;

/**
 * A page of the tasks under a directive that wait, directly or not, on overdue work, with the
 * total: whether a task is blocked stops at its first overdue blocker; the blockers
 * themselves are listed for the page only.
 */
export const BLOCKED_BY_OVERDUE = `
  ${scopeTasks(true)}
  WITH t WHERE EXISTS { MATCH (t)-[:DEPENDS_ON*]->(u:Task) WHERE ${statusOf("u")} = 'OVERDUE' }
  WITH t ORDER BY ${naturalOrder("t")}
  WITH collect(t) AS blocked
  CALL (blocked) {
    UNWIND blocked[$offset..$offset + $limit] AS t
    CALL (t) {
      MATCH (t)-[:DEPENDS_ON*]->(u:Task) // every task upstream, each once (a pruning expand: no bound needed)
      WITH DISTINCT u WHERE ${statusOf("u")} = 'OVERDUE'
      WITH u ORDER BY ${naturalOrder("u")}
      RETURN collect(${taskView("u")}) AS overdueBlockers
    }
    RETURN collect({task: ${taskView("t")}, overdueBlockers: overdueBlockers}) AS items
  }
  RETURN size(blocked) AS total, items`;

// ---------------------------------------------------------------- deadlines

/**
 * Tasks with a deadline in [$from, $to], anchored on what narrows them most: the agency's
 * tasks (inherited included), the directive's, or the deadline index. Status as of $asOf,
 * optionally filtered; the total and a page by deadline, each with origin and today's leads.
 */
export const deadlinesQuery = (anchor: "ALL" | "AGENCY" | "DOCUMENT" | "AGENCY_AND_DOCUMENT") => `
  ${anchor === "ALL" ? "MATCH (t:Task) WHERE t.deadline >= date($from) AND t.deadline <= date($to)" : ""}
  ${anchor === "DOCUMENT" ? `${scopeTasks(true)} WITH t WHERE t.deadline >= date($from) AND t.deadline <= date($to)` : ""}
  ${anchor === "AGENCY" || anchor === "AGENCY_AND_DOCUMENT" ? `
    ${AGENCY}
    CALL (a, preds) {
      UNWIND [a] + preds AS o
      MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o)
      WHERE t.deadline >= date($from) AND t.deadline <= date($to)
      RETURN DISTINCT t
    }` : ""}
  ${anchor === "AGENCY_AND_DOCUMENT" ? `
    ${matchById("root", "$scope", ROOT_LABELS, ["t"])}
    WITH t, root WHERE EXISTS { (t)-[:${UNDER}]->{1,${TRACE_MAX_HOPS}}(root) }` : ""}
  // the status of every matching task only when filtering by it: the page's come with its view
  WITH t WHERE $status IS NULL OR ${statusOf("t")} = $status
  WITH t ORDER BY t.deadline, ${naturalOrder("t")}
  WITH collect(t) AS matched
  CALL (matched) {
    UNWIND matched[$offset..$offset + $limit] AS t
    ${originOf("t", "origin")}
    ${leadsToday("t", "owners")}
    RETURN collect({task: ${taskView("t")}, origin: origin, owners: owners}) AS items
  }
  RETURN size(matched) AS total, items`;

// ---------------------------------------------------------------- connections

/**
 * Shortest paths between two entities, over every relationship but provenance (SOURCED_FROM
 * would join everything through the Source nodes), in either direction.
 */
export const CONNECTIONS = `
  ${matchById("a", "$from", ENTITY_LABELS)}
  ${matchById("b", "$to", ENTITY_LABELS, ["a"])}
  MATCH p = allShortestPaths((a)-[*..${CONNECTION_MAX_HOPS}]-(b))
  WHERE length(p) <= $maxHops AND none(r IN relationships(p) WHERE type(r) = 'SOURCED_FROM')
    AND none(n IN nodes(p) WHERE n:Source)
  WITH p LIMIT $limit
  RETURN [n IN nodes(p) | {id: n.id, type: ${typeOf("n")}, titleVi: coalesce(n.titleVi, n.nameVi), titleEn: coalesce(n.titleEn, n.nameEn)}] AS nodes,
    [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, sourceId: r.sourceId, quote: r.quote, trust: r.trust}] AS edges`;

export const ENTITY_EXISTS = `${matchById("n", "$id", ENTITY_LABELS)} RETURN ${typeOf("n")} AS type`;

// ---------------------------------------------------------------- dashboard panels

/**
 * Tasks `t` a dashboard counts: those in scope ($scope, or all), and with $agencyId those the
 * agency leads or coordinates as of $asOf, directly or through its predecessors (the tasks of
 * its workload). The agency is the anchor when given: its tasks are fewer than a directive's.
 */
const dashboardTasks = (scoped: boolean, agency: boolean) =>
  !agency
    ? scopeTasks(scoped)
    : `${scoped ? matchById("root", "$scope", ROOT_LABELS) : ""}
  MATCH (a:Agency {id: $agencyId})
  ${predecessorsOf("a", "preds")}
  CALL (a, preds) { UNWIND [a] + preds AS o MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o) RETURN DISTINCT t }
  ${scoped ? `WITH t WHERE EXISTS { (t)-[:${UNDER}*1..${TRACE_MAX_HOPS}]->(root) }` : ""}
  WITH DISTINCT t`;

/** A group's counts over rows (t, status), one map per group, largest first. */
const groupRows = (key: string) => `
  WITH ${key} AS group, count(DISTINCT t) AS total, count(DISTINCT CASE WHEN status = 'DONE' THEN t END) AS done,
    count(DISTINCT CASE WHEN status = 'OVERDUE' THEN t END) AS overdue
  WITH {group: group, total: total, done: done, overdue: overdue, completionRate: round(toFloat(done) / total, 3)} AS row
  ORDER BY total DESC, group.id`;

/**
 * `leadRows`, computed once for the panels that group by agency: each task with each of its
 * lead agencies as of $asOf, {t, status, c}. Successions are followed once per agency and
 * status, not once per task; a task led by a ministry and its predecessor meets their
 * successor twice, so the panels count DISTINCT t.
 */
const LEAD_ROWS = `CALL (rows) {
    UNWIND rows AS r WITH r.t AS t, r.status AS status
    MATCH (t)-[:LED_BY]->(a:Agency)
    WITH a, status, collect(t) AS ts
    ${todayOf("a", "today")}
    UNWIND today AS c
    UNWIND ts AS t
    RETURN collect({t: t, status: status, c: c}) AS leadRows
  }`;

/** Each panel over rows (t, status): its rows as maps (`row`), in their order. */
const PANEL_ROWS = {
  byStatus: `WITH status, count(*) AS count WITH {status: status, count: count} AS row ORDER BY status`,
  byAgency: `
    WITH c, status, count(DISTINCT t) AS count
    WITH {agency: ${agencyView("c")}, status: status, count: count} AS row ORDER BY c.id, status`,
  byDeadlineMonth: `
    WITH t, status WHERE t.deadline IS NOT NULL
    WITH substring(toString(t.deadline), 0, 7) AS month, status
    WITH month, count(*) AS total, sum(CASE WHEN status = 'DONE' THEN 1 ELSE 0 END) AS done,
      sum(CASE WHEN status = 'OVERDUE' THEN 1 ELSE 0 END) AS overdue
    WITH {month: month, total: total, done: done, overdue: overdue} AS row ORDER BY month`,
  bySection: `
    CALL (t) { RETURN ${nearestSection("t")} AS section }
    WITH t, status, section WHERE section IS NOT NULL
    ${groupRows("section")}`,
  byTechnologyGroup: `
    MATCH (t)-[:CONCERNS]->(g:TechnologyGroup)
    ${groupRows("g {.id, titleVi: g.nameVi, titleEn: g.nameEn}")}`,
  completionByDocument: `
    ${originOf("t", "origin")}
    WITH t, status, origin WHERE origin IS NOT NULL
    ${groupRows("origin")}`,
  completionByAgency: `
    ${groupRows("c {.id, titleVi: c.nameVi, titleEn: c.nameEn}")}`,
};

/** The panels over leadRows (t, status, c) rather than rows (t, status). */
const BY_LEAD = new Set<string>(["byAgency", "completionByAgency"]);

export type TaskPanel = keyof typeof PANEL_ROWS | "total";
export const TASK_PANELS = [...Object.keys(PANEL_ROWS), "total"] as TaskPanel[];

/**
 * The panels asked, in one statement: the tasks counted (dashboardTasks), each task's status
 * as of $asOf computed once (and its lead agencies today once, if a panel groups by them),
 * then each panel an aggregation over those rows. One column per
 * panel, each a list of maps (`total` a number).
 */
export const dashboardQuery = (panels: readonly TaskPanel[], scoped: boolean, agency: boolean) => `
  ${dashboardTasks(scoped, agency)}
  WITH collect({t: t, status: ${statusOf("t")}}) AS rows
  ${panels.some((p) => BY_LEAD.has(p)) ? LEAD_ROWS : ""}
  ${panels.filter((p) => p !== "total").map((p) => (BY_LEAD.has(p)
    ? `CALL (leadRows) {
    UNWIND leadRows AS r WITH r.t AS t, r.status AS status, r.c AS c`
    : `CALL (rows) {
    UNWIND rows AS r WITH r.t AS t, r.status AS status`) + `
    ${PANEL_ROWS[p as keyof typeof PANEL_ROWS]}
    RETURN collect(row) AS ${p}
  }`).join("\n  ")}
  RETURN ${panels.map((p) => (p === "total" ? "size(rows) AS total" : p)).join(", ")}`;

/** Targets by horizon, each counted for its monitoring agencies as of $asOf. */
export const TARGETS_BY_HORIZON = `
  MATCH (g:Target)
  WITH g.year AS year, collect(g) AS targets
  CALL (targets) {
    UNWIND targets AS g
    MATCH (g)-[:MONITORED_BY]->(a:Agency)
    ${todayOf("a", "today")}
    UNWIND today AS c
    WITH c, count(DISTINCT g) AS count ORDER BY count DESC, c.id
    RETURN collect({agency: ${agencyView("c")}, count: count}) AS byMonitoringAgency
  }
  RETURN year, size(targets) AS total, byMonitoringAgency ORDER BY year IS NULL, year`;
