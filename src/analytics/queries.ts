// The Cypher of the analyses: one statement per question, parameterised, bounded.
import { DEPENDENCY_MAX_HOPS, TRACE_MAX_HOPS, agencyView, owners, taskView } from "../trace/queries.js";

export const MAX_TASK_FACTS = 10_000;
export const CONNECTION_MAX_HOPS = 6;

/**
 * The facts every dashboard and workload is computed from, one row per task (optionally only
 * the tasks under $scope): the task, its owners as assigned and as of $asOf, the document and
 * section it belongs to, the technology groups it concerns.
 */
export const TASK_FACTS = `
  CALL () {
    WITH $scope AS scope WHERE scope IS NULL
    MATCH (t:Task) RETURN t
    UNION
    WITH $scope AS scope WHERE scope IS NOT NULL
    MATCH (root {id: scope}) WHERE root:Document OR root:Section OR root:Task OR root:Event
    MATCH (t:Task)-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED]->{1,${TRACE_MAX_HOPS}}(root)
    RETURN DISTINCT t
  }
  WITH t ORDER BY t.id LIMIT ${MAX_TASK_FACTS}
  ${owners("LED_BY", "leads")}
  ${owners("COORDINATED_WITH", "coordinators")}
  RETURN ${taskView("t")} AS task, leads, coordinators,
    COLLECT { MATCH p = (t)-[:PART_OF]->{1,${TRACE_MAX_HOPS}}(d:Document) RETURN d {.id, .titleVi, .titleEn} ORDER BY length(p) LIMIT 1 }[0] AS document,
    COLLECT { MATCH (t)-[:ASSIGNED_AT]->(e:Event) RETURN e {.id, titleVi: e.nameVi, titleEn: e.nameEn} LIMIT 1 }[0] AS event,
    COLLECT { MATCH p = (t)-[:PART_OF]->{1,${TRACE_MAX_HOPS}}(s:Section) RETURN s {.id, .titleVi, .titleEn} ORDER BY length(p) LIMIT 1 }[0] AS section,
    COLLECT { MATCH (t)-[:CONCERNS]->(g:TechnologyGroup) RETURN g {.id, titleVi: g.nameVi, titleEn: g.nameEn} } AS technologies`;

/** An agency, and the agencies whose work it has inherited as of $asOf (its predecessors). */
export const AGENCY_AND_PREDECESSORS = `
  MATCH (a:Agency {id: $id})
  RETURN ${agencyView("a")} AS agency,
    COLLECT {
      MATCH (p:Agency)-[s:SUCCEEDED_BY]->{1,5}(a)
      WHERE all(r IN s WHERE r.main AND (r.date IS NULL OR r.date <= date($asOf)))
      RETURN DISTINCT ${agencyView("p")}
    } AS predecessors`;

/** Dependency edges reachable from a task, upstream (what it waits for) or downstream. */
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

/** Every DEPENDS_ON edge between the tasks of a scope (for the critical path). */
export const DEPENDENCIES_AMONG = `
  MATCH (a:Task)-[r:DEPENDS_ON]->(b:Task) WHERE a.id IN $ids AND b.id IN $ids
  RETURN a.id AS from, b.id AS to`;

/**
 * Shortest paths between two entities, over every relationship but provenance (SOURCED_FROM
 * would join everything through the Source nodes), in either direction.
 */
export const CONNECTIONS = `
  MATCH (a {id: $from}), (b {id: $to})
  WHERE NOT a:Source AND NOT b:Source AND NOT a:SeedMeta AND NOT b:SeedMeta
  MATCH p = allShortestPaths((a)-[*..${CONNECTION_MAX_HOPS}]-(b))
  WHERE length(p) <= $maxHops AND none(r IN relationships(p) WHERE type(r) = 'SOURCED_FROM')
    AND none(n IN nodes(p) WHERE n:Source)
  WITH p LIMIT $limit
  RETURN [n IN nodes(p) | {id: n.id, type: labels(n)[0], titleVi: coalesce(n.titleVi, n.nameVi), titleEn: coalesce(n.titleEn, n.nameEn)}] AS nodes,
    [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id, sourceId: r.sourceId, quote: r.quote, trust: r.trust}] AS edges`;

export const ENTITY_EXISTS = `MATCH (n {id: $id}) WHERE NOT n:Source AND NOT n:SeedMeta RETURN labels(n)[0] AS type LIMIT 1`;

/** Targets by horizon and monitoring agency (today's owner is not applied: monitoring as assigned). */
/** Every target with its horizon and its monitoring agencies as assigned and as of $asOf. */
export const TARGET_FACTS = `
  MATCH (t:Target)
  WITH t ORDER BY t.id LIMIT ${10_000}
  ${owners("MONITORED_BY", "monitors")}
  RETURN t.id AS id, t.year AS year, monitors`;
