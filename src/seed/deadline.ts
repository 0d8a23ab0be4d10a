// Deadlines as the texts write them → the last day of the stated period, plus whether the
// work recurs. Pure: "6/2025" → 2025-06-30; "Quý II/2025" → 2025-06-30; "2025 - 2026" →
// 2026-12-31; "Thường xuyên" → recurring, no date; "2025 và những năm tiếp theo" → 2025-12-31, recurring.

import { stripDiacritics } from "../text/vietnamese.js";

export interface Deadline {
  /** ISO date (YYYY-MM-DD) of the last day of the period, or null when there is none */
  deadline: string | null;
  recurring: boolean;
}

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
}

/** Folds case and Vietnamese diacritics so that "THƯỜNG XUYÊN" and "thuong xuyen" compare equal. */
function fold(text: string): string {
  return stripDiacritics(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/** Returns null when the text is not a deadline form this parser knows. */
export function parseDeadline(text: string | null | undefined): Deadline | null {
  if (text == null || text.trim() === "") return { deadline: null, recurring: false };
  const t = fold(text)
    .replace(/^(truoc|den|cham nhat|han|hoan thanh)( ngay| thang| nam)?\s+/, "")
    .replace(/^(trong|ngay|nhiem vu)\s+/, "")
    .replace(/^(nam|thang)\s+(?=\d)/, "")
    .trim();

  if (/^(thuong xuyen|hang nam|hanh nam|hang quy|hang thang|lien tuc)$/.test(t)) return { deadline: null, recurring: true };
  if (/^dinh ky\b/.test(t)) return { deadline: null, recurring: true }; // "định kỳ 6 tháng …"

  let m = /^(\d{4}) va (nhung|cac) nam tiep theo$/.exec(t);
  if (m) return { deadline: iso(+m[1]!, 12, 31), recurring: true };

  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [+m[1]!, +m[2]!, +m[3]!];
    return validDay(y, mo, d) ? { deadline: iso(y, mo, d), recurring: false } : null;
  }
  m = /^(?:thang )?(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const [mo, y] = [+m[1]!, +m[2]!];
    return mo >= 1 && mo <= 12 ? { deadline: iso(y, mo, lastDayOfMonth(y, mo)), recurring: false } : null;
  }
  m = /^(\d{1,2}) nam (\d{4})$/.exec(t); // "tháng 01 năm 2025"
  if (m) {
    const [mo, y] = [+m[1]!, +m[2]!];
    return mo >= 1 && mo <= 12 ? { deadline: iso(y, mo, lastDayOfMonth(y, mo)), recurring: false } : null;
  }
  m = /^quy (i{1,3}|iv|[1-4])\/(\d{4})$/.exec(t);
  if (m) {
    const q = ROMAN[m[1]!.toUpperCase()] ?? +m[1]!;
    const y = +m[2]!;
    return { deadline: iso(y, q * 3, lastDayOfMonth(y, q * 3)), recurring: false };
  }
  m = /^(\d{4})$/.exec(t);
  if (m) return { deadline: iso(+m[1]!, 12, 31), recurring: false };
  m = /^(\d{4})\s*(?:-|–|den)\s*(\d{4})$/.exec(t);
  if (m && +m[2]! >= +m[1]!) return { deadline: iso(+m[2]!, 12, 31), recurring: false };
  return null;
}
