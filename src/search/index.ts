// search(text, types, limit): full-text over names, titles, outputs and quotes, insensitive to
// diacritics and case, with abbreviations. The text is folded (fold.ts), turned into an
// escaped Lucene query (lucene.ts) and run against the `policy_search` index (queries.ts).
// Hits with the diacritics the user wrote rank first ("bán dẫn" before "Ban Dân vận"), then an
// exact name, id or abbreviation match, then Lucene's score; a text without diacritics ranks
// by the folded match alone.
import { read, type Db } from "../db/gateway.js";
import { badInput } from "../errors/index.js";
import { fold, markedWords, queryVariants } from "./fold.js";
import { luceneQuery } from "./lucene.js";
import { SEARCH, SEARCH_LABELS, type SearchLabel } from "./queries.js";

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;
export const SEARCH_MAX_TEXT = 200;
/** Hits read before ranking, so that an exact match just below the limit is not lost. */
const SEARCH_POOL = 200;

/** The SDL's SearchType values and the labels they stand for. */
const LABEL_OF: Record<string, SearchLabel> = Object.fromEntries(
  SEARCH_LABELS.map((l) => [l.replace(/(?<=[a-z])(?=[A-Z])/g, "_").toUpperCase(), l]),
);

function labelOf(type: string): SearchLabel {
  const label = LABEL_OF[type];
  if (!label) throw badInput(`unknown type ${type}; expected one of ${Object.keys(LABEL_OF).join(", ")}`);
  return label;
}

export interface SearchHit {
  id: string;
  type: string;
  titleVi: string | null;
  titleEn: string | null;
  score: number;
  /** the node's citation quote that has every word of the text (see bestQuote) */
  quote: string | null;
}

export interface SearchArgs { text: string; types?: readonly string[] | null; limit?: number | null }

export async function search(db: Db, args: SearchArgs): Promise<SearchHit[]> {
  const limit = args.limit ?? SEARCH_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
    throw badInput(`limit must be a whole number between 1 and ${SEARCH_MAX_LIMIT}, got ${limit}`);
  }
  if (args.text.length > SEARCH_MAX_TEXT) throw badInput(`text must be at most ${SEARCH_MAX_TEXT} characters, got ${args.text.length}`);
  const folded = fold(args.text);
  if (!folded) throw badInput("text must contain at least one letter or digit");
  const labels: string[] = args.types?.length ? args.types.map(labelOf) : [...SEARCH_LABELS];

  const marked = markedWords(args.text);
  const run = async (query: string) => {
    const records = await read(db, "search", SEARCH, { query, labels, marked, pool: SEARCH_POOL });
    return records.map((r) => r.toObject() as Candidate);
  };
  let candidates = await run(luceneQuery(folded));
  if (!candidates.length) candidates = await run(luceneQuery(folded, true));
  return rank(candidates, folded).slice(0, limit);
}

export interface Candidate {
  id: string; type: string; titleVi: string | null; titleEn: string | null; abbreviation: string | null; score: number; quotes: string[];
  /** the node has every word the user wrote with diacritics, as written (queries.ts) */
  marked: boolean;
}

/**
 * Hits with the user's diacritics first; then exact matches — the folded text (or the text
 * with an abbreviation swapped for its expansion) equals the node's name, title, id or
 * abbreviation — then by score; each hit with its best quote.
 */
export function rank(candidates: Candidate[], folded: string): SearchHit[] {
  const variants = queryVariants(folded);
  const exact = (c: Candidate) =>
    [c.id, c.titleVi, c.titleEn, c.abbreviation].some((name) => name != null && variants.includes(fold(name)));
  return candidates
    .map((c) => ({ c, exact: exact(c) }))
    .sort((a, b) => Number(b.c.marked) - Number(a.c.marked) || Number(b.exact) - Number(a.exact) || b.c.score - a.c.score || a.c.id.localeCompare(b.c.id))
    .map(({ c }) => ({ id: c.id, type: c.type, titleVi: c.titleVi, titleEn: c.titleEn, score: c.score, quote: bestQuote(c.quotes, variants) }));
}

/**
 * The quote that has every word of the text (or of a variant): the whole phrase preferred,
 * then the shorter quote; null when no quote has them all.
 */
export function bestQuote(quotes: string[], variants: string[]): string | null {
  let best: { quote: string; score: number } | null = null;
  for (const quote of quotes) {
    const folded = fold(quote);
    const words = new Set(folded.split(" "));
    const score = Math.max(...variants.map((v) => {
      if (!v.split(" ").every((w) => words.has(w))) return 0;
      return ` ${folded} `.includes(` ${v} `) ? 2 : 1;
    }));
    if (score > 0 && (!best || score > best.score || (score === best.score && quote.length < best.quote.length))) best = { quote, score };
  }
  return best?.quote ?? null;
}
