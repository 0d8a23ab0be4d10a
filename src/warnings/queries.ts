// The Cypher of the warnings: one statement counts every warning by kind and returns the page
// asked for, each kind a branch anchored on what narrows it — the deadline index (due soon,
// overdue), the OVERDUE reports, dissolved agencies (Agency.dissolvedOn), dated figures
// (Indicator.asOf) — or, for one agency or one directive, on its tasks and targets. Built from
// the shared fragments; the kinds asked choose branches from a fixed table, never user text.
import {
  ROOT_LABELS, TRACE_MAX_HOPS, UNDER, agencyView, isCurrent, leadsToday, matchById, naturalOrder, predecessorsOf, reportOf, statusOf,
  taskSetUnder, taskView, todayOf,
} from "../cypher/fragments.js";

/** The kinds in the order of the enum (WarningKind): the order of a page. */
export const WARNING_KINDS = ["DUE_SOON_UNREPORTED", "OVERDUE", "ORPHANED_OWNER", "TARGET_OFF_TRACK", "BLOCKED_BY_OVERDUE"] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export interface Scope { agency: boolean; document: boolean }
const scoped = (s: Scope) => s.agency || s.document;

/**
 * The scope's tasks `ts` and targets `gs`: those agency $agencyId leads or coordinates (or
 * monitors), itself or a predecessor whose role it holds as of $asOf, and/or those under
 * $documentId. Nothing when neither is asked (each branch then anchors itself).
 */
const SCOPE = (s: Scope) => {
  if (!scoped(s)) return "";
  const agency = `
  MATCH (a:Agency {id: $agencyId})
  ${predecessorsOf("a", "preds")}
  CALL (a, preds) {
    UNWIND [a] + preds AS o
    MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o)
    RETURN collect(DISTINCT t) AS ts
  }
  CALL (a, preds) {
    UNWIND [a] + preds AS o
    MATCH (g:Target)-[:MONITORED_BY]->(o)
    RETURN collect(DISTINCT g) AS gs
  }`;
  if (!s.document) return `${agency}
  WITH ts, gs`;
  const document = s.agency
    ? `
  ${matchById("root", "$documentId", ROOT_LABELS, ["ts", "gs"])}
  CALL (root, ts) { UNWIND ts AS t WITH t WHERE EXISTS { (t)-[:${UNDER}]->{1,${TRACE_MAX_HOPS}}(root) } RETURN collect(t) AS under }
  CALL (root, gs) { UNWIND gs AS g WITH g WHERE EXISTS { (g)-[:${UNDER}]->{1,${TRACE_MAX_HOPS}}(root) } RETURN collect(g) AS targetsUnder }
  WITH under AS ts, targetsUnder AS gs`
    : `
  ${matchById("root", "$documentId", ROOT_LABELS)}
  CALL (root) { ${taskSetUnder("root")} RETURN collect(t) AS ts }
  CALL (root) { MATCH (root)<-[:${UNDER}*1..${TRACE_MAX_HOPS}]-(g:Target) RETURN collect(DISTINCT g) AS gs }
  WITH ts, gs`;
  return s.agency ? `${agency}${document}` : document;
};

/** Tasks `v` that may be OVERDUE as of $asOf: their deadline has passed, or a report says so. */
const overdueCandidates = (v: string) => `
  CALL () {
    MATCH (${v}:Task) WHERE ${v}.deadline < date($asOf) RETURN ${v}
    UNION
    MATCH (rep:ProgressReport {status: 'OVERDUE'})-[:REPORTS_ON]->(${v}:Task) WHERE rep.reportedOn <= date($asOf) RETURN ${v}
  }`;

/** The owners of task `t` (lead or coordinating) whose role nobody holds as of $asOf, with who was last to hold it. */
const orphansOf = `
  CALL (t) {
    MATCH (t)-[r:LED_BY|COORDINATED_WITH]->(o:Agency)
    ${todayOf("o", "holders")}
    WITH r, o, holders WHERE none(c IN holders WHERE c.dissolvedOn IS NULL OR c.dissolvedOn > date($asOf))
    WITH r, o, holders ORDER BY type(r) DESC, o.id
    RETURN collect({role: CASE type(r) WHEN 'LED_BY' THEN 'lead' ELSE 'coordinating' END, agency: o.nameVi, id: o.id,
      dissolvedOn: toString(o.dissolvedOn), heldBy: [c IN holders WHERE c <> o | {agency: c.nameVi, id: c.id, dissolvedOn: toString(c.dissolvedOn)}]}) AS orphans
  }`;

/**
 * Target `g`'s verdict as of $asOf by the rule of progress.ts, in Cypher: its dated figures
 * on or before $asOf, one per date (the one written last), the earliest the baseline and the
 * latest the latest; `facts` null when it cannot be told.
 */
const progressFacts = `
  CALL (g) {
    MATCH (i:Indicator)-[:MEASURES]->(g) WHERE i.asOf <= date($asOf)
    WITH i ORDER BY i.asOf, coalesce(i.sequence, 0) DESC, i.id DESC
    WITH i.asOf AS on, head(collect(i)) AS f
    WITH on, f ORDER BY on
    RETURN collect({on: on, value: toFloat(f.value)}) AS figures
  }
  WITH g, figures, CASE WHEN g.year IS NOT NULL THEN date({year: g.year, month: 12, day: 31}) END AS targetOn
  WITH g, targetOn, figures[0] AS b, figures[-1] AS l
    WHERE g.value IS NOT NULL AND size(figures) >= 2 AND targetOn IS NOT NULL AND figures[0].on < targetOn
  WITH g, targetOn, b, l, toFloat(g.value) AS tv, duration.inDays(b.on, targetOn).days AS span
  WITH g, targetOn, b, l, tv, b.value + (tv - b.value) * CASE WHEN duration.inDays(b.on, l.on).days < span THEN duration.inDays(b.on, l.on).days ELSE span END / span AS expected
  WITH g, targetOn, {baseline: b.value, baselineOn: toString(b.on), latest: l.value, latestOn: toString(l.on), targetValue: tv, targetOn: toString(targetOn), expected: expected,
    onTrack: CASE WHEN tv >= b.value THEN l.value >= expected ELSE l.value <= expected END} AS facts`;

/**
 * One branch per kind: rows (n, on, facts) — n the task or target, `on` the date a page is
 * ordered by. Every branch is in every statement, run only when its kind is in $ranks: four
 * statements in all (one per scope), each planned once.
 */
const BRANCHES: Record<WarningKind, (s: Scope) => string> = {
  DUE_SOON_UNREPORTED: (s) => `
    ${scoped(s) ? "UNWIND ts AS t WITH t WHERE" : "MATCH (t:Task) WHERE"} t.deadline >= date($asOf) AND t.deadline <= date($dueBy)
    WITH t WHERE ${statusOf("t")} <> 'DONE'
      AND NOT EXISTS { MATCH (t)<-[:REPORTS_ON]-(rep:ProgressReport) WHERE rep.reportedOn >= date($silentSince) AND rep.reportedOn <= date($asOf)
        AND NOT EXISTS { (rep)<-[:SUPERSEDES]-(:ProgressReport) } }
    RETURN t AS n, t.deadline AS on, null AS facts`,
  OVERDUE: (s) => `
    ${scoped(s) ? "UNWIND ts AS t" : overdueCandidates("t")}
    WITH t WHERE ${statusOf("t")} = 'OVERDUE'
    RETURN t AS n, t.deadline AS on, null AS facts`,
  ORPHANED_OWNER: (s) => `
    ${scoped(s) ? "UNWIND ts AS t" : `
    MATCH (d:Agency) WHERE d.dissolvedOn <= date($asOf) AND ${isCurrent("d")}
    ${predecessorsOf("d", "preds")}
    UNWIND [d] + preds AS o
    MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o)
    WITH DISTINCT t`}
    WITH t WHERE ${statusOf("t")} <> 'DONE'
    ${orphansOf}
    WITH t, orphans WHERE size(orphans) > 0
    RETURN t AS n, t.deadline AS on, {orphans: orphans} AS facts`,
  TARGET_OFF_TRACK: (s) => `
    ${scoped(s) ? "UNWIND gs AS g" : `
    MATCH (i:Indicator) WHERE i.asOf <= date($asOf)
    MATCH (i)-[:MEASURES]->(g:Target)
    WITH DISTINCT g`}
    ${progressFacts}
    WHERE NOT facts.onTrack
    RETURN g AS n, targetOn AS on, facts`,
  BLOCKED_BY_OVERDUE: (s) => `
    ${scoped(s) ? `UNWIND ts AS t
    WITH t WHERE EXISTS { MATCH (t)-[:DEPENDS_ON*]->(u:Task) WHERE ${statusOf("u")} = 'OVERDUE' }` : `${overdueCandidates("u")}
    WITH u WHERE ${statusOf("u")} = 'OVERDUE'
    MATCH (t:Task)-[:DEPENDS_ON*]->(u) // every task downstream, each once (a pruning expand)
    WITH DISTINCT t`}
    WITH t WHERE ${statusOf("t")} <> 'DONE'
    RETURN t AS n, t.deadline AS on, null AS facts`,
};

/**
 * Every warning of the kinds $ranks (indexes in WARNING_KINDS) in the scope, counted by kind,
 * and the page [$offset, $offset + $limit) by kind, then date (a task's deadline, a target's
 * end of year; none last), then id in natural order: the page as ids and facts (WARNINGS_PAGE
 * reads the rest).
 */
export const warningsQuery = (scope: Scope) => `
  ${SCOPE(scope)}
  CALL (${scoped(scope) ? "ts, gs" : ""}) {
    ${WARNING_KINDS.map((k, rank) => `
    WITH ${scoped(scope) ? "ts, gs" : "1 AS go"} WHERE ${rank} IN $ranks
    ${BRANCHES[k](scope)}, ${rank} AS rank`).join(`
    UNION ALL`)}
  }
  WITH rank, n, on, facts ORDER BY rank, on IS NULL, on, ${naturalOrder("n")}
  WITH collect({rank: rank, id: n.id, facts: facts}) AS rows
  CALL (rows) {
    UNWIND rows AS r
    WITH r.rank AS rank, count(*) AS count
    RETURN collect({rank: rank, count: count}) AS counts
  }
  RETURN size(rows) AS total, counts, rows[$offset..$offset + $limit] AS page`;

/** Today's monitoring agencies of target `g` as of $asOf, deduplicated, as `monitors`. */
const monitorsToday = `
  CALL (g) {
    MATCH (g)-[:MONITORED_BY]->(a:Agency)
    ${todayOf("a", "today")}
    UNWIND today AS c
    WITH DISTINCT c ORDER BY c.id
    RETURN collect(${agencyView("c")}) AS monitors
  }`;

/**
 * What a page of warnings shows beyond its facts: each task $taskIds as of $asOf (TaskRef),
 * its lead agencies then and its report that counts, and for those of $blockedIds the overdue
 * tasks they wait on; each target $targetIds with its monitoring agencies then.
 */
export const WARNINGS_PAGE = `
  CALL () {
    UNWIND $taskIds AS id
    MATCH (t:Task {id: id})
    ${leadsToday("t", "owners")}
    RETURN collect({id: id, task: ${taskView("t")}, owners: owners,
      lastReport: head([rep IN [${reportOf("t")}] | CASE WHEN rep IS NOT NULL THEN {on: toString(rep.reportedOn), status: rep.status} END]),
      blockers: CASE WHEN id IN $blockedIds THEN COLLECT {
        MATCH (t)-[:DEPENDS_ON*]->(u:Task) WITH DISTINCT u WHERE ${statusOf("u")} = 'OVERDUE'
        WITH u ORDER BY ${naturalOrder("u")} RETURN {id: u.id, deadline: toString(u.deadline)}
      } ELSE [] END}) AS tasks
  }
  CALL () {
    UNWIND $targetIds AS id
    MATCH (g:Target {id: id})
    ${monitorsToday}
    RETURN collect({id: id, target: g {.id, .titleVi, .titleEn}, owners: monitors}) AS targets
  }
  RETURN tasks, targets`;

export const AGENCY_EXISTS = `MATCH (a:Agency {id: $id}) RETURN a.id AS id`;
export const DOCUMENT_EXISTS = `${matchById("root", "$id", ROOT_LABELS)} RETURN root.id AS id`;

/**
 * Each target of $ids with its value, year and figures (every dated one on or before $asOf,
 * and how many have no date): what Target.progress is computed from, many targets at once.
 */
export const TARGET_FIGURES = `
  UNWIND $ids AS id
  MATCH (g:Target {id: id})
  RETURN id, g.value AS targetValue, g.year AS year,
    COLLECT { MATCH (i:Indicator)-[:MEASURES]->(g) WHERE i.asOf <= date($asOf)
      RETURN {id: i.id, value: toFloat(i.value), on: toString(i.asOf), sequence: coalesce(i.sequence, 0)} } AS figures,
    COUNT { (i:Indicator)-[:MEASURES]->(g) WHERE i.asOf IS NULL } AS undated`;
