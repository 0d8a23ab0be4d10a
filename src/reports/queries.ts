// The Cypher of writes and of what they read, one statement per question. Every lookup is by
// id with its label (an index seek); owners on a report's date come from the shared succession
// fragments, with $asOf set to that date.
import { statusOf, taskStart, todayOf } from "../cypher/fragments.js";
import { REPORTS_LOAD } from "../seed/load.js";

export { REPORTS_LOAD };

/** The write order: one node, locked first by every write, so writes are serialised and numbered. */
export const LOCK_WRITES = `
  MERGE (m:SeedMeta {key: $key})
  ON CREATE SET m.writes = 0, m.nodes = 0, m.relationships = 0, m.status = 'complete'
  SET m.lockedAt = datetime.realtime()`;

/** Read after the lock is held, so no other write can have moved it since. */
export const WRITES_SO_FAR = `MATCH (m:SeedMeta {key: $key}) RETURN m.writes AS writes`;

export const RECORD_WRITES = `
  MATCH (m:SeedMeta {key: $key})
  SET m.writes = $writes, m.nodes = m.nodes + $nodes, m.relationships = m.relationships + $relationships, m.loadedAt = datetime.realtime()`;

const name = (v: string) => `${v} {.id, .nameVi}`;

/** The agencies that own subject `t` through `rels` on $asOf: each role as assigned, with whoever holds it then. */
const ownersOn = (rels: "LED_BY|COORDINATED_WITH" | "MONITORED_BY") => `
  CALL (t) {
    OPTIONAL MATCH (t)-[:${rels}]->(a:Agency)
    WITH a WHERE a IS NOT NULL
    ${todayOf("a", "today")}
    RETURN collect({assigned: ${name("a")}, holders: [c IN today | ${name("c")}]}) AS owners
  }`;

/**
 * What a batch of progress reports needs to be judged (rules.ts Facts), row by row. With
 * `owners` (a reporter's write, whose rows must be its agency's on their date), the rows are of
 * one date, $asOf; a curator may report on any task, so its rows need no owners, and then no
 * date: any rows can share a batch.
 */
export const PROGRESS_FACTS = (owners: boolean) => `
  UNWIND $rows AS row
  OPTIONAL MATCH (t:Task {id: row.taskId})
  ${owners ? ownersOn("LED_BY|COORDINATED_WITH") : "WITH row, t, [] AS owners"}
  OPTIONAL MATCH (ag:Agency {id: row.agencyId})
  OPTIONAL MATCH (old:ProgressReport {id: row.supersedes})
  OPTIONAL MATCH (doc:Document {id: row.documentId})
  OPTIONAL MATCH (prev:ProgressReport {idempotency: row.key})
  RETURN row.i AS i,
    CASE WHEN t IS NULL THEN null ELSE t {.id, .titleVi} END AS subject,
    toString(${taskStart("t")}) AS start,
    owners,
    CASE WHEN ag IS NULL THEN null ELSE ag {.id, .nameVi, dissolvedOn: toString(ag.dissolvedOn)} END AS agency,
    CASE WHEN old IS NULL THEN null ELSE {id: old.id,
      taskId: COLLECT { MATCH (old)-[:REPORTS_ON]->(ot:Task) RETURN ot.id }[0],
      supersededBy: COLLECT { MATCH (old)<-[:SUPERSEDES]-(n:ProgressReport) RETURN n.id ORDER BY n.sequence LIMIT 1 }[0]} END AS supersedes,
    CASE WHEN doc IS NULL THEN null ELSE {id: doc.id} END AS evidence,
    CASE WHEN prev IS NULL THEN null ELSE {id: prev.id, subjectId: COLLECT { MATCH (prev)-[:REPORTS_ON]->(pt:Task) RETURN pt.id }[0]} END AS repeat`;

/** The same for figures: the target, when it came into being (its document), its monitors on the date (for a reporter). */
export const INDICATOR_FACTS = (owners: boolean) => `
  UNWIND $rows AS row
  OPTIONAL MATCH (t:Target {id: row.targetId})
  ${owners ? ownersOn("MONITORED_BY") : "WITH row, t, [] AS owners"}
  OPTIONAL MATCH (ag:Agency {id: row.agencyId})
  OPTIONAL MATCH (prev:Indicator {idempotency: row.key})
  RETURN row.i AS i,
    CASE WHEN t IS NULL THEN null ELSE t {.id, .titleVi} END AS subject,
    toString(COLLECT { MATCH p = (t)-[:PART_OF*1..8]->(d:Document) WHERE d.issuedOn IS NOT NULL RETURN d.issuedOn ORDER BY length(p), d.issuedOn LIMIT 1 }[0]) AS start,
    owners,
    CASE WHEN ag IS NULL THEN null ELSE ag {.id, .nameVi, dissolvedOn: toString(ag.dissolvedOn)} END AS agency,
    CASE WHEN prev IS NULL THEN null ELSE {id: prev.id, subjectId: COLLECT { MATCH (prev)-[:MEASURES]->(pt:Target) RETURN pt.id }[0]} END AS repeat`;

const tag = `{trust: 'REPORTED', load: '${REPORTS_LOAD}'}`;

/** Writes a batch of judged progress reports (the call's audit entry is CREATE_AUDIT). */
export const CREATE_REPORTS = `
  UNWIND $rows AS row
  MATCH (t:Task {id: row.taskId})
  CREATE (r:ProgressReport {id: row.id})
  SET r += row.props, r.reportedOn = date(row.reportedOn), r.recordedAt = datetime.realtime(), r.load = '${REPORTS_LOAD}'
  CREATE (r)-[:REPORTS_ON ${tag}]->(t)
  WITH r, row
  CALL (r, row) {
    MATCH (a:Agency {id: row.agencyId}) CREATE (r)-[:REPORTED_BY ${tag}]->(a)
  }
  CALL (r, row) {
    MATCH (d:Document {id: row.documentId}) CREATE (r)-[:EVIDENCED_BY ${tag}]->(d)
  }
  CALL (r, row) {
    MATCH (old:ProgressReport {id: row.supersedes}) CREATE (r)-[:SUPERSEDES ${tag}]->(old)
  }
  RETURN count(r) AS written`;

/** Writes a batch of judged figures. */
export const CREATE_INDICATORS = `
  UNWIND $rows AS row
  MATCH (t:Target {id: row.targetId})
  CREATE (i:Indicator {id: row.id})
  SET i += row.props, i.nameVi = t.titleVi, i.nameEn = coalesce(t.indicator, t.titleEn),
    i.asOf = date(row.reportedOn), i.recordedAt = datetime.realtime(), i.load = '${REPORTS_LOAD}'
  CREATE (i)-[:MEASURES {trust: 'REPORTED', kind: 'STATED', load: '${REPORTS_LOAD}'}]->(t)
  WITH i, row
  CALL (i, row) {
    MATCH (a:Agency {id: row.agencyId}) CREATE (i)-[:REPORTED_BY ${tag}]->(a)
  }
  RETURN count(i) AS written`;

/** The audit entry of one write call (a mutation, or a whole import): who, when, from which request, what it wrote. */
export const CREATE_AUDIT = `
  CREATE (e:AuditEntry {id: $audit.id})
  SET e += $audit, e.at = datetime.realtime(), e.load = '${REPORTS_LOAD}'`;

/** Status as of $asOf of many tasks at once (Task.status). */
export const STATUSES = `
  UNWIND $ids AS id
  MATCH (t:Task {id: id})
  RETURN t.id AS id, ${statusOf("t")} AS status`;

const CHANGED = `
    MATCH (r:ProgressReport) WHERE r.recordedAt > $since RETURN r AS n, 'ProgressReport' AS type
    UNION ALL
    MATCH (i:Indicator) WHERE i.recordedAt > $since RETURN i AS n, 'Indicator' AS type`;

/** The writes after $since (range seeks on recordedAt), oldest first, how many there are, and the write order's last number. */
export const CHANGES = `
  OPTIONAL MATCH (m:SeedMeta {key: $key})
  CALL () { CALL () { ${CHANGED} } RETURN count(*) AS total }
  CALL () {
    CALL () { ${CHANGED} }
    WITH n, type ORDER BY n.sequence SKIP $offset LIMIT $limit
    RETURN collect({sequence: n.sequence, at: n.recordedAt, type: type, id: n.id,
      subjectId: COLLECT { MATCH (n)-[:REPORTS_ON|MEASURES]->(s) RETURN s.id }[0]}) AS items
  }
  RETURN coalesce(m.writes, 0) AS lastSequence, m.loadedAt AS lastWriteAt, total, items`;

/** The audit log, newest first; `since` and `agencyId` narrow it when given (fixed fragments, never user text). */
export const audit = (since: boolean, agency: boolean) => {
  const where = [since ? "e.at >= $since" : "", agency ? "e.agencyId = $agencyId" : ""].filter(Boolean);
  const match = `MATCH (e:AuditEntry)${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
  return `
  CALL () { ${match} RETURN count(e) AS total }
  CALL () { ${match} WITH e ORDER BY e.sequence DESC SKIP $offset LIMIT $limit RETURN collect(e {.*}) AS items }
  RETURN total, items`;
};

