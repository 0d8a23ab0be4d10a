// The pages' two languages. Vietnamese is the default (the sources' language); the choice is
// kept in the URL (?lang=en) and in localStorage, and every page re-renders on "langchange".
export type Lang = "vi" | "en";
export interface Text { vi: string; en: string }

const KEY = "policy-graph.lang";

export function currentLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (fromUrl === "vi" || fromUrl === "en") return fromUrl;
  return localStorage.getItem(KEY) === "en" ? "en" : "vi";
}

export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  const url = new URL(location.href);
  url.searchParams.set("lang", lang);
  history.replaceState(null, "", url);
  document.documentElement.lang = lang;
  window.dispatchEvent(new CustomEvent("langchange", { detail: lang }));
}

/** A label in the current language. */
export const t = (text: Text): string => text[currentLang()];

/** A record's field in the current language: `titleVi`/`titleEn`, falling back to the other one. */
export function field(record: Record<string, unknown>, base: string): string {
  const [first, second] = currentLang() === "en" ? ["En", "Vi"] : ["Vi", "En"];
  const v = record[base + first] ?? record[base + second];
  return typeof v === "string" ? v : "";
}
