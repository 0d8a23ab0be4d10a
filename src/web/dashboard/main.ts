// The dashboard page (/dashboard): the programme's figures as of a date, one panel per named
// operation of queries.ts, each fetched on its own (so a slow or failing panel holds up no
// other, and each is a request a dashboard developer can copy). A panel re-asks only when a
// filter its query takes changes; a language change redraws from the answers already held.
import "@fontsource/noto-sans/latin-400.css";
import "@fontsource/noto-sans/vietnamese-400.css";
import "@fontsource/noto-sans/latin-600.css";
import "@fontsource/noto-sans/vietnamese-600.css";
import "./dashboard.css";

import type { Chart } from "chart.js";

import { ApiError, graphql } from "../common/api.js";
import { currentLang, field, t, type Text } from "../common/i18n.js";
import { mountShell, onLang } from "../common/shell.js";
import { COLOURS, stackedBars } from "./charts.js";
import { ChoicesError, controlFor, pageSizeFrom, readAll, type Choices, type Page } from "./choices.js";
import * as Q from "./queries.js";
import { download, renderTable, toCsv, type Column, type TableState } from "./table.js";

// ---------------------------------------------------------------- state and labels

type Filter = "asOf" | "documentId" | "agencyId";
interface State { asOf: string; documentId: string | null; agencyId: string | null }

const STATUSES = ["DONE", "IN_PROGRESS", "NOT_STARTED", "OVERDUE", "UNKNOWN"] as const;
const STATUS: Record<string, Text> = {
  DONE: { vi: "Hoàn thành", en: "Done" }, IN_PROGRESS: { vi: "Đang thực hiện", en: "In progress" },
  NOT_STARTED: { vi: "Chưa bắt đầu", en: "Not started" }, OVERDUE: { vi: "Quá hạn", en: "Overdue" },
  UNKNOWN: { vi: "Chưa rõ", en: "Unknown" },
};
const L = {
  title: { vi: "Bảng điều khiển", en: "Dashboard" },
  asOf: { vi: "Tính đến ngày", en: "As of" },
  document: { vi: "Văn bản", en: "Document" },
  agency: { vi: "Cơ quan", en: "Agency" },
  allDocuments: { vi: "Tất cả văn bản", en: "All documents" },
  allAgencies: { vi: "Tất cả cơ quan", en: "All agencies" },
  documentCount: { vi: "{n} văn bản", en: "{n} documents" },
  documentCount1: { vi: "{n} văn bản", en: "{n} document" },
  agencyCount: { vi: "{n} cơ quan", en: "{n} agencies" },
  agencyCount1: { vi: "{n} cơ quan", en: "{n} agency" },
  tooMany: { vi: "quá nhiều để liệt kê; nhập mã", en: "too many to list; type an id" },
  typeToFilter: { vi: "Gõ để lọc", en: "Type to filter" },
  notAChoice: { vi: "Không có trong danh sách; chọn một mục hoặc để trống.", en: "Not in the list; pick one, or leave it empty." },
  agencyHint: { vi: "Giữ các nhiệm vụ cơ quan chủ trì hoặc phối hợp vào ngày đã chọn, kể cả việc kế thừa từ cơ quan tiền nhiệm; mục tiêu không lọc theo cơ quan.", en: "Keeps the tasks the agency leads or coordinates on the chosen date, work inherited from its predecessors included; targets are not narrowed by agency." },
  csv: { vi: "Tải CSV", en: "Download CSV" },
  request: { vi: "Câu truy vấn của bảng này", en: "This panel's request" },
  variables: { vi: "Biến", en: "Variables" },
  loading: { vi: "Đang tải…", en: "Loading…" },
  empty: { vi: "Không có dữ liệu cho lựa chọn này.", en: "Nothing for this choice." },
  takes: { vi: "Lọc theo", en: "Filtered by" },
  notTaken: { vi: "Truy vấn của bảng này không nhận", en: "This panel's query takes no" },
  total: { vi: "Tổng", en: "Total" },
  done: { vi: "Hoàn thành", en: "Done" },
  overdue: { vi: "Quá hạn", en: "Overdue" },
  other: { vi: "Khác (chưa xong, chưa quá hạn)", en: "Other (not done, not overdue)" },
  rate: { vi: "Tỷ lệ hoàn thành", en: "Completion" },
  month: { vi: "Tháng", en: "Month" },
  id: { vi: "Mã", en: "Id" },
  task: { vi: "Nhiệm vụ", en: "Task" },
  deadline: { vi: "Hạn", en: "Deadline" },
  deadlineText: { vi: "Hạn như văn bản ghi", en: "Deadline as written" },
  leads: { vi: "Cơ quan chủ trì", en: "Lead agencies" },
  origin: { vi: "Nguồn giao", en: "From" },
  horizon: { vi: "Mốc năm", en: "Horizon" },
  noYear: { vi: "Không có năm", en: "No year" },
  targets: { vi: "Số mục tiêu", en: "Targets" },
  monitor: { vi: "Cơ quan theo dõi", en: "Monitoring agency" },
  monitored: { vi: "Mục tiêu theo dõi", en: "Targets it monitors" },
  firstOf: { vi: "Hiển thị {n} trên tổng {total}.", en: "Showing {n} of {total}." },
} satisfies Record<string, Text>;
const FILTER_LABEL: Record<Filter, Text> = { asOf: L.asOf, documentId: L.document, agencyId: L.agency };

const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

function readState(): State {
  const p = new URLSearchParams(location.search);
  const asOf = p.get("asOf");
  return { asOf: isDate(asOf) ? asOf : todayInVietnam(), documentId: p.get("documentId") || null, agencyId: p.get("agencyId") || null };
}

function writeState(s: State): void {
  const url = new URL(location.href);
  for (const k of ["asOf", "documentId", "agencyId"] as const) {
    const v = s[k];
    if (v) url.searchParams.set(k, v);
    else url.searchParams.delete(k);
  }
  history.replaceState(null, "", url);
}

const int = (n: number | null) => (n === null ? "" : String(n));
const percent = (v: string | number | null) =>
  typeof v === "number" ? new Intl.NumberFormat(currentLang(), { style: "percent", maximumFractionDigits: 1 }).format(v) : "";
type AgencyRef = { id: string; nameVi: string; nameEn: string; abbreviation: string | null };
type Ref = { id: string; titleVi: string | null; titleEn: string | null };
const agencyName = (a: AgencyRef) => field(a, "name");
const shortName = (a: AgencyRef) => a.abbreviation ?? agencyName(a);
const title = (r: Ref) => field(r, "title") || r.id;

// ---------------------------------------------------------------- panels

interface PanelDef<R> {
  id: string;
  title: Text;
  /** the question the panel's request asks, in a sentence */
  asks: Text;
  query: string;
  takes: Filter[];
  rows(data: any): R[];
  columns: Column<R>[];
  rowId(row: R): string;
  sort: TableState;
  chart?(canvas: HTMLCanvasElement, rows: R[]): Chart;
  /** a line under the table, e.g. when a list is longer than the page asked */
  note?(data: any, rows: R[]): string | null;
}

const operationName = (query: string) => /query\s+(\w+)/.exec(query)![1]!;

type AgencyStatusRow = { agency: AgencyRef; counts: Record<string, number>; total: number };
type GroupRow = { group: Ref; total: number; done: number; overdue: number; completionRate: number };
type MonthRow = { month: string; total: number; done: number; overdue: number };
type OverdueRow = { task: Ref & { deadline: string | null; deadlineText: string | null }; origin: { id: string } | null; owners: AgencyRef[] };
type TargetRow = { year: number | null; total: number; agency: AgencyRef | null; count: number | null };

/** done / overdue / the rest, stacked, for rows that have total, done and overdue. */
const progressDatasets = (rows: { total: number; done: number; overdue: number }[]) => [
  { label: t(L.done), data: rows.map((r) => r.done), backgroundColor: COLOURS.DONE },
  { label: t(L.overdue), data: rows.map((r) => r.overdue), backgroundColor: COLOURS.OVERDUE },
  { label: t(L.other), data: rows.map((r) => r.total - r.done - r.overdue), backgroundColor: COLOURS.OTHER },
];

const groupColumns = (label: Text): Column<GroupRow>[] => [
  { key: "id", label: L.id, value: (r) => r.group.id },
  { key: "title", label, value: (r) => title(r.group) },
  { key: "total", label: L.total, value: (r) => r.total, numeric: true },
  { key: "done", label: L.done, value: (r) => r.done, numeric: true },
  { key: "overdue", label: L.overdue, value: (r) => r.overdue, numeric: true },
  { key: "completionRate", label: L.rate, value: (r) => r.completionRate, numeric: true, format: percent },
];

const CHART_TOP = 15;

const PANELS: PanelDef<any>[] = [
  {
    id: "statusByAgency",
    title: { vi: "Tình trạng theo cơ quan chủ trì", en: "Status by lead agency" },
    asks: { vi: "Số nhiệm vụ theo tình trạng và cơ quan chủ trì hiện nay (kể cả việc kế thừa sau sáp nhập).", en: "Tasks by status and by today's lead agency (work inherited through a merger included)." },
    query: Q.STATUS_BY_AGENCY,
    takes: ["asOf", "documentId", "agencyId"],
    rows(data): AgencyStatusRow[] {
      const by = new Map<string, AgencyStatusRow>();
      for (const c of data.dashboard.byStatusAndAgency as { agency: AgencyRef; status: string; count: number }[]) {
        const row = by.get(c.agency.id) ?? { agency: c.agency, counts: {}, total: 0 };
        row.counts[c.status] = c.count;
        row.total += c.count;
        by.set(c.agency.id, row);
      }
      return [...by.values()];
    },
    columns: [
      { key: "agency", label: L.agency, value: (r: AgencyStatusRow) => agencyName(r.agency) },
      ...STATUSES.map((s): Column<AgencyStatusRow> => ({ key: s, label: STATUS[s]!, value: (r) => r.counts[s] ?? 0, numeric: true })),
      { key: "total", label: L.total, value: (r: AgencyStatusRow) => r.total, numeric: true },
    ],
    rowId: (r: AgencyStatusRow) => r.agency.id,
    sort: { key: "total", dir: -1 },
    chart(canvas, rows: AgencyStatusRow[]) {
      const top = [...rows].sort((a, b) => b.total - a.total).slice(0, CHART_TOP);
      return stackedBars(canvas, top.map((r) => shortName(r.agency)), STATUSES.map((s) => ({ label: t(STATUS[s]!), data: top.map((r) => r.counts[s] ?? 0), backgroundColor: COLOURS[s] })), true);
    },
    note: (_d, rows: AgencyStatusRow[]) => rows.length > CHART_TOP
      ? t({ vi: `Biểu đồ: ${CHART_TOP} cơ quan nhiều nhiệm vụ nhất; bảng: cả ${rows.length}.`, en: `Chart: the ${CHART_TOP} agencies with the most tasks; table: all ${rows.length}.` }) : null,
  },
  {
    id: "deadlinesByMonth",
    title: { vi: "Hạn theo tháng", en: "Deadlines by month" },
    asks: { vi: "Số nhiệm vụ đến hạn mỗi tháng, số đã hoàn thành và số quá hạn.", en: "Tasks due each month, how many are done and how many overdue." },
    query: Q.DEADLINES_BY_MONTH,
    takes: ["asOf", "documentId", "agencyId"],
    rows: (data): MonthRow[] => data.dashboard.byDeadlineMonth,
    columns: [
      { key: "month", label: L.month, value: (r: MonthRow) => r.month },
      { key: "total", label: L.total, value: (r: MonthRow) => r.total, numeric: true },
      { key: "done", label: L.done, value: (r: MonthRow) => r.done, numeric: true },
      { key: "overdue", label: L.overdue, value: (r: MonthRow) => r.overdue, numeric: true },
    ],
    rowId: (r: MonthRow) => r.month,
    sort: { key: "month", dir: 1 },
    chart: (canvas, rows: MonthRow[]) => stackedBars(canvas, rows.map((r) => r.month), progressDatasets(rows), false),
  },
  {
    id: "completionByDocument",
    title: { vi: "Hoàn thành theo văn bản", en: "Completion by document" },
    asks: { vi: "Mỗi văn bản (hoặc cuộc họp) giao bao nhiêu nhiệm vụ, bao nhiêu đã hoàn thành, bao nhiêu quá hạn.", en: "For each document (or meeting) that assigns tasks: how many, how many done, how many overdue." },
    query: Q.COMPLETION_BY_DOCUMENT,
    takes: ["asOf", "documentId", "agencyId"],
    rows: (data): GroupRow[] => data.dashboard.completionByDocument,
    columns: groupColumns(L.document),
    rowId: (r: GroupRow) => r.group.id,
    sort: { key: "total", dir: -1 },
    chart: (canvas, rows: GroupRow[]) => stackedBars(canvas, rows.map((r) => r.group.id), progressDatasets(rows), true),
  },
  {
    id: "completionByTechnologyGroup",
    title: { vi: "Hoàn thành theo nhóm công nghệ chiến lược", en: "Completion by strategic technology group" },
    asks: { vi: "Nhiệm vụ liên quan đến mỗi nhóm công nghệ chiến lược (1131/QĐ-TTg): số lượng, đã hoàn thành, quá hạn.", en: "Tasks concerning each strategic technology group (1131/QĐ-TTg): how many, done, overdue." },
    query: Q.COMPLETION_BY_TECHNOLOGY_GROUP,
    takes: ["asOf", "documentId", "agencyId"],
    rows: (data): GroupRow[] => data.dashboard.byTechnologyGroup,
    columns: groupColumns({ vi: "Nhóm công nghệ", en: "Technology group" }),
    rowId: (r: GroupRow) => r.group.id,
    sort: { key: "total", dir: -1 },
    chart: (canvas, rows: GroupRow[]) => stackedBars(canvas, rows.map((r) => title(r.group)), progressDatasets(rows), true),
  },
  {
    id: "overdue",
    title: { vi: "Nhiệm vụ quá hạn", en: "Overdue tasks" },
    asks: { vi: "Các nhiệm vụ quá hạn vào ngày đã chọn, theo hạn.", en: "The tasks overdue on the chosen date, by deadline." },
    query: Q.OVERDUE,
    takes: ["asOf", "documentId", "agencyId"],
    rows: (data): OverdueRow[] => data.deadlines.items,
    columns: [
      { key: "id", label: L.id, value: (r: OverdueRow) => r.task.id },
      { key: "task", label: L.task, value: (r: OverdueRow) => title(r.task) },
      { key: "deadline", label: L.deadline, value: (r: OverdueRow) => r.task.deadline },
      { key: "deadlineText", label: L.deadlineText, value: (r: OverdueRow) => r.task.deadlineText },
      { key: "leads", label: L.leads, value: (r: OverdueRow) => r.owners.map(agencyName).join("; ") },
      { key: "origin", label: L.origin, value: (r: OverdueRow) => r.origin?.id ?? null },
    ],
    rowId: (r: OverdueRow) => r.task.id,
    sort: { key: "deadline", dir: 1 },
    note: (data) => data.deadlines.hasNextPage ? t(L.firstOf).replace("{n}", String(data.deadlines.items.length)).replace("{total}", String(data.deadlines.total)) : null,
  },
  {
    id: "targetsByHorizon",
    title: { vi: "Mục tiêu theo mốc năm", en: "Targets by horizon" },
    asks: { vi: "Số mục tiêu theo mốc năm (2030, 2045…) và cơ quan theo dõi vào ngày đã chọn (bộ đã sáp nhập tính cho bộ kế thừa).", en: "Targets by horizon year (2030, 2045…) and by monitoring agency on the chosen date (a merged ministry's count for its successor)." },
    query: Q.TARGETS_BY_HORIZON,
    takes: ["asOf"],
    rows: (data): TargetRow[] => (data.dashboard.targetsByHorizon as { year: number | null; total: number; byMonitoringAgency: { agency: AgencyRef; count: number }[] }[])
      .flatMap((h): TargetRow[] => h.byMonitoringAgency.length
        ? h.byMonitoringAgency.map((m) => ({ year: h.year, total: h.total, agency: m.agency, count: m.count }))
        : [{ year: h.year, total: h.total, agency: null, count: null }]),
    columns: [
      { key: "year", label: L.horizon, value: (r: TargetRow) => r.year, format: (v) => (v === null ? t(L.noYear) : String(v)), numeric: true },
      { key: "total", label: L.targets, value: (r: TargetRow) => r.total, numeric: true },
      { key: "monitor", label: L.monitor, value: (r: TargetRow) => (r.agency ? agencyName(r.agency) : null) },
      { key: "count", label: L.monitored, value: (r: TargetRow) => r.count, format: (v) => int(v as number | null), numeric: true },
    ],
    rowId: (r: TargetRow) => `${r.year ?? "none"}|${r.agency?.id ?? ""}`,
    sort: { key: null, dir: 1 },
    chart(canvas, rows: TargetRow[]) {
      const horizons = [...new Map(rows.map((r) => [r.year, r.total])).entries()];
      return stackedBars(canvas, horizons.map(([y]) => (y === null ? t(L.noYear) : String(y))), [{ label: t(L.targets), data: horizons.map(([, n]) => n), backgroundColor: COLOURS.TOTAL }], false);
    },
  },
];

// ---------------------------------------------------------------- the page

interface Held { state: "loading" | "ready" | "error"; data?: unknown; error?: { code: string; message: string }; vars: Record<string, unknown>; asked: number }

const state = readState();
const held = new Map<string, Held>();
const sorts = new Map(PANELS.map((p) => [p.id, { ...p.sort }]));
const charts = new Map<string, Chart>();
const csvOf = new Map<string, () => string[][]>();
const choices: { documents?: Choices<Ref>; agencies?: Choices<AgencyRef> } = {};
const choicesErrors: { code: string; message: string }[] = [];
let asked = 0;

const main = mountShell(L.title);
const controls = document.createElement("form");
controls.className = "dash-controls";
controls.addEventListener("submit", (e) => e.preventDefault());
const grid = document.createElement("div");
grid.className = "dash-grid";
main.append(controls, grid);
const sections = new Map(PANELS.map((p) => {
  const s = document.createElement("section");
  s.className = "dash-panel";
  s.dataset.panel = p.id;
  grid.append(s);
  return [p.id, s];
}));

const variablesOf = (p: PanelDef<unknown>) => {
  const v: Record<string, unknown> = {};
  for (const f of p.takes) if (state[f]) v[f] = state[f];
  return v;
};

const codeOf = (e: unknown) => (e instanceof ApiError || e instanceof ChoicesError ? { code: e.code, message: e.message } : { code: "FETCH_FAILED", message: e instanceof Error ? e.message : String(e) });

/** Asks the panels that take `changed` (all of them at first); a later answer wins over an earlier one. */
function load(changed?: Filter): void {
  for (const p of PANELS) {
    if (changed && !p.takes.includes(changed)) continue;
    const n = ++asked;
    const vars = variablesOf(p);
    held.set(p.id, { state: "loading", vars, asked: n, data: held.get(p.id)?.data });
    renderPanel(p);
    graphql(p.query, vars, operationName(p.query)).then(
      (data) => { if (held.get(p.id)?.asked === n) { held.set(p.id, { state: "ready", data, vars, asked: n }); renderPanel(p); } },
      (e: unknown) => { if (held.get(p.id)?.asked === n) { held.set(p.id, { state: "error", error: codeOf(e), vars, asked: n }); renderPanel(p); } },
    );
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(e.dataset, dataset);
  e.append(...children);
  return e;
}

function errorBox(err: { code: string; message: string }): HTMLElement {
  return el("div", { className: "dash-error", role: "alert", dataset: { code: err.code } }, el("strong", {}, err.code), " ", err.message);
}

function renderPanel(p: PanelDef<any>): void {
  const s = sections.get(p.id)!;
  const h = held.get(p.id)!;
  charts.get(p.id)?.destroy();
  charts.delete(p.id);
  s.dataset.state = h.state;
  s.dataset.asof = String(h.vars.asOf ?? "");
  s.dataset.documentId = String(h.vars.documentId ?? "");
  s.dataset.agencyId = String(h.vars.agencyId ?? "");
  const notTaken = (["documentId", "agencyId"] as Filter[]).filter((f) => !p.takes.includes(f) && state[f]);
  const head = el("header", {},
    el("h2", {}, t(p.title)),
    el("p", { className: "dash-asks" }, t(p.asks)),
    el("p", { className: "dash-takes" }, `${t(L.takes)}: ${p.takes.map((f) => t(FILTER_LABEL[f]).toLowerCase()).join(", ")}.`,
      ...(notTaken.length ? [el("span", { className: "dash-not-taken", dataset: { testid: "not-taken" } }, ` ${t(L.notTaken)} ${notTaken.map((f) => t(FILTER_LABEL[f]).toLowerCase()).join(", ")}.`)] : [])));
  const body: Node[] = [];
  const csv = el("button", { type: "button", className: "dash-csv", disabled: h.state !== "ready", dataset: { testid: "csv" } }, t(L.csv));
  if (h.state === "error") body.push(errorBox(h.error!));
  else if (h.state === "loading" && h.data === undefined) body.push(el("p", { className: "dash-loading" }, t(L.loading)));
  else {
    const rows = p.rows(h.data);
    if (!rows.length) body.push(el("p", { className: "dash-empty" }, t(L.empty)));
    else {
      if (p.chart) {
        const canvas = el("canvas");
        const box = el("div", { className: "dash-chart" }, canvas);
        body.push(box);
        // Horizontal charts grow with their bars so that every label stays readable.
        const bars = p.id === "statusByAgency" ? Math.min(rows.length, CHART_TOP) : rows.length;
        if (["statusByAgency", "completionByDocument", "completionByTechnologyGroup"].includes(p.id)) box.style.height = `${Math.max(160, 26 * bars + 60)}px`;
        queueMicrotask(() => { if (canvas.isConnected) charts.set(p.id, p.chart!(canvas, rows)); });
      }
      const tableBox = el("div", { className: "dash-table" });
      csvOf.set(p.id, renderTable(tableBox, p.columns, rows, sorts.get(p.id)!, p.rowId, currentLang()));
      body.push(tableBox);
      const note = p.note?.(h.data, rows);
      if (note) body.push(el("p", { className: "dash-note" }, note));
    }
  }
  csv.addEventListener("click", () => {
    const rows = csvOf.get(p.id)?.();
    if (!rows) return;
    const scope = [state.documentId, p.takes.includes("agencyId") ? state.agencyId : null].filter(Boolean).join("-").replace(/[^\p{L}\p{N}-]+/gu, "_");
    // A byte-order mark first, so that spreadsheet programs read the Vietnamese as UTF-8.
    download(`dashboard-${p.id}-${h.vars.asOf ?? state.asOf}${scope ? "-" + scope : ""}.csv`, "\uFEFF" + toCsv(rows));
  });
  const request = el("details", { className: "dash-request" },
    el("summary", {}, `${t(L.request)}: `, el("code", {}, operationName(p.query))),
    el("pre", { dataset: { testid: "query" } }, p.query),
    el("p", {}, t(L.variables)),
    el("pre", { dataset: { testid: "variables" } }, JSON.stringify(h.vars, null, 2)));
  s.replaceChildren(head, ...body, el("footer", {}, csv, request));
}

function renderControls(): void {
  const asOf = el("input", { type: "date", value: state.asOf, required: true, dataset: { testid: "asof" } });
  asOf.addEventListener("change", () => {
    if (!isDate(asOf.value) || asOf.value === state.asOf) return;
    state.asOf = asOf.value;
    writeState(state);
    load("asOf");
  });
  const testid = (key: "documentId" | "agencyId") => (key === "documentId" ? "document" : "agency");
  const changed = (key: "documentId" | "agencyId", value: string | null) => {
    state[key] = value;
    writeState(state);
    load(key);
    for (const p of PANELS) if (!p.takes.includes(key)) renderPanel(p);
  };
  const select = (key: "documentId" | "agencyId", all: Text, options: { id: string; label: string }[]) => {
    const sel = el("select", { title: key === "agencyId" ? t(L.agencyHint) : "", dataset: { testid: testid(key) } },
      el("option", { value: "" }, t(all)),
      ...options.map((o) => el("option", { value: o.id, selected: o.id === state[key] }, o.label)));
    // A choice from the URL that is not (or not yet) a listed option is still asked, and kept.
    if (state[key] && !options.some((o) => o.id === state[key])) sel.append(el("option", { value: state[key]!, selected: true }, state[key]!));
    sel.addEventListener("change", () => changed(key, sel.value || null));
    return sel;
  };
  // A long list: an input that filters the options as one types (the browser matches an option's
  // id and its label); empty means all. With no options (a list too long to read), it takes an id.
  const input = (key: "documentId" | "agencyId", all: Text, options: { id: string; label: string }[] | null) => {
    const listId = `dash-${testid(key)}-choices`;
    const box = el("input", { type: "text", value: state[key] ?? "", placeholder: options ? `${t(all)} — ${t(L.typeToFilter)}` : t(all),
      title: key === "agencyId" ? t(L.agencyHint) : "", autocomplete: "off", spellcheck: false, dataset: { testid: testid(key) } });
    if (!options) {
      box.addEventListener("change", () => changed(key, box.value.trim() || null));
      return [box];
    }
    box.setAttribute("list", listId);
    const ids = new Set(options.map((o) => o.id));
    const byLabel = new Map(options.map((o) => [o.label, o.id]));
    box.addEventListener("change", () => {
      const v = box.value.trim();
      const id = v === "" ? null : ids.has(v) ? v : byLabel.get(v);
      if (id === undefined) { box.setCustomValidity(t(L.notAChoice)); box.reportValidity(); return; }
      box.setCustomValidity("");
      box.value = id ?? "";
      changed(key, id);
    });
    return [box, el("datalist", { id: listId }, ...options.map((o) => el("option", { value: o.id, label: o.label })))];
  };
  const control = <T>(key: "documentId" | "agencyId", all: Text, list: Choices<T> | undefined, option: (x: T) => { id: string; label: string }, collate = false) => {
    if (!list) return [select(key, all, [])];
    if (list.kind === "tooMany") return input(key, all, null);
    const options = list.items.map(option);
    if (collate) options.sort((a, b) => a.label.localeCompare(b.label, currentLang()));
    return controlFor(list) === "datalist" ? input(key, all, options) : [select(key, all, options)];
  };
  // The number of choices, once known; a list too long to offer says so.
  const count = (key: "documentId" | "agencyId", list: Choices<unknown> | undefined, many: Text, one: Text) => list
    ? [el("span", { className: "dash-count", dataset: { testid: `${testid(key)}-count`, total: String(list.total) } },
        ` · ${t(list.total === 1 ? one : many).replace("{n}", list.total.toLocaleString(currentLang()))}${list.kind === "tooMany" ? ` — ${t(L.tooMany)}` : ""}`)]
    : [];
  const docOption = (d: Ref) => ({ id: d.id, label: `${d.id} — ${title(d)}` });
  const agencyOption = (a: AgencyRef) => ({ id: a.id, label: agencyName(a) + (a.abbreviation ? ` (${a.abbreviation})` : "") });
  controls.replaceChildren(
    el("label", {}, el("span", {}, t(L.asOf)), asOf),
    el("label", {}, el("span", {}, t(L.document), ...count("documentId", choices.documents, L.documentCount, L.documentCount1)),
      ...control("documentId", L.allDocuments, choices.documents, docOption)),
    el("label", {}, el("span", {}, t(L.agency), ...count("agencyId", choices.agencies, L.agencyCount, L.agencyCount1)),
      ...control("agencyId", L.allAgencies, choices.agencies, agencyOption, true)),
    ...choicesErrors.map(errorBox),
  );
}

/** Reads one filter's choices whole, page by page, and redraws the controls when it has them. */
function loadChoices<T>(query: string, root: string, into: (c: Choices<T>) => void): void {
  const pageSize = pageSizeFrom(location.search);
  readAll<T>((first, after) => graphql<Record<string, Page<T>>>(query, { first, after }, operationName(query)).then((d) => d[root]!), pageSize).then(
    (c) => { into(c); renderControls(); },
    (e: unknown) => { choicesErrors.push(codeOf(e)); renderControls(); },
  );
}

renderControls();
load();
loadChoices<Ref>(Q.DOCUMENT_CHOICES, "documentsConnection", (c) => { choices.documents = c; });
loadChoices<AgencyRef>(Q.AGENCY_CHOICES, "agenciesConnection", (c) => { choices.agencies = c; });
onLang(() => {
  renderControls();
  for (const p of PANELS) renderPanel(p);
});
