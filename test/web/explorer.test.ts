// The explorer in a real browser (Debian's Chromium): every named operation of queries/ is
// offered as a tab and in the operations pane, ?operation= opens one, running it shows the
// API's own answer, a query typed key by key arrives as typed, the code font is the bundled
// one and draws Vietnamese, and nothing is fetched from elsewhere or missing.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

import { namedOperations } from "../../src/graphql/operations.js";
import { explorerOperations } from "../../src/server/explorer.js";
import { startBrowser, type BrowserRun } from "../support/browser.js";
import { database } from "../support/db.js";

let run: BrowserRun;
/** every response the pages got: url and status */
const responses: { url: string; status: number }[] = [];

beforeAll(async () => {
  run = await startBrowser();
  run.context.on("response", (r) => void responses.push({ url: r.url(), status: r.status() }));
});
afterAll(() => run?.close());

const api = async (query: string, variables: Record<string, unknown> = {}, operationName?: string) => {
  const res = await fetch(`${run.base}/graphql`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables, operationName }),
  });
  return (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
};

/** Opens the explorer and waits until its editors are made (the first load bundles the pages). */
async function openExplorer(query = ""): Promise<Page> {
  const page = await run.newPage();
  await page.goto(`${run.base}/graphql${query}`, { waitUntil: "load", timeout: 120_000 });
  await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 120_000 });
  await page.waitForSelector("[data-testid=operations] li[data-operation]");
  return page;
}

/** The text of one of GraphiQL's editors by its model (Monaco keeps the text there, not all in the DOM). */
type Editor = "operation.graphql" | "variables.json" | "request-headers.json" | "response.json";
const editorText = (page: Page, name: Editor) => page.evaluate((n) => {
  const monaco = (globalThis as any).__MONACO;
  const editor = monaco.editor.getEditors().find((e: any) => e.getModel()?.uri.path.endsWith(n));
  return editor ? (editor.getValue() as string) : null;
}, name);

const tabTitles = (page: Page) => page.locator(".graphiql-tab .graphiql-tab-button").allTextContents();
const activeTab = (page: Page) => page.locator(".graphiql-tab-active .graphiql-tab-button").textContent();

/** Runs the active tab and waits for a response in the result panel. */
async function execute(page: Page): Promise<{ data?: any; errors?: { message: string; extensions?: { code?: string } }[] }> {
  await page.locator(".graphiql-execute-button").click();
  await page.waitForFunction(() => {
    const monaco = (globalThis as any).__MONACO;
    const editor = monaco.editor.getEditors().find((e: any) => e.getModel()?.uri.path.endsWith("response.json"));
    try { return Boolean(JSON.parse(editor.getValue())); } catch { return false; }
  }, undefined, { timeout: 60_000 });
  return JSON.parse((await editorText(page, "response.json"))!);
}

test("every named operation of queries/ is a tab and listed with its comment; the writes' example ids are seeded", async () => {
  const page = await openExplorer();
  const names = namedOperations({ mutations: true }).map((o) => o.name);
  expect(names.length).toBeGreaterThanOrEqual(20);
  expect(await tabTitles(page)).toEqual(names);
  expect(await page.locator("[data-testid=operations] li[data-operation]").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-operation")))).toEqual(names);
  // each entry carries its file's leading comment
  const ops = explorerOperations();
  const traceComment = await page.locator('[data-operation="TraceDirective"] pre').textContent();
  expect(traceComment).toBe(ops.find((o) => o.name === "TraceDirective")!.comment);
  expect(traceComment).toMatch(/^Who asks: an analyst/);
  // the first tab shows its file and its defaults
  expect(await editorText(page, "operation.graphql")).toBe(fs.readFileSync(path.join("queries", ops[0]!.file), "utf8"));
  expect(JSON.parse((await editorText(page, "variables.json"))!)).toEqual(JSON.parse(ops[0]!.variables));
  // the writes name a task and a target that exist, and leave the facts to the reporter
  const write = (n: string) => JSON.parse(ops.find((o) => o.name === n)!.variables).input;
  expect(write("ReportProgress")).toMatchObject({ status: null, reportedOn: null });
  expect(write("ReportIndicator")).toMatchObject({ value: null, reportedOn: null });
  const seeded = await run.app.driver.executeQuery(
    "OPTIONAL MATCH (t:Task {id: $task}) OPTIONAL MATCH (g:Target {id: $target}) RETURN t IS NOT NULL AS task, g IS NOT NULL AS target",
    { task: write("ReportProgress").taskId, target: write("ReportIndicator").targetId }, { database });
  expect(seeded.records[0]!.toObject()).toEqual({ task: true, target: true });
  await run.screenshot(page, "explorer-tabs");
  await page.close();
});

test("?operation=TraceDirective opens its tab; running it shows the API's answer to the same operation", async () => {
  const page = await openExplorer("?operation=TraceDirective");
  expect(await activeTab(page)).toBe("TraceDirective");
  const op = explorerOperations().find((o) => o.name === "TraceDirective")!;
  const variables = JSON.parse((await editorText(page, "variables.json"))!);
  expect(variables).toEqual({ id: "57-NQ/TW", limit: 100, offset: 0 });
  const shown = await execute(page);
  const expected = await api(op.query, variables, "TraceDirective");
  expect(expected.errors).toBeUndefined();
  expect(shown.errors).toBeUndefined();
  expect(shown.data).toEqual(expected.data);
  expect(shown.data.trace.tasks).toHaveLength(100);
  await run.screenshot(page, "explorer-trace");
  // the pane's link opens the same tab
  expect(await page.locator('[data-operation="TraceDirective"] a').getAttribute("href")).toBe("/graphql?operation=TraceDirective&lang=vi");
  await page.close();
});

test("the pane opens a tab by a click; a closed tab comes back from its link; a file's name works too; an unknown name is said", async () => {
  const page = await openExplorer();
  await page.locator('[data-operation="Connections"] button').click();
  expect(await activeTab(page)).toBe("Connections");
  expect(new URL(page.url()).searchParams.get("operation")).toBe("Connections");
  // close it (the tabs persist in the browser), then follow its link: it is opened anew, whole
  await page.locator(".graphiql-tab-active .graphiql-tab-close").click();
  expect(await tabTitles(page)).not.toContain("Connections");
  await page.close();
  const again = await openExplorer("?operation=Connections");
  expect(await activeTab(again)).toBe("Connections");
  const op = explorerOperations().find((o) => o.name === "Connections")!;
  expect(await editorText(again, "operation.graphql")).toBe(op.query);
  expect(JSON.parse((await editorText(again, "variables.json"))!)).toEqual({ from: "bo-cong-an", to: "1131/QĐ-TTg#1", maxHops: 4, limit: 5 });
  await again.close();
  // queries/UnverifiedFacts.graphql holds UnverifiedTechnologyGroups
  const byFile = await openExplorer("?operation=UnverifiedFacts");
  expect(await activeTab(byFile)).toBe("UnverifiedTechnologyGroups");
  await byFile.close();
  const unknown = await openExplorer("?operation=NoSuchThing");
  expect(await unknown.locator("[data-testid=unknown-operation]").textContent()).toMatch(/NoSuchThing/);
  await unknown.close();
});

test("a query typed key by key arrives as typed and runs, with no GRAPHQL_PARSE_FAILED", async () => {
  const page = await openExplorer();
  await page.locator(".graphiql-tab-add").click();
  await page.locator(".graphiql-query-editor .monaco-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  const typed = `query Typed {\n  documents(where: { id: { eq: "57-NQ/TW" } }, limit: 1) {\n    id\n    titleVi\n  }\n}`;
  await page.keyboard.type(typed);
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  expect(squash((await editorText(page, "operation.graphql"))!)).toBe(squash(typed));
  const shown = await execute(page);
  expect(shown.errors).toBeUndefined();
  const expected = await api(typed);
  expect(shown.data).toEqual(expected.data);
  expect(shown.data.documents[0].titleVi).toMatch(/^Nghị quyết/);
  await run.screenshot(page, "explorer-typed");
  await page.close();
});

test("the code font is the bundled JetBrains Mono, and it draws Vietnamese", async () => {
  const page = await openExplorer("?operation=SearchPolicies");
  await page.evaluate(() => document.fonts.ready);
  const font = await page.evaluate(async () => {
    const lines = document.querySelector(".graphiql-query-editor .view-lines") as HTMLElement;
    const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "JetBrains Mono");
    // U+1EC1 is "ề": the Vietnamese subset's range, loaded
    const vietnamese = faces.filter((f) => /U\+1EA0-1EF9|U\+1EC1/i.test(f.unicodeRange.replace(/\s/g, "")));
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.font = '15px "JetBrains Mono"';
    return {
      family: getComputedStyle(lines).fontFamily,
      check: document.fonts.check('15px "JetBrains Mono"', "Đề án"),
      vietnameseLoaded: vietnamese.some((f) => f.status === "loaded"),
      // a monospace font with the glyphs draws "Đề án" as 5 cells; a fallback's "ê`" would not
      width: ctx.measureText("Đề án").width / ctx.measureText("a").width,
      wide: ctx.measureText("ề").width / ctx.measureText("e").width,
    };
  });
  expect(font.family).toMatch(/^"?JetBrains Mono"?/);
  expect(font.check).toBe(true);
  expect(font.vietnameseLoaded).toBe(true);
  expect(font.width).toBeCloseTo(5, 5);
  expect(font.wide).toBeCloseTo(1, 5);
  expect(run.requests.some((u) => /\/assets\/jetbrains-mono-vietnamese-400-normal-[\w-]+\.woff2$/.test(u))).toBe(true);
  await page.close();
});

test("the language toggle translates the explorer's own labels, and the shell links to /graph and /dashboard", async () => {
  const page = await openExplorer();
  const title = () => page.locator("[data-testid=operations] .graphiql-doc-explorer-title").textContent();
  expect(await title()).toBe("Truy vấn mẫu");
  await page.locator("[data-testid=lang-toggle]").click();
  expect(await title()).toBe("Named operations");
  const links = await page.locator(".pg-header nav a").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(links).toEqual(expect.arrayContaining(["/graphql", "/graph", "/dashboard"]));
  await page.close();
});

test("the GraphiQL Explorer plugin lists the schema's root fields and builds a query by clicks", async () => {
  const page = await openExplorer();
  await page.locator(".graphiql-tab-add").click();
  await page.locator('[aria-label="Show GraphiQL Explorer"]').click();
  const pane = page.locator(".docExplorerWrap");
  await pane.getByText("dashboard", { exact: true }).first().waitFor({ timeout: 60_000 });
  expect(await pane.textContent()).toMatch(/connections/);
  await pane.getByText("trace", { exact: true }).first().click();
  await page.waitForFunction(() => {
    const monaco = (globalThis as any).__MONACO;
    const editor = monaco.editor.getEditors().find((e: any) => e.getModel()?.uri.path.endsWith("operation.graphql"));
    return /\btrace\b/.test(editor.getValue());
  });
  await page.close();
});

test("nothing leaves 127.0.0.1, nothing is missing (favicon included), no page errors, under the pages' CSP", async () => {
  const res = await fetch(`${run.base}/graphql`, { headers: { accept: "text/html" } });
  expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
  const html = await res.text();
  expect(html).toMatch(/<link rel="icon" href="\/favicon.svg"/);
  expect((await fetch(`${run.base}/favicon.svg`)).status).toBe(200);
  expect(responses.length).toBeGreaterThan(10);
  expect(responses.filter((r) => r.status >= 400)).toEqual([]);
  expect(run.offsite).toEqual([]);
  expect(run.pageErrors).toEqual([]);
});
