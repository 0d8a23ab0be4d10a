// Writing reports and figures: one transaction per call, whether it holds one report (a
// mutation) or a whole file (npm run import:reports). Inside it, in this order:
//   1. the write order is locked (one node), so writes are serialised and numbered: a later
//      write has a larger sequence, and concurrent reports on one task all land, in order;
//   2. what the graph holds about each subject on each report's date is read (Facts);
//   3. every row is judged by the rules of rules.ts; any refusal rolls the whole call back;
//   4. the reports and their relationships are created, then one audit entry for the call (a
//      report, or a whole file: its rows' lines, in the order of the ids written), and the write
//      order's record (its counts: what the seed check expects of this load) is updated.
// One entry per call rather than per report: a report holds its own input (status, note, who
// submitted it, the request), and an entry per row was 40% of an import's transaction memory.
// Nothing is ever updated or deleted here: a correction is a new report that supersedes.
import neo4j from "neo4j-driver";

import type { Identity } from "../auth/index.js";
import { graphChanged } from "../db/answers.js";
import { inWriteTransaction, type Db, type Tx } from "../db/gateway.js";
import { AppError } from "../errors/index.js";
import {
  CREATE_AUDIT, CREATE_INDICATORS, CREATE_REPORTS, INDICATOR_FACTS, LOCK_WRITES, PROGRESS_FACTS, RECORD_WRITES, REPORTS_LOAD, WRITES_SO_FAR,
} from "./queries.js";
import { decide, scopedKey, type Facts, type IndicatorInput, type ProgressInput } from "./rules.js";

/** Where a row came from, for its errors: "reports.csv:12". */
export interface Row<I> { input: I; at?: string }
export interface Written { id: string; repeat: boolean }
export type Action = "reportProgress" | "reportIndicator" | "import";
export interface Writer {
  db: Db; identity: Identity; requestId: string; action: Action;
  /** rows judged (their facts read), then reports written, so far */
  onProgress?: (done: number, total: number, phase: "judging" | "writing") => void;
  /** judge every row and write nothing (the transaction is rolled back): an import whose file has other problems tells them all at once */
  judgeOnly?: boolean;
  /** the file an import reads (its audit entry names it, and the line of each report written) */
  file?: string;
}

/** A count or order as a Cypher INTEGER (a JS number would be stored as a FLOAT, against the SDL's Int). */
const int = (n: number | null | undefined) => (n == null ? null : neo4j.int(n));

/** Rows sent to Neo4j per statement: big enough to be fast, small enough to keep each statement's memory modest. */
const BATCH = 5_000;

/** Every refused row of a file, each as "file:line: what is wrong". */
export class BatchRefused extends AppError {
  constructor(readonly problems: string[]) {
    super("BAD_USER_INPUT", `${problems.length} row${problems.length === 1 ? "" : "s"} refused, nothing written:\n${problems.slice(0, 50).join("\n")}${problems.length > 50 ? `\n… and ${problems.length - 50} more` : ""}`, { problems });
  }
}

interface Kind<I> {
  what: "task" | "target";
  facts: (owners: boolean) => string;
  create: string;
  subjectId(input: I): string;
  factRow(input: I, key: string | null, agencyId: string | null): Record<string, unknown>;
  idOf(sequence: number): string;
  props(input: I, sequence: number, w: Writer, key: string | null): Record<string, unknown>;
  links(input: I, agencyId: string | null): Record<string, unknown>;
  relationships(input: I, agencyId: string | null): number;
}

const progressKind: Kind<ProgressInput> = {
  what: "task",
  facts: PROGRESS_FACTS,
  create: CREATE_REPORTS,
  subjectId: (i) => i.taskId,
  factRow: (i, key, agencyId) => ({ taskId: i.taskId, agencyId, supersedes: i.supersedes ?? null, documentId: i.evidence?.documentId ?? null, key }),
  idOf: (n) => `report:${n}`,
  props: (i, sequence, w, key) => ({
    status: i.status, percent: int(i.percent), note: i.note ?? null, evidenceUrl: i.evidence?.url ?? null,
    submittedBy: w.identity.subject, sequence: int(sequence), trust: "REPORTED", requestId: w.requestId, idempotency: key,
  }),
  links: (i, agencyId) => ({ taskId: i.taskId, agencyId, documentId: i.evidence?.documentId ?? null, supersedes: i.supersedes ?? null }),
  relationships: (i, agencyId) => 1 + (agencyId ? 1 : 0) + (i.evidence?.documentId ? 1 : 0) + (i.supersedes ? 1 : 0),
};

const indicatorKind: Kind<IndicatorInput> = {
  what: "target",
  facts: INDICATOR_FACTS,
  create: CREATE_INDICATORS,
  subjectId: (i) => i.targetId,
  factRow: (i, key, agencyId) => ({ targetId: i.targetId, agencyId, key }),
  idOf: (n) => `indicator:${n}`,
  props: (i, sequence, w, key) => ({
    value: i.value, valueText: `${i.value}${i.unit ? ` ${i.unit}` : ""}`, unit: i.unit ?? null, period: i.period ?? null,
    sourceUrl: i.sourceUrl ?? null, submittedBy: w.identity.subject, sequence: int(sequence), trust: "REPORTED", requestId: w.requestId, idempotency: key,
  }),
  links: (i, agencyId) => ({ targetId: i.targetId, agencyId }),
  relationships: (_i, agencyId) => 1 + (agencyId ? 1 : 0),
};

export const writeProgress = (w: Writer, rows: Row<ProgressInput>[]) => writeRows(w, progressKind, rows);
export const writeIndicators = (w: Writer, rows: Row<IndicatorInput>[]) => writeRows(w, indicatorKind, rows);

/** The agency a row's facts are read for: the reporter's own, or the one a curator names. */
const agencyOf = (identity: Identity, input: { agencyId?: string }) => (identity.role === "CURATOR" ? input.agencyId ?? null : identity.agencyId);

async function writeRows<I extends { reportedOn: string; agencyId?: string; supersedes?: string; idempotencyKey?: string; note?: string }>(
  w: Writer, kind: Kind<I>, rows: Row<I>[],
): Promise<Written[]> {
  if (rows.length === 0) return [];
  const results = await inWriteTransaction(w.db, `reports.${w.action}`, async (tx) => {
    await tx.run("reports.lock", LOCK_WRITES, { key: REPORTS_LOAD });
    const [so] = await tx.run("reports.writesSoFar", WRITES_SO_FAR, { key: REPORTS_LOAD });
    let sequence = Number(so!.get("writes"));
    const firstSequence = sequence + 1;
    const facts = await readFacts(tx, kind, w, rows);

    const problems: { at?: string; error: AppError }[] = [];
    const results: Written[] = new Array(rows.length);
    const planned: Record<string, unknown>[] = [];
    const keys = new Map<string, { subjectId: string; id: string }>();
    const superseded = new Map<string, string>();
    const agencies = new Set<string | null>();
    let relationships = 0;
    rows.forEach((row, i) => {
      const { input } = row;
      const key = scopedKey(w.identity, input.idempotencyKey);
      const subjectId = kind.subjectId(input);
      try {
        // A key repeated within one call: its first row's report again, as from an earlier call.
        const earlier = key ? keys.get(key) : undefined;
        const f: Facts = earlier ? { ...facts[i]!, repeat: earlier } : facts[i]!;
        if (input.supersedes && f.supersedes && !f.supersedes.supersededBy && superseded.has(input.supersedes)) {
          f.supersedes = { ...f.supersedes, supersededBy: superseded.get(input.supersedes)! };
        }
        const d = decide(kind.what, input, subjectId, f, w.identity);
        if (d.kind === "repeat") { results[i] = { id: d.id, repeat: true }; return; }
        const id = kind.idOf(++sequence);
        if (key) keys.set(key, { subjectId, id });
        if (input.supersedes) superseded.set(input.supersedes, id);
        results[i] = { id, repeat: false };
        relationships += kind.relationships(input, d.agencyId);
        agencies.add(d.agencyId ?? w.identity.agencyId);
        planned.push({ id, at: row.at, subjectId, input, reportedOn: input.reportedOn, ...kind.links(input, d.agencyId), props: kind.props(input, sequence, w, key) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        problems.push({ at: row.at, error: err });
      }
    });
    if (problems.length) {
      if (rows.length === 1 && rows[0]!.at === undefined) throw problems[0]!.error;
      throw new BatchRefused(problems.map((p) => `${p.at ?? "input"}: ${p.error.message}`));
    }
    if (w.judgeOnly) throw new Judged(results);
    for (let start = 0; start < planned.length; start += BATCH) {
      await tx.run(`reports.create`, kind.create, { rows: planned.slice(start, start + BATCH).map(({ at: _at, subjectId: _s, input: _i, ...row }) => row) });
      w.onProgress?.(Math.min(start + BATCH, planned.length), planned.length, "writing");
    }
    if (planned.length) {
      const one = planned.length === 1 && w.file === undefined ? planned[0]! : undefined;
      await tx.run("reports.auditEntry", CREATE_AUDIT, {
        audit: {
          id: `audit:${firstSequence}`, sequence: int(firstSequence), actor: w.identity.subject, role: w.identity.role,
          agencyId: agencies.size === 1 ? [...agencies][0] : w.identity.agencyId, action: w.action, requestId: w.requestId,
          written: planned.map((p) => p.id), subjectId: one ? one.subjectId : w.file ?? null,
          input: one ? JSON.stringify(one.input) : JSON.stringify({ file: w.file ?? null, rows: rows.length, lines: planned.map((p) => lineOf(p.at as string | undefined)) }),
        },
      });
      await tx.run("reports.record", RECORD_WRITES, { key: REPORTS_LOAD, writes: int(sequence), nodes: int(planned.length), relationships: int(relationships) });
    }
    return results;
  }).catch((err: unknown) => {
    if (err instanceof Judged) return err.results;
    throw err;
  });
  if (!w.judgeOnly && results.some((r) => !r.repeat)) graphChanged(w.db);
  return results;
}

/** The line of a row's "file:line" (null when it came from no file). */
const lineOf = (at: string | undefined): number | null => {
  const m = at === undefined ? null : /:(\d+)$/.exec(at);
  return m ? Number(m[1]) : null;
};

/** Thrown out of a judgeOnly transaction, so that it rolls back, carrying what would have been written. */
class Judged extends Error {
  constructor(readonly results: Written[]) { super("judged only"); }
}

/**
 * Facts for every row, one statement per batch: per report date and batch for a reporter
 * (its rows' owners depend on the date), per batch alone for a curator, whose rows need no
 * owners (rules.ts decide): an import of a monitoring system's export spans many dates.
 */
async function readFacts<I extends { reportedOn: string; agencyId?: string; idempotencyKey?: string }>(tx: Tx, kind: Kind<I>, w: Writer, rows: Row<I>[]): Promise<Facts[]> {
  const { identity } = w;
  const owners = identity.role !== "CURATOR";
  const cypher = kind.facts(owners);
  const facts: Facts[] = new Array(rows.length);
  const byDate = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const on = owners ? rows[i]!.input.reportedOn : "any";
    const same = byDate.get(on);
    if (same) same.push(i);
    else byDate.set(on, [i]);
  }
  let judged = 0;
  for (const [asOf, indexes] of byDate) {
    for (let start = 0; start < indexes.length; start += BATCH) {
      const chunk = indexes.slice(start, start + BATCH).map((i) => {
        const input = rows[i]!.input;
        return { i, ...kind.factRow(input, scopedKey(identity, input.idempotencyKey), agencyOf(identity, input)) };
      });
      for (const r of await tx.run(`reports.facts`, cypher, { rows: chunk, asOf: owners ? asOf : null })) {
        const i = Number(r.get("i"));
        facts[i] = {
          subject: r.get("subject") as Facts["subject"],
          start: (r.get("start") as string | null) ?? null,
          owners: (r.get("owners") as Facts["owners"]) ?? [],
          agency: r.get("agency") as Facts["agency"],
          supersedes: r.has("supersedes") ? (r.get("supersedes") as Facts["supersedes"]) : undefined,
          evidence: r.has("evidence") && rows[i]!.input && (rows[i]!.input as { evidence?: { documentId?: string } }).evidence?.documentId
            ? (r.get("evidence") as Facts["evidence"]) : undefined,
          repeat: r.get("repeat") as Facts["repeat"],
        };
      }
      judged += chunk.length;
      w.onProgress?.(judged, rows.length, "judging");
    }
  }
  return facts;
}
