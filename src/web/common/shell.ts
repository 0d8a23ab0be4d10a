// The frame every page shares: a header with the pages' links and the language toggle, and a
// main area the page fills. `onLang` re-renders a page when the language changes.
import { currentLang, setLang, t, type Text } from "./i18n.js";
import "./shell.css";

const LINKS: { href: string; label: Text }[] = [
  { href: "/graphql", label: { vi: "Truy vấn", en: "Explorer" } },
  { href: "/graph", label: { vi: "Đồ thị", en: "Graph" } },
  { href: "/dashboard", label: { vi: "Bảng điều khiển", en: "Dashboard" } },
];

export function mountShell(title: Text): HTMLElement {
  const root = document.getElementById("app")!;
  root.innerHTML = "";
  const header = document.createElement("header");
  header.className = "pg-header";
  const h1 = document.createElement("h1");
  const nav = document.createElement("nav");
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "pg-lang";
  toggle.dataset.testid = "lang-toggle";
  toggle.addEventListener("click", () => setLang(currentLang() === "vi" ? "en" : "vi"));
  const render = () => {
    const lang = currentLang();
    document.documentElement.lang = lang;
    h1.textContent = t(title);
    document.title = `Policy Graph — ${t(title)}`;
    nav.replaceChildren(...LINKS.map((l) => {
      const a = document.createElement("a");
      a.href = `${l.href}?lang=${lang}`;
      a.textContent = t(l.label);
      if (location.pathname === l.href) a.setAttribute("aria-current", "page");
      return a;
    }));
    toggle.textContent = lang === "vi" ? "English" : "Tiếng Việt";
  };
  render();
  window.addEventListener("langchange", render);
  header.append(h1, nav, toggle);
  const main = document.createElement("main");
  main.className = "pg-main";
  root.append(header, main);
  return main;
}

export function onLang(render: () => void): void {
  window.addEventListener("langchange", render);
}
