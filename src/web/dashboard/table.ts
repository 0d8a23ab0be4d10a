// A panel's table: sortable by a click on any header (again for the other direction), and
// downloadable as CSV of exactly the rows shown, in the order shown. `toCsv` is pure (RFC 4180).
import { t, type Text } from "../common/i18n.js";

export interface Column<R> {
  key: string;
  label: Text;
  /** the cell's value; numbers sort as numbers, text by the language's collation */
  value: (row: R) => string | number | null;
  /** how the value reads in the cell (and in the CSV) */
  format?: (value: string | number | null, row: R) => string;
  numeric?: boolean;
}

export interface TableState { key: string | null; dir: 1 | -1 }

const cellText = <R>(c: Column<R>, row: R): string => {
  const v = c.value(row);
  return c.format ? c.format(v, row) : v === null ? "" : String(v);
};

/** RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled; lines end in CRLF. */
export function toCsv(rows: string[][]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

export function sortRows<R>(rows: R[], columns: Column<R>[], state: TableState, lang: string): R[] {
  const col = columns.find((c) => c.key === state.key);
  if (!col) return rows;
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  // Empty cells last in either direction; ties keep the API's order (Array.prototype.sort is stable).
  return [...rows].sort((a, b) => {
    const x = col.value(a), y = col.value(b);
    if (x === null || x === "") return y === null || y === "" ? 0 : 1;
    if (y === null || y === "") return -1;
    const d = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return d * state.dir;
  });
}

/** Renders the table into `host`; the rows shown are kept for the CSV. */
export function renderTable<R>(host: HTMLElement, columns: Column<R>[], rows: R[], state: TableState, rowId: (r: R) => string, lang: string): () => string[][] {
  let shown: R[] = [];
  const table = document.createElement("table");
  const thead = table.createTHead();
  const tbody = table.createTBody();
  const draw = () => {
    shown = sortRows(rows, columns, state, lang);
    const tr = document.createElement("tr");
    for (const c of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.dataset.key = c.key;
      if (c.numeric) th.className = "num";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = t(c.label);
      button.addEventListener("click", () => {
        state.dir = state.key === c.key ? (state.dir === 1 ? -1 : 1) : c.numeric ? -1 : 1;
        state.key = c.key;
        draw();
      });
      th.setAttribute("aria-sort", state.key === c.key ? (state.dir === 1 ? "ascending" : "descending") : "none");
      th.append(button);
      tr.append(th);
    }
    thead.replaceChildren(tr);
    tbody.replaceChildren(...shown.map((row) => {
      const r = document.createElement("tr");
      r.dataset.id = rowId(row);
      for (const c of columns) {
        const td = document.createElement("td");
        td.dataset.key = c.key;
        if (c.numeric) td.className = "num";
        td.textContent = cellText(c, row);
        r.append(td);
      }
      return r;
    }));
  };
  draw();
  host.replaceChildren(table);
  return () => [columns.map((c) => t(c.label)), ...shown.map((row) => columns.map((c) => cellText(c, row)))];
}

/** Saves text as a file through a blob: link (same-origin, so the page's CSP allows it). */
export function download(name: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
