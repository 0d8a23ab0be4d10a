// Reading a monitoring system's export into progress reports, each with the line it starts on
// ("reports.csv:12"), so that every refusal names its line. Two shapes, one row per report:
//   CSV    a header row naming the columns (any order, any case), then one row per report;
//          RFC 4180 quoting (a cell may hold commas, quotes written twice, and line breaks:
//          such a row is named by the line it starts on), CRLF or LF, UTF-8 with or without BOM;
//   JSONL  one JSON object per line with the same keys (evidence may be an object).
// Pure: bytes in, rows and problems out. Each row is checked by parseProgress (rules.ts), as a
// request is; what the graph says of it (its task, its owners on the date) is judged by write.ts
// in the import's one transaction. The command is src/cli/importReports.ts.
import { isUtf8 } from "node:buffer";
import { finished } from "node:stream/promises";

import { CsvError, parse as csvParser } from "csv-parse";

import { AppError } from "../errors/index.js";
import { parseProgress, type ProgressInput } from "./rules.js";
import type { Row } from "./write.js";

export const IMPORT_FORMATS = ["csv", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How much one import may hold; beyond, the file is refused whole, naming the bound. */
export interface ImportBounds { bytes: number; rows: number; lineBytes: number }
export const IMPORT_BOUNDS: ImportBounds = { bytes: 200 * 1024 * 1024, rows: 1_000_000, lineBytes: 64 * 1024 };

/** The columns (CSV) and keys (JSONL), in the order of the README. */
export const COLUMNS = ["taskId", "status", "reportedOn", "percent", "note", "evidenceUrl", "evidenceDocumentId", "supersedes", "idempotencyKey", "agencyId"] as const;
export type Column = (typeof COLUMNS)[number];
export const REQUIRED: readonly Column[] = ["taskId", "status", "reportedOn"];

/** A problem of the file: its line (null for the file as a whole) and the sentence "reports.csv:7: …". */
export interface Problem { line: number | null; text: string }

export interface Parsed {
  /** the rows that passed parseProgress, each with `at` = "name:line" */
  rows: (Row<ProgressInput> & { line: number })[];
  problems: Problem[];
  /** data rows read (blank rows are not rows) */
  rowsRead: number;
  bytes: number;
  /** a bound was exceeded, or the file is not UTF-8: it is refused whole, and what was read of it is not judged */
  refusedWhole: boolean;
}

export interface ParseOptions {
  /** the file as the user named it: problems say "name:line: …" */
  name: string;
  format: ImportFormat;
  /** today in Viet Nam (a report cannot be about a later day) */
  today?: string;
  bounds?: Partial<ImportBounds>;
  /** bytes read so far, after each chunk */
  onBytes?: (bytes: number) => void;
}

export type Source = string | Uint8Array | AsyncIterable<Uint8Array | string>;

const nf = new Intl.NumberFormat("en-US");
const size = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${nf.format(bytes / 1024 / 1024)} MiB` : bytes % 1024 === 0 ? `${nf.format(bytes / 1024)} KiB` : `${nf.format(bytes)} bytes`);
const names = (xs: readonly string[]) => xs.join(", ");

/** The format of `file`: --format when given, else its extension. */
export function formatOf(file: string, given?: string): ImportFormat {
  if (given !== undefined) {
    if (!(IMPORT_FORMATS as readonly string[]).includes(given)) throw new AppError("BAD_USER_INPUT", `--format is csv or jsonl, not "${given.slice(0, 40)}"`);
    return given as ImportFormat;
  }
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === "csv") return "csv";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  const why = ext === "json" ? "a .json file would be one document, and an import reads one JSON object per line (.jsonl)" : "its name ends neither in .csv nor in .jsonl or .ndjson";
  throw new AppError("BAD_USER_INPUT", `Cannot tell the format of ${file}: ${why}; give --format csv or --format jsonl`);
}

/** Reads `source` as `format`: every row that passes, and every problem, in the order of the file. */
export async function parseReports(source: Source, opts: ParseOptions): Promise<Parsed> {
  const bounds = { ...IMPORT_BOUNDS, ...opts.bounds };
  const today = opts.today;
  const out: Parsed = { rows: [], problems: [], rowsRead: 0, bytes: 0, refusedWhole: false };
  const problem = (line: number | null, message: string) => out.problems.push({ line, text: `${opts.name}${line === null ? "" : `:${line}`}: ${message}` });

  /** One data row starting on `line`: its fields as the file gave them, then parseProgress. False stops the reading (a bound). */
  const row = (line: number, given: Record<string, unknown>, found: string[]): boolean => {
    if (++out.rowsRead > bounds.rows) {
      problem(line, `one import takes at most ${nf.format(bounds.rows)} rows, and this is row ${nf.format(out.rowsRead)}: split the file`);
      out.refusedWhole = true;
      return false;
    }
    if (found.length) { for (const f of found) problem(line, f); return true; }
    try {
      out.rows.push({ input: parseProgress(given, today), at: `${opts.name}:${line}`, line });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const listed = err.details?.problems;
      for (const p of Array.isArray(listed) ? (listed as string[]) : [err.message]) problem(line, p);
    }
    return true;
  };

  const lines = physicalLines(source, bounds, out, problem, opts.onBytes);
  if (opts.format === "csv") await readCsv(lines, bounds, problem, row, () => out.refusedWhole);
  else await readJsonLines(lines, bounds, problem, row);
  return out;
}

// ---------------------------------------------------------------- bytes to lines

/** A chunk's complete lines (each with its line break, but the file's last), from line `first`; null for one too long to keep. */
interface Lines { first: number; lines: (Buffer | null)[] }

const LF = 0x0a;
const CR = 0x0d;

/**
 * The source as physical lines, checked on the way: the file's size, each line's length, UTF-8
 * (a BOM is dropped; UTF-16 and NUL bytes are refused). A line too long is dropped from memory
 * as it comes (null); a bound on the whole file, or an encoding that is not UTF-8, ends the
 * reading. Lines are numbered from 1, as an editor shows them.
 */
async function* physicalLines(
  source: Source, bounds: ImportBounds, out: Parsed, problem: (line: number | null, message: string) => void, onBytes?: (bytes: number) => void,
): AsyncGenerator<Lines> {
  let line = 1;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let tooLong = false;
  /** The file's first line: its BOM dropped; false for UTF-16 (whose BOM it starts with). */
  const firstLine = (batch: Lines): boolean => {
    const l = batch.lines[0];
    if (batch.first !== 1 || !l) return true;
    if ((l[0] === 0xff && l[1] === 0xfe) || (l[0] === 0xfe && l[1] === 0xff)) {
      problem(1, "the file is UTF-16 text: save it as UTF-8 (in a spreadsheet, \"CSV UTF-8\")");
      out.refusedWhole = true;
      return false;
    }
    if (l[0] === 0xef && l[1] === 0xbb && l[2] === 0xbf) batch.lines[0] = l.subarray(3);
    return true;
  };
  for await (const piece of chunks(source)) {
    const chunk = typeof piece === "string" ? Buffer.from(piece, "utf8") : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    out.bytes += chunk.length;
    if (out.bytes > bounds.bytes) {
      problem(null, `the file is larger than ${size(bounds.bytes)}, the most one import reads: split it`);
      out.refusedWhole = true;
      return;
    }
    const batch: Lines = { first: line, lines: [] };
    let start = 0;
    for (let lf = chunk.indexOf(LF); lf !== -1; lf = chunk.indexOf(LF, start)) {
      const piece = chunk.subarray(start, lf + 1);
      start = lf + 1;
      const text = partial.length ? Buffer.concat([...partial, piece]) : piece;
      // the line's own bytes, without its break (LF or CRLF)
      const own = text.length - 1 - (text.length > 1 && text[text.length - 2] === CR ? 1 : 0);
      batch.lines.push(tooLong || own > bounds.lineBytes ? null : text);
      partial = []; partialBytes = 0; tooLong = false;
    }
    const rest = chunk.subarray(start);
    if (rest.length) {
      // one more byte than the bound may be the CR of a CRLF still to come
      if (tooLong || partialBytes + rest.length > bounds.lineBytes + 1) { tooLong = true; partial = []; partialBytes = 0; }
      else { partial.push(Buffer.from(rest)); partialBytes += rest.length; } // copied: the reader may reuse its chunk
    }
    if (!firstLine(batch)) return;
    if (!checkText(batch, problem)) { out.refusedWhole = true; return; }
    line += batch.lines.length;
    onBytes?.(out.bytes);
    if (batch.lines.length) yield batch;
  }
  if (tooLong || partial.length) {
    const last: Lines = { first: line, lines: [tooLong ? null : Buffer.concat(partial)] };
    if (!firstLine(last)) return;
    if (!checkText(last, problem)) { out.refusedWhole = true; return; }
    yield last;
  }
}

async function* chunks(source: Source): AsyncIterable<Uint8Array | string> {
  if (typeof source === "string" || source instanceof Uint8Array) yield source;
  else yield* source;
}

/** UTF-8 without NUL bytes; the first line that is not, named. */
function checkText(batch: Lines, problem: (line: number, message: string) => void): boolean {
  const whole = batch.lines.filter((l): l is Buffer => l !== null);
  const all = whole.length === 1 ? whole[0]! : Buffer.concat(whole);
  if (isUtf8(all) && !all.includes(0)) return true;
  batch.lines.forEach((l, i) => {
    if (!l || (isUtf8(l) && !l.includes(0))) return;
    if (all.includes(0) || l.includes(0)) problem(batch.first + i, "the line holds NUL bytes, which UTF-8 text does not (is the file UTF-16? save it as UTF-8)");
    else problem(batch.first + i, "the line is not UTF-8 text: save the file as UTF-8 (in a spreadsheet, \"CSV UTF-8\")");
  });
  return false;
}

const tooLongLine = (bounds: ImportBounds) => `the line is longer than ${size(bounds.lineBytes)}, the most a line may hold`;

// ---------------------------------------------------------------- CSV

type RowFn = (line: number, given: Record<string, unknown>, found: string[]) => boolean;
type ProblemFn = (line: number | null, message: string) => void;

const COLUMN_BY_NAME = new Map<string, Column>(COLUMNS.map((c) => [c.toLowerCase(), c]));

async function readCsv(source: AsyncIterable<Lines>, bounds: ImportBounds, problem: ProblemFn, row: RowFn, refused: () => boolean): Promise<void> {
  /** columns by position: a known column, or null (unnamed, unknown or repeated: refused at the header) */
  let header: (Column | null)[] | null = null;
  let stop = false;
  // Where each record starts: the lines consumed by earlier records (1 + the line breaks in their
  // cells) plus the empty lines the parser skipped, which it counts.
  let consumed = 0;
  let emptySeen = 0;
  const startOf = (emptyLines: number) => consumed + (emptyLines - emptySeen) + 1;

  const record = (cells: string[], emptyLines: number) => {
    const line = startOf(emptyLines);
    emptySeen = emptyLines;
    consumed = line;
    for (const c of cells) for (let i = c.indexOf("\n"); i !== -1; i = c.indexOf("\n", i + 1)) consumed++;
    if (stop) return;
    if (cells.every((c) => c.trim() === "")) return; // a row of empty cells (",,,,") is no row
    if (!header) {
      header = readHeader(cells, line, problem);
      if (!header) stop = true;
      return;
    }
    if (cells.length !== header.length) {
      if (!row(line, {}, [`the row has ${cells.length} cell${cells.length === 1 ? "" : "s"} and the header ${header.length}: a cell holding a comma is quoted ("…, …")`])) stop = true;
      return;
    }
    const given = new Map<Column, string>();
    // a line break inside a cell is LF whatever the file's own breaks are
    header.forEach((c, i) => { if (c) { const v = cells[i]!.trim().replace(/\r\n/g, "\n"); if (v !== "") given.set(c, v); } });
    const { input, found } = csvInput(given);
    if (!row(line, input, found)) stop = true;
  };

  const parser = csvParser({
    relax_column_count: true, // a short or long row is the row's problem, not the file's end
    skip_empty_lines: true,
    record_delimiter: ["\r\n", "\n"],
    max_record_size: bounds.lineBytes,
    on_record: (cells: string[], info: { empty_lines: number }) => { record(cells, info.empty_lines); return null; },
  });
  parser.resume(); // every record is taken in on_record; nothing is pushed
  parser.on("error", () => undefined); // a parse error reaches the write or the end that met it, below
  const write = (text: string) => new Promise<void>((resolve, reject) => { parser.write(text, (err) => (err ? reject(err) : resolve())); });
  try {
    for await (const batch of source) {
      const tooLong = batch.lines.indexOf(null);
      const whole = tooLong === -1 ? batch.lines : batch.lines.slice(0, tooLong);
      await write(Buffer.concat(whole as Buffer[]).toString("utf8"));
      if (stop) break;
      if (tooLong !== -1) {
        // A record starts before this line or on it: the parser's next record holds it.
        problem(batch.first + tooLong, tooLongLine(bounds));
        stop = true;
        break;
      }
    }
    if (!stop) {
      parser.end();
      await finished(parser); // rejects with an error met at the end (a quote never closed)
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    problem(startOf(typeof err.empty_lines === "number" ? err.empty_lines : emptySeen), csvProblem(err, bounds));
  } finally {
    parser.destroy();
  }
  if (!header && !stop && !refused()) problem(null, "the file has no header row: its first line names the columns (taskId,status,reportedOn,…)");
}

/** What the CSV parser stopped at, in words, for the row starting on the line named. */
function csvProblem(e: CsvError, bounds: ImportBounds): string {
  const got = /got "(.*?)"/.exec(e.message)?.[1];
  switch (e.code) {
    case "CSV_QUOTE_NOT_CLOSED": return "a quoted cell of the row starting here is never closed: the file ends inside its quotes";
    case "CSV_INVALID_CLOSING_QUOTE": return `a quoted cell of the row starting here is followed by "${got ?? "?"}" instead of a comma or the end of the line: a quote inside a quoted cell is written twice ("")`;
    case "INVALID_OPENING_QUOTE": return "a cell of the row starting here has a quote inside it without being quoted: quote the whole cell and write the quote twice (\"a \"\"b\"\"\")";
    case "CSV_MAX_RECORD_SIZE": return `the row starting here holds more than ${size(bounds.lineBytes)}, the most a row may hold`;
    default: return `the CSV cannot be read from the row starting here: ${e.message.replace(/ at line \d+/, "")}`;
  }
}

/** The header: which column each position is. Null when the rows cannot be read (a required column missing). */
function readHeader(cells: string[], line: number, problem: ProblemFn): (Column | null)[] | null {
  const columns: (Column | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<Column, number>();
  cells.forEach((raw, i) => {
    const name = raw.trim();
    const column = COLUMN_BY_NAME.get(name.toLowerCase());
    if (name === "") problem(line, `column ${i + 1} of the header has no name`);
    else if (!column) unknown.push(JSON.stringify(name.slice(0, 60)));
    else if (seen.has(column)) problem(line, `the header names ${column} twice (columns ${seen.get(column)! + 1} and ${i + 1})`);
    else seen.set(column, i);
    columns.push(column && seen.get(column) === i ? column : null);
  });
  if (unknown.length) problem(line, `unknown column${unknown.length > 1 ? "s" : ""} ${names(unknown)}: the columns are ${names(COLUMNS)}`);
  const missing = REQUIRED.filter((c) => !seen.has(c));
  if (missing.length) {
    problem(line, `the header has no column ${missing.join(" or ")}: every report needs taskId, status and reportedOn (the first line names the columns, with commas between them)`);
    return null;
  }
  return columns;
}

/** A CSV row's cells (text, empty ones left out) as the fields of a report. */
function csvInput(cells: Map<Column, string>): { input: Record<string, unknown>; found: string[] } {
  const found: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [column, value] of cells) {
    switch (column) {
      case "status": input.status = value.toUpperCase(); break;
      case "percent": {
        const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value);
        if (m) input.percent = Number(m[1]);
        else found.push(`percent: a whole number 0–100, not "${value.slice(0, 40)}"`);
        break;
      }
      case "evidenceUrl": case "evidenceDocumentId": break;
      default: input[column] = value;
    }
  }
  const url = cells.get("evidenceUrl");
  const documentId = cells.get("evidenceDocumentId");
  if (url !== undefined || documentId !== undefined) input.evidence = { ...(url !== undefined ? { url } : {}), ...(documentId !== undefined ? { documentId } : {}) };
  dateHint(input, found);
  return { input, found };
}

/** A date written the Vietnamese way, dd/mm/yyyy, is not guessed at: the problem shows the form. */
function dateHint(input: Record<string, unknown>, found: string[]) {
  const m = typeof input.reportedOn === "string" ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.reportedOn) : null;
  if (m) found.push(`reportedOn: a date YYYY-MM-DD, not "${input.reportedOn}" (${m[1]}/${m[2]}/${m[3]} as day/month/year is ${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")})`);
}

// ---------------------------------------------------------------- JSON lines

const KEY_BY_NAME = new Map<string, string>([...COLUMNS, "evidence"].map((k) => [k.toLowerCase(), k]));

async function readJsonLines(source: AsyncIterable<Lines>, bounds: ImportBounds, problem: ProblemFn, row: RowFn): Promise<void> {
  for await (const batch of source) {
    for (let i = 0; i < batch.lines.length; i++) {
      const bytes = batch.lines[i]!;
      const line = batch.first + i;
      if (bytes === null) {
        if (!row(line, {}, [tooLongLine(bounds)])) return;
        continue;
      }
      const text = bytes.toString("utf8").trim();
      if (text === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        if (!row(line, {}, [`the line is not JSON: ${(err as Error).message.slice(0, 200)}`])) return;
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        if (!row(line, {}, [`the line is ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}, not a JSON object (one report per line, {"taskId": …})`])) return;
        continue;
      }
      const { input, found } = jsonInput(value as Record<string, unknown>);
      if (!row(line, input, found)) return;
    }
  }
}

/** A JSON line's keys (any case) as the fields of a report; null and "" are not given. */
function jsonInput(obj: Record<string, unknown>): { input: Record<string, unknown>; found: string[] } {
  const found: string[] = [];
  const input: Record<string, unknown> = {};
  const unknown: string[] = [];
  const from = new Map<string, string>();
  for (const [raw, value] of Object.entries(obj)) {
    const key = KEY_BY_NAME.get(raw.toLowerCase());
    if (!key) { unknown.push(JSON.stringify(raw.slice(0, 60))); continue; }
    if (from.has(key)) { found.push(`the keys "${from.get(key)}" and "${raw}" are the same field, ${key}`); continue; }
    from.set(key, raw);
    if (value === null || value === "") continue;
    input[key] = key === "status" && typeof value === "string" ? value.toUpperCase() : value;
  }
  if (unknown.length) found.push(`unknown key${unknown.length > 1 ? "s" : ""} ${names(unknown)}: the keys are ${names([...COLUMNS, "evidence"])}`);
  const { evidenceUrl: url, evidenceDocumentId: documentId } = input;
  delete input.evidenceUrl;
  delete input.evidenceDocumentId;
  if (url !== undefined || documentId !== undefined) {
    if (input.evidence !== undefined) found.push("evidence is given twice: as an object and as evidenceUrl/evidenceDocumentId; give one");
    else input.evidence = { ...(url !== undefined ? { url } : {}), ...(documentId !== undefined ? { documentId } : {}) };
  }
  dateHint(input, found);
  return { input, found };
}
