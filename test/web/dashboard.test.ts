// The dashboard page in a real browser: each panel's table holds exactly what the public
// `dashboard` (or `deadlines`) query answers for the same date and filters, asked here over
// HTTP with the test's own queries; the date picker and the filters re-ask and narrow as the
// API does; tables sort and download as CSV; labels follow the language; an API error shows
// its code in its panel; the filters offer exactly every document and every
// agency (as Cypher counts them), read whole page by page; and nothing leaves 127.0.0.1.
import fs from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import type { Page } from "playwright-core";

import { CHOICES_PAGE_SIZE, controlFor, DATALIST_FROM, pageSizeFrom, readAll, type Page as ChoicesPage } from "../../src/web/dashboard/choices.js";
import { toCsv } from "../../src/web/dashboard/table.js";
import { startBrowser, type BrowserRun } from "../support/browser.js";
import { database } from "../support/db.js";

let run: BrowserRun;
let page: Page;
/** the operation names the page posted to /graphql, in order */
const posted: string[] = [];
/** the same requests' variables */
const postedVariables: Record<string, unknown>[] = [];

beforeAll(async () => {
  run = await startBrowser();
  // The pages are bundled on their first request; that build is the service's start-up, not this page's load.
  expect((await fetch(`${run.base}/assets/dashboard.js`)).status).toBe(200);
  page = await run.newPage();
  // A loaded machine (two cores, several Neo4j) can be slow; the waits are for answers, not for speed.
  page.setDefaultTimeout(90_000);
  page.on("request", (r) => {
    if (!(r.url().endsWith("/graphql") && r.method() === "POST")) return;
    const body = r.postDataJSON() as { operationName?: string; variables?: Record<string, unknown> };
    posted.push(String(body.operationName));
    postedVariables.push(body.variables ?? {});
  });
});
afterAll(() => run?.close());

async function api(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${run.base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const statusByAgency = async (asOf: string, documentId?: string, agencyId?: string) => {
  const d = await api(`query($asOf: Date, $documentId: ID, $agencyId: ID) { dashboard(asOf: $asOf, documentId: $documentId, agencyId: $agencyId) { agencyId byStatusAndAgency { agency { id } status count } } }`, { asOf, documentId, agencyId });
  expect(d.dashboard.agencyId).toBe(agencyId ?? null);
  const by: Record<string, Record<string, number>> = {};
  for (const c of d.dashboard.byStatusAndAgency) (by[c.agency.id] ??= {})[c.status] = c.count;
  return by;
};
const completionByDocument = async (asOf: string, documentId?: string, agencyId?: string) =>
  (await api(`query($asOf: Date, $documentId: ID, $agencyId: ID) { dashboard(asOf: $asOf, documentId: $documentId, agencyId: $agencyId) { completionByDocument { group { id titleVi titleEn } total done overdue } } }`, { asOf, documentId, agencyId })).dashboard.completionByDocument as { group: { id: string; titleVi: string; titleEn: string }; total: number; done: number; overdue: number }[];
const tasksCounted = (docs: { total: number }[]) => docs.reduce((n, d) => n + d.total, 0);
const overdueIds = async (asOf: string, agencyId?: string) =>
  ((await api(`query($asOf: Date!, $agencyId: ID) { deadlines(from: "1900-01-01", to: $asOf, status: OVERDUE, asOf: $asOf, agencyId: $agencyId, limit: 2000) { items { task { id } } } }`, { asOf, agencyId })).deadlines.items as { task: { id: string } }[]).map((i) => i.task.id);

const panel = (id: string) => `section[data-panel="${id}"]`;
/** waits until the panel holds the answer for this date (and document, and agency) */
const ready = (id: string, asOf: string, documentId = "", agencyId = "") =>
  page.waitForSelector(`${panel(id)}[data-state="ready"][data-asof="${asOf}"][data-document-id="${documentId}"][data-agency-id="${agencyId}"]`);

type Row = { id: string; cells: Record<string, string> };
const rows = (id: string): Promise<Row[]> => page.$$eval(`${panel(id)} tbody tr`, (trs) => trs.map((tr) => ({
  id: (tr as HTMLElement).dataset.id!,
  cells: Object.fromEntries([...(tr as HTMLTableRowElement).cells].map((td) => [td.dataset.key!, td.textContent ?? ""])),
})));
const headers = (id: string) => page.$$eval(`${panel(id)} thead th`, (ths) => ths.map((th) => th.textContent ?? ""));

const STATUSES = ["DONE", "IN_PROGRESS", "NOT_STARTED", "OVERDUE", "UNKNOWN"];
function expectStatusTable(table: Row[], expected: Record<string, Record<string, number>>) {
  expect(table.map((r) => r.id).sort()).toEqual(Object.keys(expected).sort());
  for (const r of table) {
    const want = expected[r.id]!;
    for (const s of STATUSES) expect([r.id, s, r.cells[s]]).toEqual([r.id, s, String(want[s] ?? 0)]);
    expect(r.cells.total).toBe(String(Object.values(want).reduce((a, b) => a + b, 0)));
  }
}

/** one column of a Cypher answer on the test database */
const cypher = async (query: string): Promise<string[]> =>
  (await run.app.driver.executeQuery(query, {}, { database })).records.map((r) => r.get(0) as string);
// What the filters must offer, asked of the graph itself: every document (in the order the page
// asks for, issue date then id), and every agency.
const documentsWithTasks = () => cypher("MATCH (d:Document) RETURN d.id ORDER BY d.issuedOn, d.id");
const leadAgencies = () => cypher("MATCH (a:Agency) RETURN a.id ORDER BY a.id");
const optionValues = (testid: string) => page.$$eval(`[data-testid="${testid}"] option`, (os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ""));
const CHOICE_OPERATIONS = ["DashboardDocumentChoices", "DashboardAgencyChoices"];

const PANEL_OPERATIONS = ["DashboardStatusByAgency", "DashboardDeadlinesByMonth", "DashboardCompletionByDocument",
  "DashboardCompletionByTechnologyGroup", "DashboardOverdue", "DashboardTargetsByHorizon"];

test("a panel's figures equal the GraphQL answer for the same date, one request per panel", async () => {
  await page.goto(`${run.base}/dashboard?asOf=2025-05-24`);
  await ready("statusByAgency", "2025-05-24");
  await ready("completionByDocument", "2025-05-24");
  expectStatusTable(await rows("statusByAgency"), await statusByAgency("2025-05-24"));
  const docs = await completionByDocument("2025-05-24");
  const table = await rows("completionByDocument");
  expect(table.map((r) => r.id).sort()).toEqual(docs.map((d) => d.group.id).sort());
  for (const d of docs) {
    const r = table.find((x) => x.id === d.group.id)!;
    expect([r.cells.title, r.cells.total, r.cells.done, r.cells.overdue]).toEqual([d.group.titleVi, String(d.total), String(d.done), String(d.overdue)]);
  }
  for (const id of ["deadlinesByMonth", "completionByTechnologyGroup", "overdue"]) await ready(id, "2025-05-24");
  await page.waitForSelector(`${panel("targetsByHorizon")}[data-state="ready"]`);
  expect(await rows("overdue").then((r) => r.map((x) => x.id).sort())).toEqual((await overdueIds("2025-05-24")).sort());
  // Every panel asked once, by its own named operation; and charts were drawn.
  // The seed's lists fit one page each, so each filter's list took one request too.
  await page.waitForSelector('[data-testid="agency-count"]');
  await page.waitForSelector('[data-testid="document-count"]');
  expect([...posted].sort()).toEqual([...PANEL_OPERATIONS, ...CHOICE_OPERATIONS].sort());
  expect(await page.locator(`${panel("statusByAgency")} canvas`).count()).toBe(1);
  await run.screenshot(page, "dashboard-vi");
});

test("a new as-of date re-asks the panels and shows the API's answer for it", async () => {
  const before = await statusByAgency("2025-05-24");
  const after = await statusByAgency("2025-12-31");
  expect(after).not.toEqual(before); // the seeded graph's figures differ between the two dates
  await page.fill('[data-testid="asof"]', "2025-12-31");
  await ready("statusByAgency", "2025-12-31");
  expectStatusTable(await rows("statusByAgency"), after);
  await ready("overdue", "2025-12-31");
  const overdue = await overdueIds("2025-12-31");
  expect(overdue.length).not.toBe((await overdueIds("2025-05-24")).length);
  expect((await rows("overdue")).map((r) => r.id).sort()).toEqual(overdue.sort());
  expect(new URL(page.url()).searchParams.get("asOf")).toBe("2025-12-31");
});

test("the document and agency filters narrow the task panels as the API does; targets say they take neither", async () => {
  await page.waitForSelector('[data-testid="document"] option[value="71/NQ-CP"]', { state: "attached" });
  await page.selectOption('[data-testid="document"]', "71/NQ-CP");
  await ready("completionByDocument", "2025-12-31", "71/NQ-CP");
  const docs = await completionByDocument("2025-12-31", "71/NQ-CP");
  expect(docs.length).toBeLessThan((await completionByDocument("2025-12-31")).length);
  expect((await rows("completionByDocument")).map((r) => [r.id, r.cells.total, r.cells.done])).toEqual(docs.map((d) => [d.group.id, String(d.total), String(d.done)]));
  await ready("statusByAgency", "2025-12-31", "71/NQ-CP");
  expectStatusTable(await rows("statusByAgency"), await statusByAgency("2025-12-31", "71/NQ-CP"));
  // Targets are not tasks of a document: the panel says its query takes no document.
  expect(await page.locator(`${panel("targetsByHorizon")} [data-testid="not-taken"]`).count()).toBe(1);
  await run.screenshot(page, "dashboard-document");

  await page.selectOption('[data-testid="document"]', "");
  await ready("completionByDocument", "2025-12-31");
  const all = await overdueIds("2025-12-31");
  const [first] = (await api(`{ deadlines(from: "1900-01-01", to: "2025-12-31", status: OVERDUE, asOf: "2025-12-31", limit: 1) { items { owners { id } } } }`)).deadlines.items;
  const agencyId = first.owners[0].id as string;
  const narrowed = await overdueIds("2025-12-31", agencyId);
  expect(narrowed.length).toBeGreaterThan(0);
  expect(narrowed.length).toBeLessThan(all.length);
  // The agency's tasks are fewer than all tasks, so a panel that ignored the agency would not match.
  const agencyDocs = await completionByDocument("2025-12-31", undefined, agencyId);
  expect(tasksCounted(agencyDocs)).toBeGreaterThan(0);
  expect(tasksCounted(agencyDocs)).toBeLessThan(tasksCounted(await completionByDocument("2025-12-31")));
  const agencyStatus = await statusByAgency("2025-12-31", undefined, agencyId);
  expect(agencyStatus).not.toEqual(await statusByAgency("2025-12-31"));

  const asked = posted.length;
  await page.selectOption('[data-testid="agency"]', agencyId);
  for (const id of ["statusByAgency", "deadlinesByMonth", "completionByDocument", "completionByTechnologyGroup", "overdue"]) await ready(id, "2025-12-31", "", agencyId);
  expectStatusTable(await rows("statusByAgency"), agencyStatus);
  expect((await rows("completionByDocument")).map((r) => [r.id, r.cells.total, r.cells.done, r.cells.overdue]).sort())
    .toEqual(agencyDocs.map((d) => [d.group.id, String(d.total), String(d.done), String(d.overdue)]).sort());
  expect((await rows("overdue")).map((r) => r.id).sort()).toEqual(narrowed.sort());
  // Each task panel re-asked once with the agency; targets take none, so they were not re-asked.
  expect(posted.slice(asked).sort()).toEqual(PANEL_OPERATIONS.filter((o) => o !== "DashboardTargetsByHorizon").sort());
  expect(JSON.parse((await page.textContent(`${panel("completionByDocument")} [data-testid="variables"]`))!)).toEqual({ asOf: "2025-12-31", agencyId });
  expect(await page.locator(`${panel("statusByAgency")} [data-testid="not-taken"]`).count()).toBe(0);
  expect(await page.locator(`${panel("targetsByHorizon")} [data-testid="not-taken"]`).count()).toBe(1);
  await run.screenshot(page, "dashboard-agency");
  await page.selectOption('[data-testid="agency"]', "");
  for (const id of ["statusByAgency", "completionByDocument", "overdue"]) await ready(id, "2025-12-31");
  expect(await page.locator(`${panel("targetsByHorizon")} [data-testid="not-taken"]`).count()).toBe(0);
});

test("CSV is RFC 4180: quoted where a field has a comma, quote or line break, quotes doubled, CRLF", () => {
  const rows = [["Mã", "Nhiệm vụ"], ["71/NQ-CP#1", 'Hoàn thiện "thể chế", pháp luật'], ["x", "hai\ndòng"]];
  expect(toCsv(rows)).toBe('Mã,Nhiệm vụ\r\n71/NQ-CP#1,"Hoàn thiện ""thể chế"", pháp luật"\r\nx,"hai\ndòng"\r\n');
  expect(parseCsv(toCsv(rows))).toEqual(rows);
});

test("a click on a header sorts the rows; CSV gives exactly the table's rows", async () => {
  const totals = async () => (await rows("statusByAgency")).map((r) => Number(r.cells.total));
  const th = page.locator(`${panel("statusByAgency")} th[data-key="total"] button`);
  await th.click(); // sorted by total descending at first, so one click turns it ascending
  expect(await page.getAttribute(`${panel("statusByAgency")} th[data-key="total"]`, "aria-sort")).toBe("ascending");
  const up = await totals();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  expect(new Set(up).size).toBeGreaterThan(1);
  await th.click();
  const down = await totals();
  expect(down).toEqual([...up].sort((a, b) => b - a));
  await page.locator(`${panel("statusByAgency")} th[data-key="agency"] button`).click();
  const names = (await rows("statusByAgency")).map((r) => r.cells.agency ?? "");
  expect(names).toEqual([...names].sort(new Intl.Collator("vi", { numeric: true, sensitivity: "base" }).compare));

  for (const id of ["statusByAgency", "overdue"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${panel(id)} [data-testid="csv"]`)]);
    expect(download.suggestedFilename()).toBe(`dashboard-${id}-2025-12-31.csv`);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const csv = parseCsv(text, { bom: true, relax_column_count: false }) as string[][];
    const table = await rows(id);
    expect(csv).toEqual([await headers(id), ...table.map((r) => Object.values(r.cells))]);
    if (id === "overdue") expect(csv.flat().some((c) => /[",]/.test(c))).toBe(true); // quoting was needed, and held
  }
});

test("the language toggle switches labels and the data's …Vi/…En fields", async () => {
  const title = () => page.textContent(`${panel("statusByAgency")} h2`);
  expect(await title()).toBe("Tình trạng theo cơ quan chủ trì");
  expect(await headers("completionByDocument")).toContain("Hoàn thành");
  await page.click('[data-testid="lang-toggle"]');
  expect(await title()).toBe("Status by lead agency");
  expect(await headers("completionByDocument")).toContain("Done");
  const docs = await completionByDocument("2025-12-31");
  const table = await rows("completionByDocument");
  for (const d of docs) expect(table.find((r) => r.id === d.group.id)!.cells.title).toBe(d.group.titleEn);
  expect(await page.textContent('label:has([data-testid="asof"]) span')).toBe("As of");
  await run.screenshot(page, "dashboard-en");
  await page.click('[data-testid="lang-toggle"]');
  expect(await title()).toBe("Tình trạng theo cơ quan chủ trì");
});

test("nothing left 127.0.0.1, the page raised no error, and its font has Vietnamese glyphs", async () => {
  expect(run.offsite).toEqual([]);
  expect(run.pageErrors).toEqual([]);
  expect(run.requests.some((u) => /\/assets\/noto-sans-vietnamese-400-normal-[^/]+\.woff2$/.test(u))).toBe(true);
  expect(await page.evaluate(async () => { await document.fonts.ready; return document.fonts.check('16px "Noto Sans"', "Đề án Chuyển đổi số"); })).toBe(true);
});

test("an error from the API shows its code in the panel, not a blank panel", async () => {
  await page.goto(`${run.base}/dashboard?asOf=2025-12-31&documentId=no-such-document`);
  for (const id of ["statusByAgency", "deadlinesByMonth", "completionByDocument", "completionByTechnologyGroup", "overdue"]) {
    await page.waitForSelector(`${panel(id)}[data-state="error"]`);
    expect(await page.getAttribute(`${panel(id)} [role="alert"]`, "data-code")).toBe("NOT_FOUND");
    expect(await page.textContent(`${panel(id)} [role="alert"] strong`)).toBe("NOT_FOUND");
  }
  await ready("targetsByHorizon", "2025-12-31"); // takes no document, so it still answers
  await run.screenshot(page, "dashboard-error");
  expect(run.pageErrors).toEqual([]);
  expect(run.offsite).toEqual([]);
});

test("readAll pages to the end and knows the total; too long a list is not read; a short read is an error", async () => {
  const ids = Array.from({ length: 23 }, (_, i) => `n${i}`);
  const asked: [number, string | null][] = [];
  // A connection over `ids` as the API pages one: offset cursors, the total on every page.
  const connection = (all: string[]) => async (first: number, after: string | null): Promise<ChoicesPage<string>> => {
    asked.push([first, after]);
    const from = after === null ? 0 : Number(after) + 1;
    const slice = all.slice(from, from + first);
    return { totalCount: all.length, pageInfo: { hasNextPage: from + first < all.length, endCursor: slice.length ? String(from + slice.length - 1) : null }, edges: slice.map((node) => ({ node })) };
  };
  const c = await readAll(connection(ids), 7);
  expect(c).toEqual({ kind: "complete", total: 23, items: ids, pages: 4 });
  expect(asked).toEqual([[7, null], [7, "6"], [7, "13"], [7, "20"]]);
  expect(controlFor(c)).toBe("select");
  const long = Array.from({ length: DATALIST_FROM + 1 }, (_, i) => `n${i}`);
  expect(controlFor(await readAll(connection(long)))).toBe("datalist");
  // Beyond the maximum, the first page says how long the list is and nothing more is asked.
  asked.length = 0;
  const tooMany = await readAll(connection(ids), 7, 20);
  expect(tooMany).toEqual({ kind: "tooMany", total: 23, pages: 1 });
  expect(asked).toHaveLength(1);
  expect(controlFor(tooMany)).toBe("id");
  // A last page that leaves the list shorter than its total is refused with a code, not shown.
  const shrinking = async (first: number, after: string | null) => ({ ...(await connection(ids)(first, after)), totalCount: 24 });
  await expect(readAll(shrinking, 7)).rejects.toMatchObject({ code: "INCOMPLETE_LIST" });
  expect([pageSizeFrom(""), pageSizeFrom("?choicesPageSize=7"), pageSizeFrom("?choicesPageSize=0"), pageSizeFrom("?choicesPageSize=100000"), pageSizeFrom("?choicesPageSize=x")])
    .toEqual([CHOICES_PAGE_SIZE, 7, 1, CHOICES_PAGE_SIZE, CHOICES_PAGE_SIZE]);
});

test("the filters offer exactly every document and every agency, and say how many", async () => {
  const documents = await documentsWithTasks();
  const agencies = await leadAgencies();
  expect(documents.length).toBeGreaterThan(7);
  expect(agencies.length).toBeGreaterThan(7);
  await page.goto(`${run.base}/dashboard?asOf=2025-12-31`);
  await page.waitForSelector('[data-testid="document-count"]');
  await page.waitForSelector('[data-testid="agency-count"]');
  expect(await optionValues("document")).toEqual(documents);
  const offered = await optionValues("agency");
  expect(offered).toHaveLength(agencies.length);
  expect([...offered].sort()).toEqual(agencies);
  expect(await page.getAttribute('[data-testid="document-count"]', "data-total")).toBe(String(documents.length));
  expect(await page.getAttribute('[data-testid="agency-count"]', "data-total")).toBe(String(agencies.length));
  expect(await page.textContent('[data-testid="document-count"]')).toBe(` · ${documents.length} văn bản`);
  expect(await page.textContent('[data-testid="agency-count"]')).toBe(` · ${agencies.length} cơ quan`);
  await page.click('[data-testid="lang-toggle"]');
  expect(await page.textContent('[data-testid="document-count"]')).toBe(` · ${documents.length} documents`);
  expect(await page.textContent('[data-testid="agency-count"]')).toBe(` · ${agencies.length} agencies`);
  await page.click('[data-testid="lang-toggle"]');
  expect(await page.textContent('[data-testid="agency-count"]')).toBe(` · ${agencies.length} cơ quan`);
});

test("with a page of 7 the lists arrive whole, in ceil(n / 7) requests each; a page size beyond the API's is clamped", async () => {
  const documents = await documentsWithTasks();
  const agencies = await leadAgencies();
  const from = posted.length;
  await page.goto(`${run.base}/dashboard?asOf=2025-12-31&agencyId=${encodeURIComponent(agencies[0]!)}&choicesPageSize=7`);
  await page.waitForSelector('[data-testid="document-count"]');
  await page.waitForSelector('[data-testid="agency-count"]');
  const requests = (op: string) => posted.map((o, i) => [o, postedVariables[i]!] as const).slice(from).filter(([o]) => o === op).map(([, v]) => v);
  const docRequests = requests("DashboardDocumentChoices");
  const agencyRequests = requests("DashboardAgencyChoices");
  expect(docRequests).toHaveLength(Math.ceil(documents.length / 7));
  expect(agencyRequests).toHaveLength(Math.ceil(agencies.length / 7));
  for (const v of [...docRequests, ...agencyRequests]) expect(v.first).toBe(7);
  expect(docRequests[0]!.after ?? null).toBeNull();
  expect(new Set(docRequests.map((v) => v.after)).size).toBe(docRequests.length); // each page asked after the last
  // The same lists, in the same order, as one page of 500 gives; the URL's agency stays chosen.
  expect(await optionValues("document")).toEqual(documents);
  expect([...(await optionValues("agency"))].sort()).toEqual(agencies);
  expect(await page.$eval('[data-testid="agency"]', (s) => (s as HTMLSelectElement).value)).toBe(agencies[0]);
  await ready("statusByAgency", "2025-12-31", "", agencies[0]!);
  await run.screenshot(page, "dashboard-filters-paged");

  const later = posted.length;
  await page.goto(`${run.base}/dashboard?asOf=2025-12-31&choicesPageSize=100000`);
  await page.waitForSelector('[data-testid="agency-count"]');
  await page.waitForSelector('[data-testid="document-count"]');
  const clamped = posted.map((o, i) => [o, postedVariables[i]!] as const).slice(later).filter(([o]) => CHOICE_OPERATIONS.includes(o));
  expect(clamped.map(([o, v]) => [o, v.first])).toEqual(expect.arrayContaining(CHOICE_OPERATIONS.map((o) => [o, CHOICES_PAGE_SIZE])));
  expect(clamped).toHaveLength(2);
  expect(run.pageErrors).toEqual([]);
});
