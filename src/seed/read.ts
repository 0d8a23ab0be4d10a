// Reads the seed's YAML files, keeping where each value stands so that every problem can be
// reported as file:line.
import fs from "node:fs";
import path from "node:path";
import { LineCounter, isMap, isSeq, parseDocument, type Document } from "yaml";

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

export function readSeedFile(file: string, baseDir: string): SeedFile {
  const name = path.relative(path.dirname(baseDir), file);
  const text = fs.readFileSync(file, "utf8");
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const errors = doc.errors.map((e) => `${name}:${e.linePos?.[0]?.line ?? 1}: YAML: ${e.message.split("\n")[0]}`);
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
  return { name, data: errors.length ? null : doc.toJS(), lineOf, errors };
}
