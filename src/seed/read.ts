// Reads the seed's YAML files, keeping where each value stands so that every problem can be
// reported as file:line. A file is hostile input until it has passed these checks: one that
// is too big, not strict UTF-8, carries control or bidi characters, fails to parse, is empty
// or is an alias bomb yields one error and no data, so that validation never sees it and no
// cascade of follow-on errors hides the first.
import fs from "node:fs";
import path from "node:path";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document } from "yaml";

/** per seed file; the largest real one is a few hundred KB */
export const MAX_SEED_FILE_BYTES = 2 * 1024 * 1024;
/** aliases expanded per file: a handful are legitimate, thousands are a "billion laughs" */
export const MAX_ALIAS_COUNT = 100;
/** C0 controls but tab and newline (a CR only before LF), DEL, and the bidi embeddings/isolates */
const FORBIDDEN_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;

export interface SeedFile {
  /** path relative to the seed folder, as printed in messages */
  name: string;
  data: unknown;
  /** the line (1-based) of the value at a path such as ["tasks", 3, "ledBy", 0] */
  lineOf(at: (string | number)[]): number;
  errors: string[];
}

export function listSeedFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const describe = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The 1-based line of the first line whose bytes are not valid UTF-8, or null. */
function invalidUtf8Line(bytes: Buffer): number | null {
  const strict = new TextDecoder("utf-8", { fatal: true });
  try { strict.decode(bytes); return null; } catch { /* find the line below */ }
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try { strict.decode(bytes.subarray(start, end < 0 ? bytes.length : end)); } catch { return line; }
    if (end < 0) return 1; // a sequence split across a newline cannot happen; be safe
    start = end + 1;
  }
}

export function readSeedFile(file: string, baseDir: string): SeedFile {
  const name = path.relative(path.dirname(baseDir), file);
  const lines = new LineCounter();
  const refused = (line: number, msg: string, col?: number): SeedFile =>
    ({ name, data: null, lineOf: () => line, errors: [`${name}:${line}${col ? `:${col}` : ""}: ${msg}`] });

  const size = fs.statSync(file).size;
  if (size > MAX_SEED_FILE_BYTES) return refused(1, `file is ${size} bytes; a seed file is at most ${MAX_SEED_FILE_BYTES} bytes (split it)`);
  const bytes = fs.readFileSync(file);
  const badLine = invalidUtf8Line(bytes);
  if (badLine !== null) return refused(badLine, "not valid UTF-8 (save the file as UTF-8)");
  const text = new TextDecoder("utf-8").decode(bytes);
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) {
    lines.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
    const pos = lines.linePos(bad.index);
    return refused(pos.line, `forbidden character ${describe(bad[0])} (control and bidi characters are not allowed)`, pos.col);
  }

  const doc: Document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? lines.linePos(first.pos[0]);
    return refused(pos.line, `YAML: ${first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`, pos.col);
  }
  if (doc.contents == null || (isScalar(doc.contents) && doc.contents.value == null)) {
    return refused(1, "the file is empty; a seed file holds at least one section (delete the file if it has nothing to say)");
  }
  const lineAt = (node: unknown) => lines.linePos((node as { range?: [number] } | null)?.range?.[0] ?? 0).line;

  // Escapes such as "\0" or "\u202E" in double-quoted scalars reach the data without showing
  // in the text, so the parsed scalars are checked too.
  let escaped: SeedFile | null = null;
  visit(doc, {
    Scalar(_, node) {
      const m = typeof node.value === "string" ? FORBIDDEN_CHAR.exec(node.value.replace(/\r\n/g, "\n")) : null;
      if (m) { escaped = refused(lineAt(node), `forbidden character ${describe(m[0])} (control and bidi characters are not allowed)`); return visit.BREAK; }
      return undefined;
    },
  });
  if (escaped) return escaped;

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let aliasLine = 1;
    visit(doc, { Alias(_, node) { aliasLine = lineAt(node); return visit.BREAK; } });
    const reason = err instanceof ReferenceError ? `too many aliases (at most ${MAX_ALIAS_COUNT} expansions): refused as an alias bomb` : `YAML: ${(err as Error).message}`;
    return refused(aliasLine, reason);
  }

  const lineOf = (at: (string | number)[]): number => {
    // Walk down as far as the path exists; report the deepest node found.
    let node: unknown = doc.contents;
    let offset = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
    for (const key of at) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
        if (!pair) break;
        offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        node = node.items[key];
        if (!node) break;
        offset = (node as { range?: [number] }).range?.[0] ?? offset;
      } else break;
    }
    return lines.linePos(offset).line;
  };
  return { name, data, lineOf, errors: [] };
}
