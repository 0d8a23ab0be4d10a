// Cypher fragments shared by the trace, the analyses, search and export, named once: how an
// id is looked up (always with its label, so every lookup is an index seek), what "under a
// directive" means, how a task's status as of a date is computed in the database, and the
// shapes in which tasks and agencies come back. Labels and relationship types here are
// constants of the model, never user input.

/** What a trace, a dashboard or a critical path can be rooted at. */
export const ROOT_LABELS = ["Document", "Section", "Task", "Event"] as const;
/** Every node type an analyst can name by id (provenance and bookkeeping excluded). */
export const ENTITY_LABELS = ["Document", "Section", "Task", "Target", "Indicator", "Agency", "Person", "Event", "TechnologyGroup", "TechnologyProduct"] as const;

/** Bounds of every traversal. */
export const TRACE_MAX_HOPS = 8;
export const DEPENDENCY_MAX_HOPS = 10;
export const SUCCESSION_MAX_HOPS = 5;

/** The relationships that put a task under a directive. */
export const UNDER = "PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED";

/**
 * Binds `v` to the node whose id is `key` (a parameter such as "$id", or a variable) among
 * `labels`: one index seek per label (a label-less `{id: $id}` would scan every node). No row
 * when there is none. `keep` carries variables of the enclosing query through.
 */
export const matchById = (v: string, key: string, labels: readonly string[], keep: string[] = []) => `
  CALL (${key.startsWith("$") ? "" : key}) {
    ${labels.map((l) => `MATCH (x:${l} {id: ${key}}) RETURN x`).join("\n    UNION ALL\n    ")}
  }
  WITH ${[...keep, `x AS ${v}`].join(", ")}${keep.length ? "" : " LIMIT 1"}`;

/** The node's label among `labels` (its type in answers). */
export const typeOf = (v: string, labels: readonly string[] = ENTITY_LABELS) =>
  `[l IN labels(${v}) WHERE l IN [${labels.map((l) => `'${l}'`).join(", ")}]][0]`;

/** Every task under root `r`, each once, when only the set matters (a pruning expand: cheaper than shortest paths). */
export const taskSetUnder = (r: string) => `
  MATCH (${r})<-[:${UNDER}*1..${TRACE_MAX_HOPS}]-(t:Task)
  WITH DISTINCT t`;

/** The issue date of the first document that delivered task `v` (FULFILLED_BY), or null. */
export const fulfilledOn = (v: string) =>
  `COLLECT { MATCH (${v})-[:FULFILLED_BY]->(doc:Document) WHERE doc.issuedOn IS NOT NULL RETURN doc.issuedOn ORDER BY doc.issuedOn LIMIT 1 }[0]`;

/** The day task `v` came into being: the meeting that assigned it, else the issue date of its nearest document; null when unknown. */
export const taskStart = (v: string) => `coalesce(
    COLLECT { MATCH (${v})-[:ASSIGNED_AT]->(e:Event) RETURN e.date ORDER BY e.date LIMIT 1 }[0],
    COLLECT { MATCH p = (${v})-[:PART_OF*1..${TRACE_MAX_HOPS}]->(d:Document) WHERE d.issuedOn IS NOT NULL RETURN d.issuedOn ORDER BY length(p), d.issuedOn LIMIT 1 }[0])`;

/**
 * The report that counts for task `v` as of $asOf: the latest one reported on or before that
 * day that no other report supersedes (by reportedOn, then by the order written). A task's
 * reports are its own relationships, so this is an expand from the task, never a scan.
 */
export const reportOf = (v: string) =>
  `COLLECT { MATCH (${v})<-[:REPORTS_ON]-(rep:ProgressReport) WHERE rep.reportedOn <= date($asOf) AND NOT EXISTS { (rep)<-[:SUPERSEDES]-(:ProgressReport) } ` +
  `RETURN rep ORDER BY rep.reportedOn DESC, rep.sequence DESC LIMIT 1 }[0]`;

/** The rule of src/trace/status.ts, for task `v` whose report as of $asOf is `rep` (or null). */
const statusRule = (v: string, rep: string) => `CASE
    WHEN ${rep}.status = 'DONE' THEN 'DONE'
    WHEN EXISTS { (${v})-[:FULFILLED_BY]->(doc:Document) WHERE doc.issuedOn <= date($asOf) } THEN 'DONE'
    WHEN ${v}.deadline < date($asOf) THEN 'OVERDUE'
    WHEN ${rep}.status IS NOT NULL AND ${rep}.status <> 'UNKNOWN' THEN ${rep}.status
    ELSE 'UNKNOWN' END`;

/**
 * Task `v`'s status as of $asOf, computed in the database by the rule of src/trace/status.ts
 * (which a test checks this against, task by task): DONE when its report as of then says done
 * or a document issued by then delivered it; OVERDUE when the deadline has passed otherwise;
 * else what that report says, or UNKNOWN. (The report is looked up once: `rep` is bound by a
 * one-element list comprehension.)
 */
export const statusOf = (v: string) => `head([rep IN [${reportOf(v)}] | ${statusRule(v, "rep")}])`;

/** A task as the analyses return it (TaskRef): status as of $asOf included; `more` may use `rep`, its report. */
export const taskView = (v: string, more = "") =>
  `head([rep IN [${reportOf(v)}] | ${v} {.id, .titleVi, .titleEn, deadline: toString(${v}.deadline), .deadlineText, reportedStatus: coalesce(rep.status, 'UNKNOWN'), ` +
  `statusAsOf: toString(rep.reportedOn), fulfilledOn: toString(${fulfilledOn(v)}), status: ${statusRule(v, "rep")}${more}}])`;

export const agencyView = (v: string) => `${v} {.id, .nameVi, .nameEn, .kind, .abbreviation}`;

/** A main succession of `r` in effect on $asOf. */
const effective = (r: string) => `${r}.main AND (${r}.date IS NULL OR ${r}.date <= date($asOf))`;

/** Agency `a` has not been succeeded as of $asOf. */
export const isCurrent = (a: string) => `NOT EXISTS { (${a})-[r:SUCCEEDED_BY]->(:Agency) WHERE ${effective("r")} }`;

/** The agencies that hold `a`'s role as of $asOf (itself when it was not succeeded), as `var`. */
export const todayOf = (a: string, as: string) => `
  CALL (${a}) {
    MATCH (${a})-[s:SUCCEEDED_BY]->{0,${SUCCESSION_MAX_HOPS}}(cur:Agency)
    WHERE all(r IN s WHERE ${effective("r")}) AND ${isCurrent("cur")}
    RETURN collect(DISTINCT cur) AS ${as}
  }`;

/** The agencies whose roles `a` holds as of $asOf (its predecessors), when `a` is current. */
export const predecessorsOf = (a: string, as: string) => `
  CALL (${a}) {
    MATCH (p:Agency)-[s:SUCCEEDED_BY]->{1,${SUCCESSION_MAX_HOPS}}(${a})
    WHERE all(r IN s WHERE ${effective("r")}) AND ${isCurrent(a)}
    RETURN collect(DISTINCT p) AS ${as}
  }`;

/** Owners of task `t` through one relationship type, each with who holds the role as of $asOf. */
export const owners = (relType: "LED_BY" | "COORDINATED_WITH" | "MONITORED_BY", as: string) => `
  CALL (t) {
    MATCH (t)-[:${relType}]->(a:Agency)
    ${todayOf("a", "today")}
    RETURN collect({assigned: ${agencyView("a")}, today: [c IN today | ${agencyView("c")}]}) AS ${as}
  }`;

/** Today's lead agencies of task `t` as of $asOf, deduplicated, as `as` (agency views). */
export const leadsToday = (t: string, as: string) => `
  CALL (${t}) {
    MATCH (${t})-[:LED_BY]->(a:Agency)
    ${todayOf("a", "today")}
    UNWIND today AS c
    WITH DISTINCT c ORDER BY c.id
    RETURN collect(${agencyView("c")}) AS ${as}
  }`;

/**
 * The nearest section (nearestSection) or document (originOf, else the meeting that assigned
 * the task) above task `t`, ties broken by id. PART_OF is a hierarchy, so the paths up from a
 * task are few: expanding them all and keeping the shortest is ten times cheaper, measured on
 * the national graph, than a SHORTEST 1 search per candidate (taskStart reads up the same way).
 */
export const nearestSection = (t: string) =>
  `COLLECT { MATCH p = (${t})-[:PART_OF*1..${TRACE_MAX_HOPS}]->(s:Section) RETURN s {.id, .titleVi, .titleEn} ORDER BY length(p), s.id LIMIT 1 }[0]`;

export const originOf = (t: string, as: string) => `
  CALL (${t}) {
    RETURN coalesce(
      COLLECT { MATCH p = (${t})-[:PART_OF*1..${TRACE_MAX_HOPS}]->(d:Document) RETURN d {.id, .titleVi, .titleEn} ORDER BY length(p), d.id LIMIT 1 }[0],
      COLLECT { MATCH (${t})-[:ASSIGNED_AT]->(e:Event) RETURN e {.id, titleVi: e.nameVi, titleEn: e.nameEn} ORDER BY e.id LIMIT 1 }[0]
    ) AS ${as}
  }`;

/** Natural order of tasks by id: "#2" before "#10". */
export const naturalOrder = (t: string) => `size(${t}.id), ${t}.id`;
