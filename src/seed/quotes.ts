// Provenance quotes are verbatim: a quote must occur in its source file once whitespace is
// folded (the articles break lines mid-sentence) and both sides are in Unicode NFC.
import fs from "node:fs";
import path from "node:path";

export const MAX_QUOTE_LENGTH = 300;

/** Whether a Source.file stays inside the shared folder once resolved (no "../", no absolute path). */
export function insideShared(sharedDir: string, file: string): boolean {
  if (path.isAbsolute(file)) return false;
  const rel = path.relative(path.resolve(sharedDir), path.resolve(sharedDir, file));
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Caches each source file's normalised text; `has` answers whether a quote occurs verbatim. */
export class QuoteIndex {
  private readonly texts = new Map<string, string | null>();
  constructor(readonly sharedDir: string) {}

  available(): boolean {
    return fs.existsSync(this.sharedDir);
  }

  text(file: string): string | null {
    if (!this.texts.has(file)) {
      const p = path.join(this.sharedDir, file);
      this.texts.set(file, insideShared(this.sharedDir, file) && fs.existsSync(p) ? normaliseText(fs.readFileSync(p, "utf8")) : null);
    }
    return this.texts.get(file) ?? null;
  }

  has(file: string, quote: string): boolean {
    return this.text(file)?.includes(normaliseText(quote)) ?? false;
  }
}
