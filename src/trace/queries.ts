// The Cypher of the trace: one statement per question, parameterised. Relationship types
// here are constants of the model, never user input.

/** Bounds of every traversal in the trace. */
export const TRACE_MAX_HOPS = 8;
export const DEPENDENCY_MAX_HOPS = 10;
export const SUCCESSION_MAX_HOPS = 5;

export const taskView = (v: string, more = "") =>
  `${v} {.id, .titleVi, .titleEn, deadline: toString(${v}.deadline), .deadlineText, .status, statusAsOf: toString(${v}.statusAsOf), ` +
  `fulfilledOn: toString(COLLECT { MATCH (${v})-[:FULFILLED_BY]->(doc:Document) WHERE doc.issuedOn IS NOT NULL RETURN doc.issuedOn ORDER BY doc.issuedOn LIMIT 1 }[0])${more}}`;
export const agencyView = (v: string) => `${v} {.id, .nameVi, .nameEn, .kind, .abbreviation}`;

/** Owners of \`t\` through one relationship type, each with the owner(s) it has become as of $asOf. */
export const owners = (relType: "LED_BY" | "COORDINATED_WITH" | "MONITORED_BY", as: string) => `
  CALL (t) {
    MATCH (t)-[:${relType}]->(a:Agency)
    CALL (a) {
      MATCH (a)-[s:SUCCEEDED_BY]->{0,${SUCCESSION_MAX_HOPS}}(cur:Agency)
      WHERE all(r IN s WHERE r.main AND (r.date IS NULL OR r.date <= date($asOf)))
        AND NOT EXISTS { (cur)-[r:SUCCEEDED_BY]->() WHERE r.main AND (r.date IS NULL OR r.date <= date($asOf)) }
      RETURN collect(DISTINCT ${agencyView("cur")}) AS today
    }
    RETURN collect({assigned: ${agencyView("a")}, today: today}) AS ${as}
  }`;

const UNDER_ROOT = `
  MATCH (root {id: $id}) WHERE root:Document OR root:Section OR root:Task OR root:Event
  MATCH p = SHORTEST 1 (t:Task)-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED]->{0,${TRACE_MAX_HOPS}}(root)
  WHERE t <> root`;

/** The root of a trace (a Document, Section or Task) and how many tasks stand under it. */
export const FIND_ROOT = `
  MATCH (root {id: $id}) WHERE root:Document OR root:Section OR root:Task OR root:Event
  CALL (root) {
    MATCH (t:Task)-[:PART_OF|IMPLEMENTS|AMENDS|ASSIGNED_AT|REVIEWED]->{1,${TRACE_MAX_HOPS}}(root)
    RETURN count(DISTINCT t) AS total
  }
  RETURN root.id AS id, labels(root)[0] AS type, root.titleVi AS titleVi, root.titleEn AS titleEn, total`;

/**
 * Every task under a directive: through PART_OF at any depth, through documents (and
 * sections) that IMPLEMENT or AMEND it, and through meetings that REVIEWED it. Each task comes
 * with its shortest path from the root, its owners as assigned and as of $asOf, its direct
 * dependencies and every task upstream of it (status is decided by the caller).
 */
export const TRACE_TASKS = `
  ${UNDER_ROOT}
  // Natural order within a parent: "#2" before "#10" (shorter ids first, then by text).
  WITH t, p ORDER BY length(p), nodes(p)[1].id, size(t.id), t.id SKIP $offset LIMIT $limit
  CALL (t, p) {
    ${owners("LED_BY", "leads")}
    ${owners("COORDINATED_WITH", "coordinators")}
    CALL (t) {
      MATCH (t)-[d:DEPENDS_ON]->(u:Task)
      RETURN collect({task: ${taskView("u")}, kind: d.kind, rationale: d.rationale, sourceId: d.sourceId, quote: d.quote}) AS dependsOn
    }
    CALL (t) {
      MATCH (t)-[:DEPENDS_ON]->{1,${DEPENDENCY_MAX_HOPS}}(u:Task)
      RETURN collect(DISTINCT ${taskView("u")}) AS upstream
    }
    RETURN ${taskView("t", ", .output, .recurring, .statusSourceId, .ownerTextVi")} AS task,
      [n IN reverse(nodes(p)) | {id: n.id, type: labels(n)[0], titleVi: coalesce(n.titleVi, n.nameVi), titleEn: coalesce(n.titleEn, n.nameEn)}] AS path,
      [r IN reverse(relationships(p)) | type(r)] AS pathTypes,
      leads, coordinators, dependsOn, upstream
  }
  RETURN task, path, pathTypes, leads, coordinators, dependsOn, upstream`;

/** The citations of many nodes at once (one round trip for a whole page of tasks). */
export const CITATIONS_OF = `
  UNWIND $ids AS id
  MATCH (n {id: id})-[c:SOURCED_FROM]->(s:Source)
  WHERE n:Task OR n:Document OR n:Section
  RETURN id, collect({sourceId: s.id, file: s.file, quote: c.quote, trust: c.trust, note: c.note}) AS citations`;
