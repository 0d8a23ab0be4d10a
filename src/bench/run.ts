// Runs the cases: each GraphQL request in-process through Apollo (as a request to /graphql
// would run, minus HTTP) and its floor straight on the driver, alternately, after checking that
// their answers agree; then the percentiles, and the table (text for the terminal, markdown for
// the README).
import neo4j from "neo4j-driver";
import { performance } from "node:perf_hooks";

import { onStatement, type Db } from "../db/gateway.js";
import { createContext } from "../graphql/context.js";
import type { App } from "../server/app.js";
import type { Case, Row, Vars } from "./cases.js";

export interface RunOptions {
  runs: number;
  warmup: number;
  /** a case stops after this many ms of timed runs once it has MIN_RUNS (slow whole-graph questions) */
  budgetMs: number;
}
const MIN_RUNS = 5;
const FLOOR_TIMEOUT_MS = 120_000;

export interface Measured {
  case: Case;
  graphql: number[];
  floor: number[];
  /** Cypher statements one GraphQL request sent (its own and the generated ones, loaders included) */
  statements: number;
  /** null when the answers agree, else where they first differ */
  difference: string | null;
  error?: string;
}

/** Whole numbers go as integers (LIMIT and slices need them), as the gateway sends them. */
const typed = (params: Vars): Vars =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" && Number.isSafeInteger(v) ? neo4j.int(v) : v]));

/** Driver values as JSON: temporal values as their ISO strings. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isTime(v) || neo4j.isLocalTime(v) || neo4j.isDuration(v)) return String(v);
  if (Array.isArray(v)) return v.map(plain);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

export type Request = Pick<Case, "query" | "operationName" | "variables">;

export async function graphql(app: App, db: Db, c: Request): Promise<unknown> {
  const res = await app.apollo.executeOperation(
    { query: c.query, operationName: c.operationName, variables: c.variables },
    { contextValue: createContext(db, c.operationName) },
  );
  if (res.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = res.body.singleResult;
  if (errors?.length) throw new Error(`GraphQL: ${errors[0]!.message}`);
  return data;
}

export async function floor(db: Db, c: Case): Promise<Row[]> {
  const { records } = await db.driver.executeQuery(c.floor.cypher, typed(c.floor.params), {
    database: db.database, routing: neo4j.routing.READ, transactionConfig: { timeout: FLOOR_TIMEOUT_MS, metadata: { app: "policy-graph", operation: `bench.floor:${c.name}` } },
  });
  return records.map((r) => plain(r.toObject()) as Row);
}

/** The first place two JSON values differ, as `path: a ≠ b`, or null. */
export function difference(a: unknown, b: unknown, path = "$"): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d) return a.length !== b.length ? `${d} (lengths ${a.length} ≠ ${b.length})` : d;
    }
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (x: unknown) => { const s = JSON.stringify(x) ?? "undefined"; return s.length > 160 ? `${s.slice(0, 160)}…` : s; };
  return `${path}: GraphQL ${show(a)} ≠ Cypher ${show(b)}`;
}

/** Checks that both answers agree, then times both, alternating which goes first. */
export async function measure(app: App, db: Db, c: Case, o: RunOptions): Promise<Measured> {
  const m: Measured = { case: c, graphql: [], floor: [], statements: 0, difference: null };
  try {
    m.difference = difference(c.fromGraphQL(await graphql(app, db, c)), c.fromFloor(await floor(db, c)));
    // counted on a second request: the first one of a process also runs the library's own checks
    const stop = onStatement(() => { m.statements++; });
    try {
      await graphql(app, db, c);
    } finally {
      stop();
    }
  } catch (err) {
    m.error = (err as Error).message;
    return m;
  }
  const steps: [number[], () => Promise<unknown>][] = [[m.graphql, () => graphql(app, db, c)], [m.floor, () => floor(db, c)]];
  let timed = 0;
  for (let i = 0; i < o.warmup + o.runs; i++) {
    for (const [times, run] of i % 2 === 0 ? steps : [...steps].reverse()) {
      const started = performance.now();
      await run();
      const elapsed = performance.now() - started;
      if (i >= o.warmup) { times.push(elapsed); timed += elapsed; }
    }
    if (m.graphql.length >= MIN_RUNS && timed > o.budgetMs) break;
  }
  return m;
}

/** Nearest-rank percentile. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.max(0, Math.ceil(p * s.length) - 1)]! : NaN;
};

// ---------------------------------------------------------------- the table

export const RATIO_TARGET = 1.5;

interface Line {
  name: string; gp50: number; gp95: number; fp50: number; fp95: number; ratio: number; statements: number; runs: number;
  agree: string; target: string;
}

function lineOf(m: Measured): Line {
  const gp50 = percentile(m.graphql, 0.5), gp95 = percentile(m.graphql, 0.95);
  const fp50 = percentile(m.floor, 0.5), fp95 = percentile(m.floor, 0.95);
  const ratio = gp50 / fp50;
  const verdicts: string[] = [];
  if (m.case.target !== undefined && !m.error) {
    verdicts.push(gp95 <= m.case.target ? `p95 ≤ ${m.case.target} ✓` : `p95 ≤ ${m.case.target} ✗ (${(gp95 / m.case.target).toFixed(1)}×)`);
    verdicts.push(ratio <= RATIO_TARGET ? `≤ ${RATIO_TARGET}× ✓` : `≤ ${RATIO_TARGET}× ✗`);
  }
  return {
    name: m.case.name, gp50, gp95, fp50, fp95, ratio, statements: m.statements, runs: m.graphql.length,
    agree: m.error ? `✗ ${m.error}` : m.difference ? `✗ ${m.difference}` : "✓",
    target: verdicts.join(", "),
  };
}

const ms = (x: number) => (Number.isNaN(x) ? "–" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const HEAD = ["case", "GraphQL p50", "p95", "Cypher p50", "p95", "ratio", "stmts", "runs", "= Cypher", "target"];
const cells = (l: Line) => [l.name, ms(l.gp50), ms(l.gp95), ms(l.fp50), ms(l.fp95), Number.isNaN(l.ratio) ? "–" : `${l.ratio.toFixed(2)}×`, String(l.statements), String(l.runs), l.agree, l.target];

export function textTable(results: Measured[]): string {
  const rows = results.map((m) => cells(lineOf(m)));
  // the agreement column holds the difference when there is one: printed below instead
  const short = rows.map((r) => r.map((x, i) => (i === 8 && x !== "✓" ? "✗ (below)" : x)));
  const widths = HEAD.map((h, i) => Math.max(h.length, ...short.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((x, i) => (i === 0 || i >= 8 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ").trimEnd();
  const notes = rows.filter((r) => r[8] !== "✓").map((r) => `  ${r[0]}: ${r[8]}`);
  return [fmt(HEAD), ...short.map(fmt), ...(notes.length ? ["", "Answers that differ from the Cypher truth:", ...notes] : [])].join("\n");
}

export function markdownTable(results: Measured[]): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  const rows = results.map((m) => cells(lineOf(m)).map(esc));
  return [`| ${HEAD.join(" | ")} |`, `|${HEAD.map((_, i) => (i === 0 || i >= 8 ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}
