// The bench's cases for the early warnings (queries/Warnings.graphql), in the shape of
// cases.ts: the question as the API asks it beside its floor, the simplest hand-written Cypher
// that gives the same answer — every warning of every kind, counted by kind, the page in the
// same order, with each entry's status and owners. Written out here on purpose, with nothing
// taken from src/cypher or src/warnings, so that a mistake there shows up as a ✗.
import { parse, valueFromASTUntyped, type OperationDefinitionNode } from "graphql";

import { todayInVietnam } from "../args/index.js";
import { namedOperations } from "../graphql/operations.js";
import type { Case, Vars } from "./cases.js";

// The answers are JSON of known shape; `any` keeps the headline extractors short.
type Data = any;

const KINDS = ["DUE_SOON_UNREPORTED", "OVERDUE", "ORPHANED_OWNER", "TARGET_OFF_TRACK", "BLOCKED_BY_OVERDUE"];
/** The page size queries/Warnings.graphql asks for. */
const PAGE = 100;

// ---------------------------------------------------------------- the rules, written out

/** Task `t`'s status on $asOf: its latest report then that nothing supersedes, a delivering document, its deadline. */
const status = (t: string) => `head([said IN [COLLECT {
      MATCH (${t})<-[:REPORTS_ON]-(r:ProgressReport) WHERE r.reportedOn <= date($asOf) AND NOT EXISTS { (:ProgressReport)-[:SUPERSEDES]->(r) }
      RETURN r ORDER BY r.reportedOn DESC, r.sequence DESC LIMIT 1 }[0]] | CASE
    WHEN said.status = 'DONE' THEN 'DONE'
    WHEN EXISTS { (${t})-[:FULFILLED_BY]->(delivery:Document) WHERE delivery.issuedOn <= date($asOf) } THEN 'DONE'
    WHEN ${t}.deadline < date($asOf) THEN 'OVERDUE'
    WHEN said.status IN ['NOT_STARTED', 'IN_PROGRESS', 'OVERDUE'] THEN said.status
    ELSE 'UNKNOWN' END])`;

const inEffect = (s: string) => `(${s}.main AND (${s}.date IS NULL OR ${s}.date <= date($asOf)))`;

/** The agencies holding agency `a`'s role on $asOf (itself when not succeeded), as a list. */
const holders = (a: string) => `COLLECT {
      MATCH (${a})-[chain:SUCCEEDED_BY*0..5]->(holder:Agency)
      WHERE all(s IN chain WHERE ${inEffect("s")}) AND NOT EXISTS { (holder)-[s2:SUCCEEDED_BY]->(:Agency) WHERE ${inEffect("s2")} }
      RETURN DISTINCT holder }`;

/** Tasks `t` (bound before) overdue on $asOf, for the whole graph: a passed deadline, or a report saying so. */
const overdueTasks = (t: string) => `
    CALL () {
      MATCH (${t}:Task) WHERE ${t}.deadline < date($asOf) RETURN ${t}
      UNION
      MATCH (:ProgressReport {status: 'OVERDUE'})-[:REPORTS_ON]->(${t}:Task) RETURN ${t}
    }
    WITH ${t} WHERE ${status(t)} = 'OVERDUE'`;

/**
 * Every warning on $asOf, for the whole graph or (agency) for what $agencyId or the agencies it
 * succeeded by then lead, coordinate or monitor: rows (k, n, on).
 */
const everyWarning = (agency: boolean) => {
  const tasks = (where: string) => (agency ? `UNWIND ts AS t WITH t WHERE ${where}` : `MATCH (t:Task) WHERE ${where}`);
  const branches = [
    `${tasks("date($asOf) <= t.deadline <= date($asOf) + duration({days: $dueWithinDays})")}
    WITH t WHERE ${status("t")} <> 'DONE' AND NOT EXISTS { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport)
      WHERE date($asOf) - duration({days: $silentDays}) <= r.reportedOn <= date($asOf) AND NOT EXISTS { (:ProgressReport)-[:SUPERSEDES]->(r) } }
    RETURN 0 AS k, t AS n, t.deadline AS on`,
    `${agency ? `UNWIND ts AS t WITH t WHERE ${status("t")} = 'OVERDUE'` : overdueTasks("t")}
    RETURN 1 AS k, t AS n, t.deadline AS on`,
    `${agency ? "UNWIND ts AS t" : `MATCH (gone:Agency) WHERE gone.dissolvedOn <= date($asOf)
    MATCH (o:Agency)-[chain:SUCCEEDED_BY*0..5]->(gone) WHERE all(s IN chain WHERE ${inEffect("s")})
    MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o)
    WITH DISTINCT t`}
    WITH t WHERE ${status("t")} <> 'DONE'
      AND EXISTS { MATCH (t)-[:LED_BY|COORDINATED_WITH]->(owner:Agency) WHERE none(h IN ${holders("owner")} WHERE h.dissolvedOn IS NULL OR h.dissolvedOn > date($asOf)) }
    RETURN 2 AS k, t AS n, t.deadline AS on`,
    `${agency ? "UNWIND gs AS g" : `MATCH (i:Indicator)-[:MEASURES]->(g:Target) WHERE i.asOf <= date($asOf) WITH DISTINCT g`}
    CALL (g) {
      MATCH (i:Indicator)-[:MEASURES]->(g) WHERE i.asOf <= date($asOf)
      WITH i ORDER BY i.asOf, coalesce(i.sequence, 0) DESC, i.id DESC
      WITH i.asOf AS day, collect(toFloat(i.value))[0] AS value ORDER BY day
      RETURN collect({day: day, value: value}) AS figures
    }
    WITH g, figures, date({year: g.year, month: 12, day: 31}) AS end
    WHERE g.value IS NOT NULL AND g.year IS NOT NULL AND size(figures) > 1 AND figures[0].day < end
    WITH g, end, figures[0] AS first, figures[-1] AS last, duration.inDays(figures[0].day, end).days AS span
    WITH g, end, first, last, first.value + (g.value - first.value) * CASE WHEN duration.inDays(first.day, last.day).days > span THEN span ELSE duration.inDays(first.day, last.day).days END / span AS line
    WHERE (g.value >= first.value AND last.value < line) OR (g.value < first.value AND last.value > line)
    RETURN 3 AS k, g AS n, end AS on`,
    `${agency ? `UNWIND ts AS t WITH t WHERE EXISTS { MATCH (t)-[:DEPENDS_ON*]->(u:Task) WHERE ${status("u")} = 'OVERDUE' }` : `${overdueTasks("u")}
    MATCH (t:Task)-[:DEPENDS_ON*]->(u)
    WITH DISTINCT t`}
    WITH t WHERE ${status("t")} <> 'DONE'
    RETURN 4 AS k, t AS n, t.deadline AS on`,
  ];
  return `
  ${agency ? `
  MATCH (a:Agency {id: $agencyId})
  OPTIONAL MATCH (p:Agency)-[chain:SUCCEEDED_BY*1..5]->(a)
  WHERE all(s IN chain WHERE ${inEffect("s")}) AND NOT EXISTS { (a)-[s2:SUCCEEDED_BY]->(:Agency) WHERE ${inEffect("s2")} }
  WITH a, collect(p) AS preds
  WITH [a] + preds AS mine
  WITH COLLECT { UNWIND mine AS o MATCH (t:Task)-[:LED_BY|COORDINATED_WITH]->(o) RETURN DISTINCT t } AS ts,
    COLLECT { UNWIND mine AS o MATCH (g:Target)-[:MONITORED_BY]->(o) RETURN DISTINCT g } AS gs` : ""}
  CALL (${agency ? "ts, gs" : ""}) {
    ${branches.join(`
    UNION ALL
    `)}
  }`;
};

const warningsFloor = (agency: boolean) => `
  ${everyWarning(agency)}
  WITH k, n, on ORDER BY k, on IS NULL, on, size(n.id), n.id
  WITH collect({k: k, n: n}) AS rows
  CALL (rows) {
    UNWIND range(0, size(rows[$offset..$offset + ${PAGE}]) - 1) AS i
    WITH i, rows[$offset + i].k AS k, rows[$offset + i].n AS n
    WITH i, k, n, CASE WHEN k = 3
        THEN COLLECT { MATCH (n)-[:MONITORED_BY]->(m:Agency) UNWIND ${holders("m")} AS h WITH DISTINCT h ORDER BY h.id RETURN h.id }
        ELSE COLLECT { MATCH (n)-[:LED_BY]->(l:Agency) UNWIND ${holders("l")} AS h WITH DISTINCT h ORDER BY h.id RETURN h.id } END AS owners
    ORDER BY i
    RETURN collect({k: k, id: n.id, status: CASE WHEN k = 3 THEN '-' ELSE ${status("n")} END, owners: owners}) AS page
  }
  RETURN size(rows) AS total, COLLECT { UNWIND rows AS r WITH r.k AS k, count(*) AS c RETURN {k: k, count: c} } AS counts, page`;

const headline = (w: { total: number; counts: string[]; page: string[] }) => w;

// ---------------------------------------------------------------- cases

/** The default values of an operation's variables, as its file declares them. */
function defaultsOf(text: string): Vars {
  const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  return Object.fromEntries((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null]));
}

/** Warnings with `variables` over the operation's defaults (agencyId or none: the floor knows those two). */
export function warningsCase(opts: { name?: string; variables?: Vars; target?: number } = {}): Case {
  const op = namedOperations().find((o) => o.name === "Warnings");
  if (!op) throw new Error("bench: no named operation Warnings in queries/");
  const variables = opts.variables ?? {};
  if (variables.documentId != null || variables.kinds != null) throw new Error("bench: the Warnings floor covers the whole graph or one agency, every kind");
  const params: Vars = { ...defaultsOf(op.text), ...variables };
  params.asOf ??= todayInVietnam();
  const agency = params.agencyId != null;
  return {
    name: opts.name ?? "Warnings",
    target: opts.target,
    operationName: "Warnings",
    query: op.text,
    variables,
    floor: { cypher: warningsFloor(agency), params },
    fromGraphQL: ({ warnings: w }: Data) => headline({
      total: w.total,
      counts: w.countsByKind.filter((c: Data) => c.count > 0).map((c: Data) => `${c.kind} ${c.count}`),
      page: w.items.map((i: Data) => `${i.kind} ${i.task?.id ?? i.target?.id} ${i.task?.status ?? "-"} ${i.owners.map((o: Data) => o.id).join(",")}`),
    }),
    fromFloor: ([r]) => headline({
      total: Number(r?.total ?? 0),
      counts: ((r?.counts ?? []) as Data[]).sort((a, b) => a.k - b.k).map((c) => `${KINDS[c.k]} ${c.count}`),
      page: ((r?.page ?? []) as Data[]).map((i) => `${KINDS[i.k]} ${i.id} ${i.status} ${i.owners.join(",")}`),
    }),
  };
}

/** The seeded graph's cases: the operation's defaults (the whole graph on 2 July 2025), and one ministry's. */
export function warningsSeedCases(): Case[] {
  return [warningsCase(), warningsCase({ name: "Warnings: Bộ Khoa học và Công nghệ", variables: { agencyId: "bo-khoa-hoc-va-cong-nghe" } })];
}

/** The national graph's cases: the whole graph, and a synthetic ministry with predecessors (cases.ts picks it). */
export function warningsNationalCases(n: { ministry: string }): Case[] {
  return [warningsCase({ name: "Warnings: whole graph" }), warningsCase({ name: "Warnings: synthetic ministry", variables: { agencyId: n.ministry } })];
}
