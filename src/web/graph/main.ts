// The graph view (/graph): draws what the address selects (load.ts) with Cytoscape.js, nodes
// coloured by type and tasks by their status as of the date (style.ts), with a legend, a side
// panel of a clicked node's properties and source quotes, double-click to expand a node's
// neighbours, a search that jumps to a node, layouts (hierarchical for document trees), and
// downloads of the picture (PNG, SVG) and of the selection (every export format).
// `window.cy` is the drawing itself, for tests and for the curious.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import svg from "cytoscape-svg";
import "@fontsource/noto-sans/400.css";

import { currentLang, t } from "../common/i18n.js";
import { mountShell, onLang } from "../common/shell.js";
import { fold, nodeLabel, type GraphData, type NodeData } from "./elements.js";
import { citations, exportLinks, fetchExport, load, neighbourhood, viewOf, ViewError, type View } from "./load.js";
import { FONT, STATUSES, TYPES, fillOf, stylesheet, typeStyle } from "./style.js";
import { L, fill } from "./text.js";
import "./graph.css";

cytoscape.use(dagre);
cytoscape.use(svg);

declare global { interface Window { cy?: cytoscape.Core } }

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { testid, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  if (typeof testid === "string") e.dataset.testid = testid;
  e.append(...children);
  return e;
}

const LAYOUTS = Object.keys(L.layouts);

function layoutOptions(name: string, data: { seeds: string[] }): cytoscape.LayoutOptions {
  const common = { name, animate: false, fit: true, padding: 30 };
  if (name === "dagre") return { ...common, rankDir: "BT", nodeSep: 12, rankSep: 60 } as cytoscape.LayoutOptions;
  if (name === "cose") return { ...common, nodeRepulsion: () => 40000, idealEdgeLength: () => 110, nodeOverlap: 20, randomize: false, componentSpacing: 80 } as cytoscape.LayoutOptions;
  if (name === "breadthfirst") return { ...common, directed: false, roots: data.seeds.length ? data.seeds.map((s) => `[id = ${JSON.stringify(s)}]`).join(", ") : undefined } as cytoscape.LayoutOptions;
  if (name === "concentric") return { ...common, minNodeSpacing: 8 } as cytoscape.LayoutOptions;
  return common as cytoscape.LayoutOptions;
}

async function main() {
  const main = mountShell(L.title);
  main.classList.add("gv");
  let view: View | undefined;
  let viewError: ViewError | undefined;
  try {
    view = viewOf(location.search);
  } catch (e) {
    viewError = e as ViewError;
  }
  const params = new URLSearchParams(location.search);
  const seeds = view?.mode === "export" ? view.params.getAll("seeds").concat(view.params.getAll("from")).flatMap((s) => s.split(",")).filter(Boolean) : [];
  const initialLayout = LAYOUTS.includes(params.get("layout") ?? "") ? params.get("layout")! : view && (view.mode === "dependencies" || view.mode === "connect") ? "dagre" : "cose";

  // ---- the bar: selection, search, layout, picture downloads
  const seedsInput = el("input", { name: "seeds", value: seeds.join(","), size: 18 });
  const depthInput = el("input", { name: "depth", type: "number", min: "0", max: "6", value: view?.mode === "export" ? view.params.get("depth") ?? "1" : "1" });
  const asOfInput = el("input", { name: "asOf", type: "date", value: params.get("asOf") ?? "" });
  const seedsLabel = el("label"), depthLabel = el("label"), asOfLabel = el("label");
  const showButton = el("button", { type: "submit" });
  const form = el("form", { className: "gv-selection" }, seedsLabel, depthLabel, asOfLabel, showButton);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    // a new selection: seeds, depth and date from the form, the address's other export parameters kept
    const q = view?.mode === "export" ? new URLSearchParams(view.params) : new URLSearchParams();
    q.delete("from");
    const s = seedsInput.value.trim();
    if (s) q.set("seeds", s); else q.delete("seeds");
    q.set("depth", depthInput.value || "1");
    if (asOfInput.value) q.set("asOf", asOfInput.value); else q.delete("asOf");
    q.set("lang", currentLang());
    location.search = q.toString();
  });

  const searchInput = el("input", { type: "search", testid: "graph-search" });
  searchInput.setAttribute("list", "gv-node-list");
  const dataList = el("datalist", { id: "gv-node-list" });
  const findButton = el("button", { type: "submit" });
  const searchMessage = el("span", { className: "gv-search-msg", testid: "graph-search-message" });
  const searchForm = el("form", { className: "gv-search" }, searchInput, dataList, findButton, searchMessage);
  const layoutSelect = el("select", { testid: "graph-layout" });
  const layoutLabel = el("label", {}, "", layoutSelect);
  const pngButton = el("button", { type: "button", testid: "download-png" }, "PNG");
  const svgButton = el("button", { type: "button", testid: "download-svg" }, "SVG");
  const pictureLabel = el("span");
  const bar = el("div", { className: "gv-bar" }, form, searchForm, layoutLabel, el("span", { className: "gv-picture" }, pictureLabel, pngButton, svgButton));

  const heading = el("div", { className: "gv-heading", testid: "graph-heading" });
  const status = el("div", { className: "gv-status", testid: "graph-status" });
  const errorBox = el("div", { className: "gv-error", testid: "graph-error", hidden: true });
  errorBox.setAttribute("role", "alert");
  const canvas = el("div", { className: "gv-canvas", testid: "graph-canvas" });
  const panel = el("aside", { className: "gv-panel", testid: "node-panel" });
  const legend = el("div", { className: "gv-legend", testid: "legend" });
  const exports = el("div", { className: "gv-exports", testid: "export-links" });
  main.append(bar, heading, status, errorBox, el("div", { className: "gv-body" }, canvas, panel), legend, exports);

  let data: GraphData | undefined;
  let cy: cytoscape.Core | undefined;
  let selected: string | undefined;

  const showError = (e: unknown) => {
    const err = e instanceof ViewError ? e : new ViewError(e instanceof Error ? e.message : String(e), "INTERNAL_SERVER_ERROR");
    errorBox.hidden = false;
    errorBox.replaceChildren(el("strong", {}, t(L.error)), " ", el("code", { testid: "graph-error-code" }, err.code), el("p", { testid: "graph-error-message" }, err.message));
  };

  // ---- labels in the current language (re-run on the toggle)
  const render = () => {
    seedsLabel.replaceChildren(t(L.seeds), " ", seedsInput);
    depthLabel.replaceChildren(t(L.depth), " ", depthInput);
    asOfLabel.replaceChildren(t(L.asOf), " ", asOfInput);
    showButton.textContent = t(L.show);
    searchInput.placeholder = t(L.search);
    findButton.textContent = t(L.find);
    searchMessage.textContent = "";
    layoutLabel.firstChild!.textContent = `${t(L.layout)} `;
    const current = layoutSelect.value || initialLayout;
    layoutSelect.replaceChildren(...LAYOUTS.map((name) => el("option", { value: name, textContent: t(L.layouts[name]!), selected: name === current })));
    pictureLabel.textContent = `${t(L.picture)}: `;
    heading.textContent = !view ? "" : view.mode === "trace" ? fill(t(L.trace), { id: view.id })
      : view.mode === "connect" ? fill(t(L.connect), { a: view.from, b: view.to })
      : view.mode === "dependencies" ? fill(t(L.dependencies), { id: view.id }) : "";
    if (!data || !cy) { status.textContent = viewError ? "" : t(L.loading); return; }
    cy.batch(() => cy!.nodes().forEach((n) => { n.data("display", nodeLabel(n.data() as NodeData)); }));
    status.textContent = `${fill(t(L.counts), { n: cy.nodes().length, r: cy.edges().length, d: data.asOf ?? "—" })}. ${t(L.hint)}`;
    dataList.replaceChildren(...cy.nodes().map((n) => el("option", { value: n.id(), label: n.data("display") as string })));
    renderLegend();
    renderExports();
    if (selected) void renderPanel(selected);
    else panel.replaceChildren(el("p", { className: "gv-muted" }, t(L.hint)));
  };

  const renderLegend = () => {
    const present = new Set(cy!.nodes().map((n) => n.data("type") as string));
    const statuses = new Set(cy!.nodes('[type = "Task"]').map((n) => n.data("status") as string));
    const item = (color: string, text: string, attrs: Record<string, string>) => {
      const li = el("li", {}, el("span", { className: "gv-swatch" }), text);
      (li.firstChild as HTMLElement).style.background = color;
      Object.assign(li.dataset, attrs);
      return li;
    };
    legend.replaceChildren(
      el("h2", {}, t(L.legend)),
      el("ul", {}, ...Object.entries(TYPES).filter(([type]) => present.has(type) && type !== "Task").map(([type, s]) => item(s.color, t(s.label), { type }))),
      ...(present.has("Task") ? [
        el("h3", {}, fill(t(L.tasksByStatus), { d: data!.asOf ?? "—" })),
        el("ul", {}, ...Object.entries(STATUSES).filter(([s]) => statuses.has(s)).map(([s, v]) => item(v.color, t(v.label), { status: s }))),
      ] : []),
    );
  };

  const renderExports = () => {
    const links = exportLinks(view!, cy!.nodes().map((n) => n.id()), data!.asOf);
    exports.replaceChildren(el("span", {}, `${t(L.selection)}: `), ...("tooMany" in links
      ? [el("span", { className: "gv-muted" }, `${links.tooMany} — ${t(L.tooManySeeds)}`)]
      : links.map(({ format, href }) => el("a", { href, textContent: format, download: "" }))));
  };

  const renderPanel = async (id: string) => {
    const node = cy!.getElementById(id);
    if (node.empty()) return;
    const d = node.data() as NodeData & { display: string; fill: string; shape: string };
    const props = Object.entries(d).filter(([k, v]) => !["display", "fill", "shape", "id", "type", "status"].includes(k) && v != null && v !== "");
    const value = (v: unknown) => (typeof v === "object" ? JSON.stringify(v) : String(v));
    const quotesList = el("ol", { className: "gv-quotes", testid: "node-quotes" }, el("li", { className: "gv-muted" }, t(L.loading)));
    const rels = node.connectedEdges().map((e) => {
      const out = e.source().id() === id;
      const other = out ? e.target() : e.source();
      const quote = e.data("quote") as string | undefined;
      return el("li", {}, el("code", {}, out ? `→ ${e.data("type")}` : `← ${e.data("type")}`), " ", other.data("display") as string,
        ...(quote ? [el("blockquote", {}, quote)] : []));
    });
    panel.replaceChildren(
      el("h2", { testid: "node-title" }, d.display),
      el("p", {}, el("span", { className: "gv-type" }, t(typeStyle(d.type).label)), " ", el("code", { testid: "node-id" }, d.id)),
      ...(d.type === "Task" && d.status ? [el("p", { testid: "node-status" }, `${t(L.status)} (${data!.asOf ?? ""}): ${t(STATUSES[d.status]?.label ?? { vi: d.status, en: d.status })}`)] : []),
      el("button", { type: "button", testid: "node-expand", onclick: () => void expand(id) }, t(L.expand)),
      el("h3", {}, t(L.quotes)), quotesList,
      el("h3", {}, t(L.properties)),
      el("dl", { className: "gv-props" }, ...props.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, value(v))])),
      el("h3", {}, t(L.relationships)), el("ul", { className: "gv-rels" }, ...rels),
    );
    try {
      const quotes = d.type === "Source" ? [] : await citations(id);
      if (selected !== id) return;
      quotesList.replaceChildren(...(quotes.length ? quotes.map((q) => el("li", { className: "gv-quote" },
        el("blockquote", { testid: "node-quote" }, q.quote),
        el("cite", {}, `${(q.sourceName[currentLang() === "en" ? "nameEn" : "nameVi"] as string) ?? q.sourceId}${q.file ? ` (${q.file})` : ""} · ${t(L.trust)} ${q.trust ?? "—"}${q.note ? ` · ${q.note}` : ""}`)))
        : [el("li", { className: "gv-muted" }, t(L.noQuotes))]));
    } catch (e) {
      quotesList.replaceChildren(el("li", { className: "gv-error" }, e instanceof ViewError ? `${e.code}: ${e.message}` : String(e)));
    }
  };

  const nodeElements = (nodes: NodeData[]) => nodes.map((n) => ({
    group: "nodes" as const,
    data: { ...n, display: nodeLabel(n), fill: fillOf(n), shape: typeStyle(n.type).shape },
  }));

  const runLayout = () => cy!.layout(layoutOptions(layoutSelect.value || initialLayout, { seeds })).run();

  const select = (id: string) => {
    selected = id;
    cy!.elements().unselect();
    cy!.getElementById(id).select();
    cy!.edges().removeClass("gv-near");
    cy!.getElementById(id).connectedEdges().addClass("gv-near");
    void renderPanel(id);
  };

  // Double-click: the node's depth-1 neighbourhood with the view's date and filters, merged in.
  const expand = async (id: string) => {
    try {
      const more = await fetchExport(neighbourhood(view!, id, data!.asOf));
      const newNodes = more.nodes.filter((n) => cy!.getElementById(n.id).empty());
      const at = cy!.getElementById(id).position();
      cy!.batch(() => {
        cy!.add(nodeElements(newNodes).map((e) => ({ ...e, position: { ...at } })));
        cy!.add(more.edges.filter((e) => cy!.getElementById(e.id).empty()).map((e) => ({ group: "edges" as const, data: e })));
      });
      data!.nodes.push(...newNodes);
      runLayout();
      render();
    } catch (e) {
      showError(e);
    }
  };

  searchForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!cy) return;
    const q = searchInput.value.trim();
    if (!q) return;
    const f = fold(q);
    const names = (n: cytoscape.NodeSingular) => ["titleVi", "titleEn", "nameVi", "nameEn", "display"].map((k) => n.data(k)).filter((v): v is string => typeof v === "string");
    // the id exactly, else a title or name exactly (folded), else the first that contains the text
    let match: cytoscape.CollectionReturnValue = cy.getElementById(q);
    if (match.empty()) match = cy.nodes().filter((n) => names(n).some((s) => fold(s) === f)).slice(0, 1);
    if (match.empty()) match = cy.nodes().filter((n) => [n.id(), ...names(n)].some((s) => fold(s).includes(f))).slice(0, 1);
    if (match.empty()) { searchMessage.textContent = t(L.notFound); return; }
    searchMessage.textContent = "";
    cy.animate({ center: { eles: match }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
    select(match.id());
  });

  layoutSelect.addEventListener("change", () => {
    const url = new URL(location.href);
    url.searchParams.set("layout", layoutSelect.value);
    history.replaceState(null, "", url);
    if (cy) runLayout();
  });

  const download = (blob: Blob, ext: string) => {
    const a = el("a", { href: URL.createObjectURL(blob), download: `policy-graph.${ext}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  pngButton.addEventListener("click", () => cy && download(cy.png({ output: "blob", full: true, bg: "#ffffff", scale: 2 }), "png"));
  svgButton.addEventListener("click", () => {
    if (!cy) return;
    const text = (cy as unknown as { svg(o: object): string }).svg({ full: true, bg: "#ffffff" });
    download(new Blob([text], { type: "image/svg+xml" }), "svg");
  });

  onLang(render);
  render();
  if (viewError || !view) return showError(viewError);

  try {
    await document.fonts.load(`9px ${FONT}`, "Đề án Nghị quyết");
    data = await load(view);
  } catch (e) {
    status.textContent = "";
    return showError(e);
  }
  cy = cytoscape({
    container: canvas,
    elements: [...nodeElements(data.nodes), ...data.edges.map((e) => ({ group: "edges" as const, data: e }))],
    style: stylesheet,
    layout: layoutOptions(initialLayout, { seeds }),
    minZoom: 0.05,
    maxZoom: 4,
  });
  window.cy = cy;
  // a small selection fitted to the canvas is drawn huge: keep it at a readable size
  cy.on("layoutstop", () => { if (cy!.zoom() > 1.5) { cy!.zoom(1.5); cy!.center(); } });
  if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
  cy.on("tap", "node", (ev) => select(ev.target.id()));
  cy.on("dbltap", "node", (ev) => void expand(ev.target.id()));
  render();
  document.body.dataset.graphReady = "true";
}

void main();
