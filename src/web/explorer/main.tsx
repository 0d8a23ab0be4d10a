// The explorer on GET /graphql: GraphiQL 5 (Monaco) inside the pages' shell, with every named
// operation of queries/ preloaded as a tab and listed, with its comment, in the "Named
// operations" pane; `?operation=<name>` opens that one's tab (the README links each example
// so). Editors use the bundled JetBrains Mono, which has Vietnamese glyphs, and insert nothing
// the user did not type (no auto-closed brackets or quotes, Enter always a new line), so a
// query typed key by key arrives as typed. Workers, fonts and styles all come from /assets.
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { useGraphiQL, useGraphiQLActions, useMonaco, type GraphiQLPlugin } from "@graphiql/react";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";
import "@fontsource/jetbrains-mono/400.css";
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/600.css";

import { mountShell } from "../common/shell.js";
import { currentLang, t, type Text } from "../common/i18n.js";
import "./explorer.css";

interface Operation { name: string; file: string; kind: "query" | "mutation"; query: string; comment: string; variables: string; headers: string }

/** The code font: bundled, with the Vietnamese subset (GraphiQL's Fira Code has none). */
export const CODE_FONT = "JetBrains Mono";

const OPERATIONS: Operation[] = JSON.parse(document.getElementById("pg-operations")?.textContent ?? "[]");

/** An operation by its name, or by its file's name (queries/UnverifiedFacts.graphql holds UnverifiedTechnologyGroups). */
const findOperation = (wanted: string) => OPERATIONS.find((o) => o.name === wanted) ?? OPERATIONS.find((o) => o.file === `${wanted}.graphql`);

const WANTED = new URLSearchParams(location.search).get("operation");
/** A ?operation= that names none: said in the pane, with the names that exist listed below it. */
const UNKNOWN = WANTED && !findOperation(WANTED) ? WANTED : null;

const WORKERS: Record<string, string> = { json: "json", graphql: "graphql" };
(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => new Worker(`/assets/explorer-${WORKERS[label] ?? "editor"}.worker.js`),
};

/** What every editor gets: the code font, and no text the user did not type. */
const EDITOR_OPTIONS = {
  fontFamily: `"${CODE_FONT}", monospace`,
  autoClosingBrackets: "never", autoClosingQuotes: "never", autoClosingDelete: "never", autoClosingOvertype: "never", autoSurround: "never",
  acceptSuggestionOnEnter: "off", acceptSuggestionOnCommitCharacter: false,
} as const;

const L = {
  title: { vi: "Truy vấn", en: "Explorer" },
  operations: { vi: "Truy vấn mẫu", en: "Named operations" },
  intro: {
    vi: "Mỗi tệp của queries/ là một thẻ, với chú thích và biến mặc định. Bấm tên để mở; liên kết ?operation= mở thẳng thẻ đó.",
    en: "Every file of queries/ is a tab, with its comment and default variables. Click a name to open it; a ?operation= link opens that tab directly.",
  },
  write: { vi: "ghi: cần token (npm run token)", en: "write: needs a token (npm run token)" },
  link: { vi: "liên kết", en: "link" },
  unknown: { vi: "Không có truy vấn mẫu nào tên “{name}”: chọn một trong danh sách dưới đây.", en: "No named operation is called “{name}”: pick one from the list below." },
  graph: { vi: "Xem đồ thị 57-NQ/TW", en: "See 57-NQ/TW as a graph" },
} satisfies Record<string, Text>;

function useLang() {
  const [lang, setLang] = useState(currentLang());
  useEffect(() => {
    const on = () => setLang(currentLang());
    window.addEventListener("langchange", on);
    return () => window.removeEventListener("langchange", on);
  }, []);
  return lang;
}

/** Opens a named operation: its tab if one is open, else a new tab with its text, variables and headers. */
function useOpenOperation() {
  const { changeTab, addTab } = useGraphiQLActions();
  const tabs = useGraphiQL((s) => s.tabs);
  const editors = useGraphiQL((s) => ({ query: s.queryEditor, variables: s.variableEditor, headers: s.headerEditor }));
  return (wanted: string) => {
    const op = findOperation(wanted);
    if (!op) return false;
    const name = op.name;
    const index = tabs.findIndex((tab) => tab.operationName === name || tab.title === name);
    if (index >= 0) changeTab(index);
    else {
      addTab();
      editors.query?.setValue(op.query);
      editors.variables?.setValue(op.variables);
      editors.headers?.setValue(op.headers);
    }
    const url = new URL(location.href);
    url.searchParams.set("operation", name);
    history.replaceState(null, "", url);
    return true;
  };
}

/** Mounted inside GraphiQL: the editors' options, and the tab ?operation= asks for. */
function Setup() {
  const monaco = useMonaco((s) => s.monaco);
  const ready = useGraphiQL((s) => Boolean(s.queryEditor && s.variableEditor && s.headerEditor));
  const open = useOpenOperation();
  useEffect(() => {
    if (!monaco) return;
    for (const editor of monaco.editor.getEditors()) editor.updateOptions(EDITOR_OPTIONS);
    const created = monaco.editor.onDidCreateEditor((editor) => editor.updateOptions(EDITOR_OPTIONS));
    monaco.editor.remeasureFonts();
    return () => created.dispose();
  }, [monaco]);
  // the tab bar scrolls: bring the active tab into view once React has drawn it
  const activeIndex = useGraphiQL((s) => s.activeTabIndex);
  useEffect(() => {
    const frame = requestAnimationFrame(() => document.querySelector(".graphiql-tab-active")?.scrollIntoView({ block: "nearest", inline: "nearest" }));
    return () => cancelAnimationFrame(frame);
  }, [activeIndex]);
  const [done, setDone] = useState(false);
  const editors = useGraphiQL((s) => ({ variables: s.variableEditor, headers: s.headerEditor }));
  const firstTab = useGraphiQL((s) => s.tabs[s.activeTabIndex]);
  useEffect(() => {
    if (!ready || done) return;
    setDone(true);
    // GraphiQL fills the first tab's query on a first visit but not its variables or headers
    if (firstTab && editors.variables?.getValue() !== (firstTab.variables ?? "")) editors.variables?.setValue(firstTab.variables ?? "");
    if (firstTab && editors.headers?.getValue() !== (firstTab.headers ?? "")) editors.headers?.setValue(firstTab.headers ?? "");
    if (WANTED) open(WANTED);
  }, [ready, done, open, editors, firstTab]);
  return null;
}

function OperationsPane() {
  useLang();
  const open = useOpenOperation();
  const active = useGraphiQL((s) => s.tabs[s.activeTabIndex]?.operationName ?? null);
  return (
    <div className="pg-operations" data-testid="operations">
      <div className="graphiql-doc-explorer-title">{t(L.operations)}</div>
      <p className="pg-intro">{t(L.intro)}</p>
      {UNKNOWN && <p className="pg-unknown" role="alert" data-testid="unknown-operation">{t(L.unknown).replace("{name}", UNKNOWN)}</p>}
      <ul>
        {OPERATIONS.map((op) => (
          <li key={op.name} data-operation={op.name} aria-current={active === op.name ? "true" : undefined}>
            <button type="button" onClick={() => open(op.name)}>{op.name}</button>
            {op.kind === "mutation" && <span className="pg-write">{t(L.write)}</span>}
            <a className="pg-link" href={`/graphql?operation=${encodeURIComponent(op.name)}&lang=${currentLang()}`}>{t(L.link)}</a>
            <pre>{op.comment}</pre>
          </li>
        ))}
      </ul>
      <p><a href={`/graph?seeds=${encodeURIComponent("57-NQ/TW")}&depth=1&lang=${currentLang()}`}>{t(L.graph)}</a></p>
    </div>
  );
}

const ListIcon = () => (
  <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
    <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" strokeLinecap="round" />
  </svg>
);

const operationsPlugin: GraphiQLPlugin = { title: "Truy vấn mẫu · Named operations", icon: ListIcon, content: OperationsPane };

/** What a new tab holds (GraphiQL's own welcome is in English only). */
const NEW_TAB = "# Truy vấn mới: gõ ở đây, hoặc mở một truy vấn mẫu ở bên trái.\n# A new query: type it here, or open a named operation on the left.\n";

const fetcher: GraphiQLProps["fetcher"] = async (params, opts) => {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { ...(opts?.headers as Record<string, string> | undefined), "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(params),
  });
  return res.json();
};

const plugins = [operationsPlugin, explorerPlugin()];

function Explorer() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      visiblePlugin={operationsPlugin}
      defaultQuery={NEW_TAB}
      defaultTabs={OPERATIONS.map((op) => ({ query: op.query, variables: op.variables, headers: op.headers }))}
      defaultEditorToolsVisibility="variables"
      defaultTheme="light"
    >
      <GraphiQL.Logo>Policy Graph</GraphiQL.Logo>
      <Setup />
    </GraphiQL>
  );
}

async function start() {
  const main = mountShell(L.title);
  main.classList.add("pg-explorer");
  // Monaco measures the font when an editor is made: load it (and its Vietnamese subset) first.
  await Promise.all([document.fonts.load(`15px "${CODE_FONT}"`, "{ Đề án }"), document.fonts.load(`15px "Noto Sans"`, "Đề án")]).catch(() => undefined);
  createRoot(main).render(<Explorer />);
}

void start();
