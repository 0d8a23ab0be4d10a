// `npm run import:reports -- reports.csv --token <JWT>` (or POLICY_GRAPH_TOKEN, or --as-curator
// on this machine's own Neo4j): an agency's progress reports in bulk, from the CSV or JSON lines
// a monitoring system exports (src/reports/import.ts reads them). All or nothing: every row is
// judged by the rules of a single report (src/reports/write.ts) in one transaction, and one
// refused row writes nothing; every problem is named by its line. The file is read before
// Neo4j is touched. The database is the one `npm run seed` uses: the running local Neo4j of
// `npm start` (only if it is this project's), or NEO4J_URI. The bench (src/cli/benchImport.ts)
// calls importReports, as main does.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Presets, SingleBar } from "cli-progress";
import { Command, Option } from "commander";

import { todayInVietnam } from "../args/index.js";
import { createAuthenticator, type Identity } from "../auth/index.js";
import { loadConfig, type Config } from "../config/index.js";
import { openDatabase } from "../db/connect.js";
import { WRITE_TIMEOUT_MS, type Db } from "../db/gateway.js";
import { AppError } from "../errors/index.js";
import { formatOf, IMPORT_BOUNDS, IMPORT_FORMATS, parseReports, type ImportFormat, type Parsed } from "../reports/import.js";
import { BatchRefused, writeProgress } from "../reports/write.js";
import { CliError, fail } from "./output.js";

/** Problems printed on a refusal; the rest are counted. */
export const SHOWN_PROBLEMS = 100;

const nf = new Intl.NumberFormat("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- who imports

/**
 * The importer: a token verified as the service verifies it, or, with --as-curator, a curator
 * named after this machine's user: only on this machine's own Neo4j.
 */
export async function identityOf(o: { token?: string; asCurator?: boolean }, config: Config): Promise<Identity> {
  if (o.token !== undefined && o.asCurator) {
    throw new CliError("Give --token (or POLICY_GRAPH_TOKEN) or --as-curator, not both: the import is written under one identity.");
  }
  if (o.asCurator) {
    if (config.NEO4J_URI) {
      throw new CliError("--as-curator is for this machine's own Neo4j, and NEO4J_URI names a shared server, where an import needs a token (--token or POLICY_GRAPH_TOKEN).");
    }
    return { subject: `local:import:${osUser()}`, role: "CURATOR", agencyId: null };
  }
  if (o.token === undefined || o.token.trim() === "") {
    throw new CliError("Say who is importing: --token <JWT> (or POLICY_GRAPH_TOKEN), or --as-curator on this machine's own Neo4j.");
  }
  return (await createAuthenticator(config).identify(`Bearer ${o.token.trim()}`))!;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "unknown"; // no passwd entry (some containers)
  }
}

// ---------------------------------------------------------------- progress

export type Phase = "reading" | "judging" | "writing";

/** Progress of the three phases: a bar each on a terminal, plain lines elsewhere (a log, CI). */
export interface Progress { phase(name: Phase, total: number, unit: string): void; update(done: number): void; stop(): void }

export function progressOn(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    let bar: SingleBar | undefined;
    return {
      phase(name, total, unit) {
        bar?.stop();
        bar = new SingleBar({ format: `${name.padEnd(7)} {bar} {percentage}% | {value}/{total} ${unit}`, stream, hideCursor: true, formatValue: (v) => nf.format(v) }, Presets.shades_classic);
        bar.start(total, 0);
      },
      update: (done) => bar?.update(done),
      stop: () => { bar?.stop(); bar = undefined; },
    };
  }
  // One line at the start of a phase, at every further tenth, and at its end.
  let current: { name: Phase; total: number; unit: string; shown: number } | undefined;
  const line = (done: number) => {
    const c = current!;
    const pct = c.total ? Math.floor((done / c.total) * 100) : 100;
    stream.write(`${c.name}: ${pct}% (${nf.format(done)} of ${nf.format(c.total)} ${c.unit})\n`);
    c.shown = Math.floor(pct / 10);
  };
  return {
    phase(name, total, unit) { current = { name, total, unit, shown: -1 }; line(0); },
    update(done) {
      if (!current) return;
      const tenth = current.total ? Math.floor((done / current.total) * 10) : 10;
      if (tenth > current.shown) line(done);
    },
    stop() { current = undefined; },
  };
}

/** No progress at all (the bench's timing runs, tests). */
export const quiet: Progress = { phase: () => undefined, update: () => undefined, stop: () => undefined };

// ---------------------------------------------------------------- the import

export interface ImportOptions {
  file: string;
  /** csv or jsonl; by default from the file's extension */
  format?: string;
  /** `import:<uuid>` by default */
  requestId?: string;
  today?: string;
}

export interface ImportSummary {
  file: string;
  format: ImportFormat;
  requestId: string;
  identity: Identity;
  rowsRead: number;
  written: number;
  /** rows whose idempotency key was already used (by an earlier import, a request, or an earlier row): nothing new is written for them */
  repeats: number;
  /** the write order's numbers of the reports written (report:<n>), null when none was */
  firstSequence: number | null;
  lastSequence: number | null;
  ms: { reading: number; connecting: number; judging: number; writing: number; total: number };
}

/** A refused import: every problem, one per line, nothing written. */
export class ImportRefused extends CliError {
  override name = "ImportRefused";
  constructor(readonly file: string, readonly problems: string[], readonly requestId: string) {
    const shown = problems.slice(0, SHOWN_PROBLEMS);
    const more = problems.length - shown.length;
    super([
      `${file}: ${problems.length === 1 ? "1 problem" : `${nf.format(problems.length)} problems`}, so nothing was written (request ${requestId}):`,
      ...shown,
      ...(more > 0 ? [`… and ${nf.format(more)} more problem${more === 1 ? "" : "s"}`] : []),
    ].join("\n"));
  }
}

/** The file, checked before it is read: a regular file within the size bound. */
function checkFile(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CliError(`Cannot read ${file}: ${code === "ENOENT" ? "there is no such file" : code === "EACCES" ? "permission denied" : `the system refused (${code ?? String(err)})`}.`);
  }
  if (stat.isDirectory()) throw new CliError(`Cannot read ${file}: it is a folder; name the file to import.`);
  if (stat.isFile() && stat.size > IMPORT_BOUNDS.bytes) {
    throw new CliError(`${file} holds ${nf.format(stat.size)} bytes, more than the ${nf.format(IMPORT_BOUNDS.bytes)} (200 MiB) one import reads: split it.`);
  }
  return stat.isFile() ? stat.size : 0;
}

const sequenceOf = (id: string) => Number(id.slice(id.lastIndexOf(":") + 1));
const lineOf = (problem: string, file: string) => {
  const m = /^(\d+):/.exec(problem.startsWith(`${file}:`) ? problem.slice(file.length + 1) : "");
  return m ? Number(m[1]) : 0;
};

/**
 * Reads `o.file`, then (only if there is something to judge) opens the database with `connect`,
 * judges every row and writes them all in one transaction, or throws ImportRefused naming every
 * problem. What `npm run import:reports` runs, and the bench too.
 */
export async function importReports(connect: () => Promise<Db>, identity: Identity, o: ImportOptions, progress: Progress): Promise<ImportSummary> {
  const started = performance.now();
  const format = formatOf(o.file, o.format);
  const requestId = o.requestId ?? `import:${randomUUID()}`;
  const size = checkFile(o.file);

  progress.phase("reading", size, "bytes");
  let parsed: Parsed;
  try {
    parsed = await parseReports(fs.createReadStream(o.file, { highWaterMark: 1 << 20 }), {
      name: o.file, format, today: o.today ?? todayInVietnam(), onBytes: (b) => progress.update(b),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) throw new CliError(`Cannot read ${o.file}: the system refused (${code}).`);
    throw err;
  } finally {
    progress.stop();
  }
  const read = performance.now();
  const ms = { reading: read - started, connecting: 0, judging: 0, writing: 0, total: 0 };
  const summary = (written: number, repeats: number, first: number | null, last: number | null): ImportSummary => ({
    file: o.file, format, requestId, identity, rowsRead: parsed.rowsRead, written, repeats, firstSequence: first, lastSequence: last,
    ms: { ...ms, total: performance.now() - started },
  });

  if (parsed.refusedWhole) throw new ImportRefused(o.file, parsed.problems.map((p) => p.text), requestId);
  if (parsed.rows.length === 0) {
    if (parsed.problems.length) throw new ImportRefused(o.file, parsed.problems.map((p) => p.text), requestId);
    return summary(0, 0, null, null);
  }

  // Judged (and, when the file had no problem of its own, written) in one transaction.
  const db = { ...(await connect()), requestId };
  ms.connecting = performance.now() - read;
  let phase: Phase | undefined;
  let phaseStarted = performance.now();
  const onProgress = (done: number, total: number, name: "judging" | "writing") => {
    if (name !== phase) {
      if (phase) ms[phase] = performance.now() - phaseStarted;
      phase = name;
      phaseStarted = performance.now();
      progress.phase(name, total, name === "judging" ? "rows" : "reports");
    }
    progress.update(done);
  };
  const judgeOnly = parsed.problems.length > 0;
  try {
    const results = await writeProgress({ db, identity, requestId, action: "import", onProgress, judgeOnly, file: o.file }, parsed.rows);
    if (phase) ms[phase] = performance.now() - phaseStarted;
    progress.stop();
    if (judgeOnly) throw new ImportRefused(o.file, parsed.problems.map((p) => p.text), requestId);
    const written = results.filter((r) => !r.repeat).map((r) => sequenceOf(r.id));
    return summary(written.length, results.length - written.length, written.length ? Math.min(...written) : null, written.length ? Math.max(...written) : null);
  } catch (err) {
    progress.stop();
    if (err instanceof AppError && (err.code === "QUERY_TOO_LARGE" || err.code === "QUERY_TIMEOUT")) throw tooBig(o.file, parsed.rows.length, err.code, requestId);
    if (!(err instanceof BatchRefused)) throw err;
    // The file's own problems and the graph's, in the order of the file.
    const all = [...parsed.problems.map((p) => ({ line: p.line ?? 0, text: p.text })), ...err.problems.map((text) => ({ line: lineOf(text, o.file), text }))];
    all.sort((a, b) => a.line - b.line);
    throw new ImportRefused(o.file, all.map((p) => p.text), requestId);
  }
}

/**
 * An import is one transaction, so its size is bounded by what one transaction may use: its
 * memory (db.memory.transaction.max; the local Neo4j of npm start has half of NEO4J_HEAP) and its
 * time (the gateway's write timeout). Said as what to do about it.
 */
function tooBig(file: string, rows: number, code: "QUERY_TOO_LARGE" | "QUERY_TIMEOUT", requestId: string): CliError {
  const what = code === "QUERY_TOO_LARGE"
    ? "more memory than one transaction may use on this Neo4j (db.memory.transaction.max; the local Neo4j of npm start gets half of NEO4J_HEAP)"
    : `longer than the ${WRITE_TIMEOUT_MS / 1000} s one write may take`;
  return new CliError(`${file}: its ${nf.format(rows)} rows, written in one transaction, need ${what}, so nothing was written (request ${requestId}): split the file, or give the local Neo4j a larger NEO4J_HEAP.`);
}

/** The summary, as printed at the end. */
export function describeSummary(s: ImportSummary): string {
  const who = `${s.identity.subject} (${s.identity.role}${s.identity.agencyId ? ` of ${s.identity.agencyId}` : ""})`;
  if (s.rowsRead === 0) return `Nothing imported: ${s.file} has no rows${s.format === "csv" ? " under its header" : ""} (request ${s.requestId}).`;
  const { reading, connecting, judging, writing, total } = s.ms;
  return [
    `Imported ${s.file} (${s.format === "csv" ? "CSV" : "JSON lines"}) as ${who}, request ${s.requestId}:`,
    `  rows read        ${nf.format(s.rowsRead)}`,
    `  reports written  ${nf.format(s.written)}${s.firstSequence !== null ? `, sequence ${s.firstSequence} to ${s.lastSequence} (report:${s.firstSequence} … report:${s.lastSequence})` : ""}`,
    `  repeats          ${nf.format(s.repeats)}${s.repeats ? " (idempotency keys already used: the reports they first wrote stand, nothing new was written for them)" : ""}`,
    `  time             ${seconds(total)} (reading ${seconds(reading)}, ${connecting >= 50 ? `connecting ${seconds(connecting)}, ` : ""}judging ${seconds(judging)}, writing ${seconds(writing)})`,
  ].join("\n");
}

// ---------------------------------------------------------------- the command

async function main(argv: string[]): Promise<void> {
  const program = new Command("import:reports")
    .description("Import progress reports in bulk from a CSV or JSON-lines file: all rows, or none")
    .argument("<file>", "the file: .csv (a header row, then one report per row) or .jsonl/.ndjson (one JSON object per line)")
    .addOption(new Option("--format <format>", "the file's format, when its extension does not say").choices(IMPORT_FORMATS))
    .option("--token <jwt>", "a REPORTER's or CURATOR's token (default: POLICY_GRAPH_TOKEN)")
    .option("--as-curator", "write as a curator named local:import:<your user>: this machine's own Neo4j only (not with NEO4J_URI)")
    .parse(argv);
  const [file] = program.args as [string];
  const opts = program.opts<{ format?: string; token?: string; asCurator?: boolean }>();
  const config = loadConfig();
  const token = opts.token ?? (process.env.POLICY_GRAPH_TOKEN || undefined);

  const identity = await identityOf({ token, asCurator: opts.asCurator }, config);
  const requestId = `import:${randomUUID()}`;
  console.error(`Import ${requestId}: ${file} as ${identity.subject} (${identity.role}${identity.agencyId ? ` of ${identity.agencyId}` : ""})`);
  let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    const summary = await importReports(async () => {
      opened = await openDatabase(config, (line) => console.error(line), { attach: "ours" });
      return opened;
    }, identity, { file, format: opts.format, requestId }, progressOn(process.stderr));
    console.log(describeSummary(summary));
  } catch (err) {
    throw opened && !(err instanceof CliError) ? opened.explain(err) : err;
  } finally {
    await opened?.close();
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (entry === fileURLToPath(import.meta.url)) {
  main(process.argv).then(() => process.exit(0), fail);
}
