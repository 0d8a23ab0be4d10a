// Search text: what full-text search matches a node by, folded here rather than by a Neo4j
// analyzer. Lucene's folding analyzer also drops English stop words, which would drop
// Vietnamese syllables ("An" of Bộ Công an, "To" of Tô Lâm); folding ourselves keeps every
// syllable, and the index only splits on spaces. Pure: used by the seed loader (the text
// stored on each node) and by search (the user's text), so both fold alike. Folding makes
// "dẫn" equal "dân"; the marked text (markedText) keeps the diacritics, so that a hit with the
// user's exact diacritics ranks above a folded-only one.
import { stripDiacritics } from "../text/vietnamese.js";

/**
 * Diacritics and case away: "Bộ Công an" → "bo cong an", "KH&CN" → "kh cn".
 * NFKD also turns compatibility forms (full-width letters, ligatures, "²") into plain ones.
 */
export function fold(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export interface Abbreviation {
  /** folded abbreviation forms: "KH&CN" folds to "kh cn" */
  forms: string[];
  /** folded expansions, Vietnamese and English */
  expansions: string[];
  /**
   * false when a form is also an ordinary word ("ai", who): a text with the expansion gets
   * the form added, but a text with the word does not get the expansion.
   */
  expandForm?: boolean;
}

/**
 * Abbreviations the sources use, each way round: a text that has a form also matches its
 * expansions, and one that has an expansion also matches its forms. Curated, not derived:
 * agencies' own `abbreviation` field is in their search text anyway (BQP, NHNN, VPCP, …);
 * the agencies here are the ones the texts themselves write abbreviated.
 */
export const ABBREVIATIONS: Abbreviation[] = [
  // "KH&CN", "KHCN", "KH, CN&ĐMST": khoa học (và) công nghệ
  { forms: ["kh cn", "khcn"], expansions: ["khoa hoc va cong nghe", "khoa hoc cong nghe"] },
  // "ĐMST": đổi mới sáng tạo (innovation)
  { forms: ["dmst"], expansions: ["doi moi sang tao"] },
  // "CĐS": chuyển đổi số (digital transformation)
  { forms: ["cds"], expansions: ["chuyen doi so"] },
  // "CSDL", "CSDLQG": cơ sở dữ liệu (quốc gia), (national) database
  { forms: ["csdl"], expansions: ["co so du lieu"] },
  { forms: ["csdlqg"], expansions: ["co so du lieu quoc gia"] },
  // "UBND" / "HĐND": Ủy ban / Hội đồng nhân dân (provincial People's Committee / Council)
  { forms: ["ubnd"], expansions: ["uy ban nhan dan"] },
  { forms: ["hdnd"], expansions: ["hoi dong nhan dan"] },
  // "BCĐ": Ban Chỉ đạo (steering committee), as in 02-KH/BCĐTW
  { forms: ["bcd"], expansions: ["ban chi dao"] },
  { forms: ["bcdtw"], expansions: ["ban chi dao trung uong"] },
  // "S&T", "R&D": the English titles' abbreviations
  { forms: ["s t"], expansions: ["science and technology"] },
  { forms: ["r d"], expansions: ["research and development", "nghien cuu va phat trien"] },
  // "AI": "ai" is also Vietnamese for "who", so only the expansions add it, not the reverse
  { forms: ["ai"], expansions: ["tri tue nhan tao", "artificial intelligence"], expandForm: false },
  // "NQ57": Resolution 57-NQ/TW, which the articles also call "Nghị quyết (số) 57"; likewise
  // the Government's 03/NQ-CP and 71/NQ-CP
  { forms: ["nq57", "nq 57"], expansions: ["57 nq tw", "nghi quyet 57", "nghi quyet so 57", "resolution 57"] },
  { forms: ["nq03", "nq 03"], expansions: ["03 nq cp"] },
  { forms: ["nq71", "nq 71"], expansions: ["71 nq cp"] },
  // Ministries the texts abbreviate: Bộ Công an, Bộ Khoa học và Công nghệ (in ids such as
  // 682/QĐ-BKHCN), Bộ Thông tin và Truyền thông (1552/BTTTT-TTH)
  { forms: ["bca"], expansions: ["bo cong an", "ministry of public security"] },
  { forms: ["bkhcn"], expansions: ["bo khoa hoc va cong nghe", "ministry of science and technology"] },
  { forms: ["btttt"], expansions: ["bo thong tin va truyen thong", "ministry of information and communications"] },
  // The media bodies appendix II of 03/NQ-CP names by abbreviation only
  { forms: ["vtv"], expansions: ["dai truyen hinh viet nam", "vietnam television"] },
  { forms: ["vov"], expansions: ["dai tieng noi viet nam", "voice of vietnam"] },
  { forms: ["ttxvn"], expansions: ["thong tan xa viet nam", "vietnam news agency"] },
];

/** Whether a folded phrase occurs in folded text as whole words. */
const hasPhrase = (text: string, phrase: string) => ` ${text} `.includes(` ${phrase} `);

/**
 * Search text side: the other forms of the abbreviations a folded text has, each once — a
 * form's expansions (unless the form is an ordinary word) and an expansion's forms.
 */
export function abbreviationTerms(folded: string): string[] {
  const added = new Set<string>();
  for (const a of ABBREVIATIONS) {
    if (a.expandForm !== false && a.forms.some((f) => hasPhrase(folded, f))) a.expansions.forEach((e) => added.add(e));
    if (a.expansions.some((e) => hasPhrase(folded, e))) a.forms.forEach((f) => added.add(f));
  }
  return [...added].filter((term) => !hasPhrase(folded, term));
}

export interface AbbreviationSpan {
  /** position of the first word in the query, and how many words */
  start: number;
  length: number;
  /** what the words may match: themselves, and the forms or expansions of the same entry */
  alternatives: string[];
}

/**
 * Query side: the abbreviations and expansions in a folded query, longest first, left to
 * right. A form the user typed stands for its expansions; an expansion also stands for its
 * forms, unless a form is an ordinary word ("ai") that the texts use otherwise.
 */
export function abbreviationSpans(folded: string): AbbreviationSpan[] {
  const words = folded.split(" ");
  const spans: AbbreviationSpan[] = [];
  for (let i = 0; i < words.length; ) {
    let best: AbbreviationSpan | undefined;
    for (const a of ABBREVIATIONS) {
      for (const phrase of [...a.forms, ...a.expansions]) {
        const length = phrase.split(" ").length;
        if (words.slice(i, i + length).join(" ") !== phrase || (best && best.length >= length)) continue;
        const alternatives = a.forms.includes(phrase)
          ? [...a.forms, ...a.expansions]
          : [...a.expansions, ...(a.expandForm === false ? [] : a.forms)];
        best = { start: i, length, alternatives: [phrase, ...alternatives.filter((x) => x !== phrase)] };
      }
    }
    if (best) spans.push(best);
    i += best?.length ?? 1;
  }
  return spans;
}

/**
 * The folded query and the same query with one abbreviation swapped for each alternative
 * ("bca" → "bo cong an", …): what counts as an exact name match.
 */
export function queryVariants(folded: string): string[] {
  const words = folded.split(" ");
  const variants = new Set([folded]);
  for (const span of abbreviationSpans(folded)) {
    for (const alt of span.alternatives) {
      variants.add([...words.slice(0, span.start), alt, ...words.slice(span.start + span.length)].join(" "));
    }
  }
  return [...variants];
}

/** The fields a node is found by, in this order (names first). */
export const SEARCHED_FIELDS = ["id", "titleVi", "titleEn", "nameVi", "nameEn", "abbreviation", "output", "indicator", "valueText"] as const;

/**
 * The folded text a node is found by: its id, names, titles, output, abbreviation, indicator
 * and figure, its citations' quotes, then the other forms of the abbreviations found there.
 */
export function searchTextOf(node: { id: string; props: Record<string, unknown> }, citations: { quote: string }[]): string | undefined {
  const parts = SEARCHED_FIELDS.map((f) => node.props[f] ?? (f === "id" ? node.id : undefined))
    .filter((v): v is string => typeof v === "string")
    .concat(citations.map((c) => c.quote))
    .map(fold)
    .filter((p) => p !== "");
  if (!parts.length) return undefined;
  const text = parts.join(" ");
  return [text, ...abbreviationTerms(text)].join(" ");
}

/** The tone marks (huyền, sắc, ngã, hỏi, nặng); the other marks (â, ă, ê, ô, ơ, ư) make letters. */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * Case and punctuation away, diacritics kept: "Công nghệ chip bán dẫn" keeps "dẫn" apart from
 * "dân". Each word is decomposed (NFKD, like fold) with its tone mark moved to the end, so the
 * old and new placements compare equal ("hoà" = "hòa", "uỷ" = "ủy"); internal, never shown.
 */
export function markedText(text: string): string {
  return text.normalize("NFKD").toLowerCase().replace(/ð/g, "đ")
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== "")
    .map((w) => w.replace(TONES, "") + [...w.matchAll(TONES)].map((m) => m[0]).sort().join(""))
    .join(" ");
}

/**
 * The words of a query whose diacritics the user wrote (a mark or đ): a hit must have each
 * of them, diacritics and all, to count as an exact match. Empty when the text has none, and
 * then search ranks as folded text alone.
 */
export function markedWords(text: string): string[] {
  return [...new Set(markedText(text).split(" ").filter((w) => /[\p{M}đ]/u.test(w)))];
}

/** The marked text a node is found by exactly: the same fields and quotes as searchTextOf. */
export function markedTextOf(node: { id: string; props: Record<string, unknown> }, citations: { quote: string }[]): string | undefined {
  const text = SEARCHED_FIELDS.map((f) => node.props[f] ?? (f === "id" ? node.id : undefined))
    .filter((v): v is string => typeof v === "string")
    .concat(citations.map((c) => c.quote))
    .map(markedText)
    .filter((p) => p !== "")
    .join(" ");
  return text || undefined;
}
