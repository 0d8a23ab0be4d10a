// The Lucene query for a folded search text. Pure. The text only ever reaches Neo4j as the
// $query parameter; here every term is escaped so that it can only be a term.
import { abbreviationSpans } from "./fold.js";

/** Lucene's query syntax characters (and the two-character operators && and ||). */
const SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

export const escapeLucene = (term: string) => term.replace(SPECIAL, (c) => `\\${c}`);

/** Shorter terms are not made fuzzy: most Vietnamese syllables are one edit from many others. */
const FUZZY_MIN_LENGTH = 5;

const phrase = (words: string) => (words.includes(" ") ? `"${words.split(" ").map(escapeLucene).join(" ")}"` : escapeLucene(words));

/**
 * Every word required, an abbreviation or expansion as any of its alternatives, and the whole
 * text as a boosted phrase (adjacent words rank higher):
 *   "bo cong an" → +bo +cong +an "bo cong an"^2
 *   "bca 2025"   → +(bca OR "bo cong an" OR "ministry of public security") +2025 "bca 2025"^2
 * Lenient (the fallback when the strict query finds nothing): words of 5+ letters may be one
 * edit away, and the last word may be the start of a word, as when typing.
 */
export function luceneQuery(folded: string, lenient = false): string {
  const words = folded.split(" ").filter((w) => w !== "");
  if (!words.length) throw new Error("luceneQuery needs at least one word");
  const spans = new Map(abbreviationSpans(words.join(" ")).map((s) => [s.start, s]));
  const clauses: string[] = [];
  for (let i = 0; i < words.length; ) {
    const span = spans.get(i);
    if (span) {
      clauses.push(`+(${span.alternatives.map(phrase).join(" OR ")})`);
      i += span.length;
      continue;
    }
    const w = escapeLucene(words[i]!);
    const options = [lenient && w.length >= FUZZY_MIN_LENGTH ? `${w}~1` : w];
    if (lenient && i === words.length - 1) options.push(`${w}*`);
    clauses.push(options.length === 1 ? `+${options[0]}` : `+(${options.join(" OR ")})`);
    i += 1;
  }
  if (words.length > 1) clauses.push(`${phrase(words.join(" "))}^2`);
  return clauses.join(" ");
}
