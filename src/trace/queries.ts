// The Cypher of the trace: one statement per question, parameterised, built from the shared
// fragments (src/cypher/fragments.ts). A page costs what the page costs: the tasks under the
// root are found once, in one traversal, ordered and counted as node references; owners,
// dependencies and paths are computed for the page only.
import {
  ROOT_LABELS, TRACE_MAX_HOPS, UNDER, matchById, naturalOrder, owners, tasksUnder, taskView, typeOf,
} from "../cypher/fragments.js";

/** The root of a trace (a Document, Section, Task or meeting). */
export const FIND_ROOT = `
  ${matchById("root", "$id", ROOT_LABELS)}
  RETURN root.id AS id, ${typeOf("root", ROOT_LABELS)} AS type, coalesce(root.titleVi, root.nameVi) AS titleVi, coalesce(root.titleEn, root.nameEn) AS titleEn`;

/**
 * Every task under a directive — through PART_OF at any depth, through documents (and
 * sections) that IMPLEMENT or AMEND it, and through meetings that REVIEWED it — each once, in
 * natural order: by depth, by parent, "#2" before "#10". The ids only: the order depends on
 * the graph, not on the date, and is kept per graph version (src/db/answers.ts).
 */
export const TRACE_ORDER = `
  ${matchById("root", "$id", ROOT_LABELS)}
  CALL (root) {
    ${tasksUnder("root")}
    WITH t ORDER BY depth, parentId, ${naturalOrder("t")}
    RETURN collect(t.id) AS ids
  }
  RETURN ids`;

/**
 * The tasks $ids of a page, in that order, each with its shortest path from the root, its
 * owners as assigned and as of $asOf, its direct dependencies and every unfinished task
 * upstream of it.
 */
export const TRACE_TASKS = `
  ${matchById("root", "$id", ROOT_LABELS)}
  UNWIND range(0, size($ids) - 1) AS i
  MATCH (t:Task {id: $ids[i]})
  CALL (root, t) {
    MATCH p = SHORTEST 1 (root)<-[:${UNDER}]-{1,${TRACE_MAX_HOPS}}(t)
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
