// The Cypher of the trace: one statement per question, parameterised, built from the shared
// fragments (src/cypher/fragments.ts). A page costs what the page costs: the tasks under the
// root are found once, in one traversal, ordered and counted as node references; owners,
// dependencies and paths are computed for the page only.
import {
  ROOT_LABELS, TRACE_MAX_HOPS, UNDER, matchById, naturalOrder, owners, taskView, typeOf,
} from "../cypher/fragments.js";

/**
 * What puts a task in a trace: under a Document, Section or Event, the relationships of
 * UNDER; under a Task, also the tasks that restate it or update it (a meeting's direction
 * repeating it, a later programme's task updating it) — the same work, in another source —
 * and what is under those. Constants, chosen by the root's type.
 */
export const TRACE_UNDER = { directive: UNDER, task: `${UNDER}|RESTATES|UPDATES` } as const;
export type TraceRoot = keyof typeof TRACE_UNDER;
export const traceRootOf = (type: string): TraceRoot => (type === "Task" ? "task" : "directive");

/** The root of a trace (a Document, Section, Task or meeting). */
export const FIND_ROOT = `
  ${matchById("root", "$id", ROOT_LABELS)}
  RETURN root.id AS id, ${typeOf("root", ROOT_LABELS)} AS type, coalesce(root.titleVi, root.nameVi) AS titleVi, coalesce(root.titleEn, root.nameEn) AS titleEn`;

/**
 * Every task under a root — through PART_OF at any depth, through documents (and sections)
 * that IMPLEMENT or AMEND it, and through meetings that REVIEWED it; a Task root itself first,
 * then its restatements and updates too (TRACE_UNDER) — each once, in natural order: by
 * depth, by parent, "#2" before "#10". The ids only: the order depends on the graph, not on
 * the date, and is kept per graph version (src/db/answers.ts).
 */
export const traceOrder = (root: TraceRoot) => `
  ${matchById("root", "$id", ROOT_LABELS)}
  CALL (root) {
    MATCH p = SHORTEST 1 (root)<-[:${TRACE_UNDER[root]}]-{0,${TRACE_MAX_HOPS}}(t:Task)
    WITH t, length(p) AS depth, endNode(last(relationships(p))).id AS parentId
    WITH t ORDER BY depth, parentId, ${naturalOrder("t")}
    RETURN collect(t.id) AS ids
  }
  RETURN ids`;

/**
 * The tasks $ids of a page, in that order, each with its shortest path from the root (just
 * the root, for a Task root itself), its owners as assigned and as of $asOf, its direct
 * dependencies and every unfinished task upstream of it.
 */
export const traceTasks = (root: TraceRoot) => `
  ${matchById("root", "$id", ROOT_LABELS)}
  UNWIND range(0, size($ids) - 1) AS i
  MATCH (t:Task {id: $ids[i]})
  CALL (root, t) {
    MATCH p = SHORTEST 1 (root)<-[:${TRACE_UNDER[root]}]-{0,${TRACE_MAX_HOPS}}(t)
    RETURN [n IN nodes(p) | {id: n.id, type: ${typeOf("n")}, titleVi: coalesce(n.titleVi, n.nameVi), titleEn: coalesce(n.titleEn, n.nameEn)}] AS path,
      [r IN relationships(p) | type(r)] AS pathTypes
  }
  ${owners("LED_BY", "leads")}
  ${owners("COORDINATED_WITH", "coordinators")}
  CALL (t) {
    MATCH (t)-[d:DEPENDS_ON]->(u:Task)
    WITH d, u ORDER BY ${naturalOrder("u")}
    RETURN collect({task: ${taskView("u")}, kind: d.kind, rationale: d.rationale, sourceId: d.sourceId, quote: d.quote}) AS dependsOn
  }
  CALL (t) {
    MATCH (t)-[:DEPENDS_ON*]->(u:Task) // every task upstream, each once (a pruning expand: no bound needed)
    WITH DISTINCT u
    WITH ${taskView("u")} AS u WHERE u.status <> 'DONE'
    RETURN collect(u) AS blockedBy
  }
  WITH i, t, path, pathTypes, leads, coordinators, dependsOn, blockedBy ORDER BY i
  RETURN collect({
    task: ${taskView("t", ", .output, .recurring, .ownerTextVi, statusSourceId: COLLECT { MATCH (rep)-[:SOURCED_FROM]->(s:Source) RETURN s.id ORDER BY s.id LIMIT 1 }[0]")},
    path: path, pathTypes: pathTypes, leads: leads, coordinators: coordinators, dependsOn: dependsOn, blockedBy: blockedBy
  }) AS tasks`;

/** The citations of many nodes at once (one round trip for a whole page of tasks). */
export const CITATIONS_OF = `
  UNWIND $ids AS id
  CALL (id) {
    MATCH (n:Task {id: id}) RETURN n
    UNION ALL MATCH (n:Document {id: id}) RETURN n
    UNION ALL MATCH (n:Section {id: id}) RETURN n
  }
  MATCH (n)-[c:SOURCED_FROM]->(s:Source)
  RETURN id, collect({sourceId: s.id, file: s.file, quote: c.quote, trust: c.trust, note: c.note}) AS citations`;
