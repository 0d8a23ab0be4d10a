// The graph view (/graph) in a real browser (Debian's Chromium): it draws exactly the selection
// GET /export gives for the same parameters, a clicked node shows its source quotes as Neo4j
// stores them, a double-click merges in the node's neighbourhood, labels follow the language,
// tasks are coloured by their status as of the date, traces, connections and dependency chains
// are drawn from their GraphQL answers, refusals are shown with their code, and nothing is
// fetched from outside. Expected values come from /export, /graphql and Cypher, never from the page.
import fs from "node:fs";
import path from "node:path";
import type cytoscape from "cytoscape";
import type { Driver } from "neo4j-driver";
import type { Page } from "playwright-core";

import { FORMATS } from "../../src/export/formats/index.js";
import { startBrowser, type BrowserRun } from "../support/browser.js";
import { database, testDriver } from "../support/db.js";

// What the page's callbacks see in the browser (the test program has no DOM library).
declare const window: { cy?: cytoscape.Core };
declare const document: { body: { dataset: Record<string, string | undefined> }; querySelector(s: string): { hidden: boolean } | null };
declare function getComputedStyle(e: unknown): { backgroundColor: string };

let run: BrowserRun;
let driver: Driver;
beforeAll(async () => {
  run = await startBrowser();
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
  await run?.close();
});

const cypher = async (query: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(query, params, { database })).records.map((r) => r.toObject());

interface CyJson { elements: { nodes: { data: { id: string } }[]; edges: { data: { id: string } }[] } }
/** GET /export?format=cytoscape with these parameters: the selection as the API gives it. */
const exported = async (query: string) => {
  const res = await fetch(`${run.base}/export?${query}&format=cytoscape`);
  expect(res.status).toBe(200);
  const json = (await res.json()) as CyJson;
  return { nodes: json.elements.nodes.map((n) => n.data.id).sort(), edges: json.elements.edges.map((e) => e.data.id).sort() };
};
const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
  const res = await fetch(`${run.base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
};

let page: Page;
/** Opens /graph?<query> and waits until the picture is drawn. */
async function open(query: string): Promise<void> {
  page ??= await run.newPage();
  await page.goto(`${run.base}/graph?${query}`);
  await page.waitForFunction(() => document.body.dataset.graphReady === "true" || !document.querySelector('[data-testid="graph-error"]')!.hidden);
}
const drawn = () => page.evaluate(() => ({
  nodes: window.cy!.nodes().map((n) => n.id()).sort(),
  edges: window.cy!.edges().map((e) => e.id()).sort(),
}));
/** A real mouse click (or double-click) on a node, at its rendered position on the canvas. */
async function mouseOn(id: string, how: "click" | "dblclick" = "click") {
  const pos = await page.evaluate((id) => window.cy!.getElementById(id).renderedPosition(), id);
  const box = (await page.locator('[data-testid="graph-canvas"]').boundingBox())!;
  await page.mouse[how](box.x + pos.x, box.y + pos.y);
}
const ui = "layout=grid"; // a grid puts no node on top of another, so a click at a node's position hits that node

describe("a selection of GET /export", () => {
  test("draws every node and relationship of /export's answer for the same parameters", async () => {
    await open("seeds=57-NQ/TW&depth=1");
    const expected = await exported("seeds=57-NQ/TW&depth=1");
    expect(expected.nodes.length).toBeGreaterThan(10);
    expect(await drawn()).toEqual(expected);
    const status = await page.getByTestId("graph-status").textContent();
    expect(status).toContain(`${expected.nodes.length} nút · ${expected.edges.length} quan hệ`);
    await run.screenshot(page, "graph-selection");
  });

  test("without maxNodes in the address, /export is asked for at most 2,000 nodes and 10,000 relationships: a larger selection is refused, not cut", async () => {
    const asked = run.requests.filter((u) => new URL(u).pathname === "/export").map((u) => Object.fromEntries(new URL(u).searchParams));
    expect(asked).toContainEqual({ seeds: "57-NQ/TW", depth: "1", maxNodes: "2000", maxRelationships: "10000", format: "cytoscape" });
  });

  test("the legend names exactly the node types drawn", async () => {
    const types = (await cypher("MATCH (n) WHERE n.id IN $ids RETURN DISTINCT labels(n)[0] AS type", { ids: (await drawn()).nodes }))
      .map((r) => r.type as string).sort();
    const legend = await page.locator('[data-testid="legend"] li[data-type]').evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { type: string } }).dataset.type).sort());
    expect(legend).toEqual(types.filter((t) => t !== "Task"));
  });

  test("the selection's download links are every export format, each giving the drawn selection", async () => {
    const hrefs = await page.locator('[data-testid="export-links"] a').evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs.map((h) => new URLSearchParams(h.split("?")[1]).get("format"))).toEqual(Object.keys(FORMATS));
    const count = (await drawn()).nodes.length;
    for (const href of hrefs) {
      const res = await fetch(run.base + href);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-node-count")).toBe(String(count));
      await res.arrayBuffer();
    }
  });

  test("PNG and SVG of the picture download", async () => {
    for (const [button, ext, magic] of [["download-png", "png", "\x89PNG"], ["download-svg", "svg", "<svg"]] as const) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(button).click()]);
      expect(download.suggestedFilename()).toBe(`policy-graph.${ext}`);
      const bytes = fs.readFileSync((await download.path())!);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(bytes.toString("latin1")).toContain(magic);
    }
  });
});

describe("a node", () => {
  test("a click shows its properties and its source quotes, as Neo4j stores them", async () => {
    await open(`seeds=57-NQ/TW&depth=1&${ui}`);
    await mouseOn("57-NQ/TW");
    await expect(page.getByTestId("node-id").textContent()).resolves.toBe("57-NQ/TW");
    const stored = (await cypher("MATCH (:Document {id: $id})-[c:SOURCED_FROM]->(:Source) RETURN c.quote AS quote", { id: "57-NQ/TW" })).map((r) => r.quote as string).sort();
    expect(stored.length).toBeGreaterThan(0);
    await page.locator('[data-testid="node-quote"]').first().waitFor();
    const shown = (await page.locator('[data-testid="node-quote"]').allTextContents()).sort();
    expect(shown).toEqual(stored);
    const [{ titleVi }] = (await cypher("MATCH (d:Document {id: $id}) RETURN d.titleVi AS titleVi", { id: "57-NQ/TW" })) as [{ titleVi: string }];
    await expect(page.getByTestId("node-title").textContent()).resolves.toBe(titleVi);
    await run.screenshot(page, "graph-node");
  });

  test("a double-click merges in its depth-1 neighbourhood: the union of the two selections", async () => {
    await open(`seeds=57-NQ/TW&depth=1&${ui}`);
    const before = await exported("seeds=57-NQ/TW&depth=1");
    const around = await exported("seeds=03/NQ-CP&depth=1");
    const union = [...new Set([...before.nodes, ...around.nodes])].sort();
    expect(union.length).toBeGreaterThan(before.nodes.length);
    await mouseOn("03/NQ-CP", "dblclick");
    await page.waitForFunction((n) => window.cy!.nodes().length === n, union.length);
    const after = await drawn();
    expect(after.nodes).toEqual(union);
    expect(after.edges).toEqual([...new Set([...before.edges, ...around.edges])].sort());
    await run.screenshot(page, "graph-expanded");
  });

  test("search jumps to a node by its name, folded, and selects it", async () => {
    await open("seeds=bo-cong-an&depth=1&asOf=2026-04-01&provenance=false");
    const [{ id, nameVi }] = (await cypher("MATCH (a:Agency {id: 'bo-cong-an'}) RETURN a.id AS id, a.nameVi AS nameVi")) as [{ id: string; nameVi: string }];
    const folded = nameVi.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toUpperCase();
    expect(folded).toBe("BO CONG AN");
    await page.getByTestId("graph-search").fill(folded);
    await page.getByTestId("graph-search").press("Enter");
    await expect(page.getByTestId("node-id").textContent()).resolves.toBe(id);
    expect(await page.evaluate(() => window.cy!.$("node:selected").map((n) => n.id()))).toEqual([id]);
    await page.locator('[data-testid="node-quote"]').first().waitFor();
    await run.screenshot(page, "graph-search");
    await page.getByTestId("graph-search").fill("no such node anywhere");
    await page.getByTestId("graph-search").press("Enter");
    await expect(page.getByTestId("graph-search-message").textContent()).resolves.toBe("Không có nút nào như vậy trong hình");
  });
});

test("the language toggle switches the node labels and the page's labels", async () => {
  await open("seeds=57-NQ/TW&depth=1");
  const [doc] = await cypher("MATCH (d:Document {id: '57-NQ/TW'}) RETURN d.titleVi AS vi, d.titleEn AS en");
  const label = () => page.evaluate(() => window.cy!.getElementById("57-NQ/TW").data("display") as string);
  expect(await label()).toBe(doc!.vi);
  await page.getByTestId("lang-toggle").click();
  expect(await label()).toBe(doc!.en);
  await expect(page.locator('[data-testid="legend"] li[data-type="Document"]').textContent()).resolves.toBe("Document");
  expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
  await page.getByTestId("lang-toggle").click();
  expect(await label()).toBe(doc!.vi);
  await expect(page.locator('[data-testid="legend"] li[data-type="Document"]').textContent()).resolves.toBe("Văn bản");
});

test("a task's colour is its status as of asOf, as the API computes it, and matches the legend", async () => {
  const dates = ["2025-05-24", "2026-04-01"];
  // tasks with reports (Cypher), their status on both dates (the API), the first that differs
  const reported = (await cypher("MATCH (t:Task)<-[:REPORTS_ON]-(:ProgressReport) RETURN DISTINCT t.id AS id ORDER BY id")).map((r) => r.id as string);
  const { tasks } = await gql<{ tasks: { id: string; early: string; late: string }[] }>(
    "query($ids: [ID!]!, $early: Date, $late: Date) { tasks(where: { id: { in: $ids } }, limit: 1000) { id early: status(asOf: $early) late: status(asOf: $late) } }",
    { ids: reported, early: dates[0], late: dates[1] });
  const found = tasks.find((x) => x.early !== x.late)!;
  expect(found).toBeDefined();
  const changed = { id: found.id, status: found.early };
  const lateStatus = new Map([[found.id, found.late]]);
  const colours: string[] = [];
  for (const [asOf, status] of [[dates[0]!, changed.status], [dates[1]!, lateStatus.get(changed.id)!]]) {
    await open(`seeds=${encodeURIComponent(changed.id)}&depth=1&asOf=${asOf}`);
    const node = await page.evaluate((id) => { const n = window.cy!.getElementById(id); return { status: n.data("status") as string, fill: n.style("background-color") as string }; }, changed.id);
    expect(node.status).toBe(status);
    const swatch = await page.locator(`[data-testid="legend"] li[data-status="${status}"] .gv-swatch`).evaluate((s) => getComputedStyle(s).backgroundColor);
    expect(node.fill.replace(/\s/g, "")).toBe(swatch.replace(/\s/g, ""));
    colours.push(node.fill);
  }
  expect(colours[0]).not.toBe(colours[1]);
});

describe("views built from GraphQL answers", () => {
  test("a trace draws every traced task with its status as of the date", async () => {
    const { trace } = await gql<{ trace: { totalTasks: number; tasks: { id: string; status: string }[] } }>(
      '{ trace(id: "57-NQ/TW", asOf: "2026-04-01", limit: 2000) { totalTasks tasks { id status } } }');
    await open("trace=57-NQ/TW&asOf=2026-04-01");
    const tasks = await page.evaluate(() => window.cy!.nodes('[type = "Task"]').map((n) => [n.id(), n.data("status") as string]));
    expect(tasks.length).toBe(trace.totalTasks);
    expect(new Map(tasks as [string, string][])).toEqual(new Map(trace.tasks.map((t) => [t.id, t.status])));
    // every task hangs by its path from the root: one connected picture
    expect(await page.evaluate(() => window.cy!.elements().components().length)).toBe(1);
    await run.screenshot(page, "graph-trace");
  });

  test("the hierarchical layout draws a document tree top-down: every parent above what is PART_OF it", async () => {
    await open("trace=03/NQ-CP&asOf=2026-04-01&layout=dagre");
    const partOf = await page.evaluate(() => window.cy!.edges('[type = "PART_OF"]').map((e) => [e.source().position().y, e.target().position().y]));
    expect(partOf.length).toBeGreaterThan(100);
    for (const [child, parent] of partOf) expect(child).toBeGreaterThan(parent!);
    await expect(page.getByTestId("graph-layout").inputValue()).resolves.toBe("dagre");
    // switching layouts re-draws in place, and is kept in the address
    await page.getByTestId("graph-layout").selectOption("concentric");
    expect(new URL(page.url()).searchParams.get("layout")).toBe("concentric");
    const after = await page.evaluate(() => window.cy!.edges('[type = "PART_OF"]').filter((e) => e.source().position().y <= e.target().position().y).length);
    expect(after).toBeGreaterThan(0);
  });

  test("connections draw the nodes and edges of every shortest path", async () => {
    const { connections } = await gql<{ connections: { nodes: { id: string }[]; edges: { from: string; type: string; to: string }[] }[] }>(
      '{ connections(from: "bo-cong-an", to: "1131/QĐ-TTg#1") { nodes { id } edges { from type to } } }');
    await open(`connect=${encodeURIComponent("bo-cong-an,1131/QĐ-TTg#1")}`);
    const got = await drawn();
    expect(got.nodes).toEqual([...new Set(connections.flatMap((p) => p.nodes.map((n) => n.id)))].sort());
    expect(got.edges).toEqual([...new Set(connections.flatMap((p) => p.edges.map((e) => `${e.from}|${e.type}|${e.to}`)))].sort());
  });

  test("a dependency chain draws its DEPENDS_ON edges, tasks coloured by status", async () => {
    const { dependencies } = await gql<{ dependencies: { edges: { from: { id: string }; to: { id: string; status: string } }[] } }>(
      '{ dependencies(id: "EV-2025-10-15#9", asOf: "2026-04-01") { edges { from { id } to { id status } } } }');
    expect(dependencies.edges.length).toBeGreaterThan(0);
    await open(`dependencies=${encodeURIComponent("EV-2025-10-15#9")}&asOf=2026-04-01`);
    const got = await drawn();
    expect(got.edges).toEqual([...new Set(dependencies.edges.map((e) => `${e.from.id}|DEPENDS_ON|${e.to.id}`))].sort());
    for (const e of dependencies.edges) {
      expect(await page.evaluate((id) => window.cy!.getElementById(id).data("status"), e.to.id)).toBe(e.to.status);
    }
  });
});

test("no request left 127.0.0.1 and no page had an error", () => {
  expect(run.requests.length).toBeGreaterThan(0);
  expect(run.offsite).toEqual([]);
  expect(run.pageErrors).toEqual([]);
});

describe("refusals are shown with the API's message and code, nothing drawn", () => {
  test.each([
    ["an unknown seed", "seeds=no-such-node&depth=1", "NOT_FOUND", 404],
    ["a bad depth", "seeds=57-NQ/TW&depth=9", "BAD_USER_INPUT", 400],
    ["an unknown parameter", "seeds=57-NQ/TW&ids=x", "BAD_USER_INPUT", 400],
    ["a selection over maxNodes", "seeds=57-NQ/TW&depth=3&maxNodes=50&maxRelationships=100000", "LIMIT_EXCEEDED", 413],
  ])("%s", async (_what, query, code, httpStatus) => {
    const res = await fetch(`${run.base}/export?${query}&format=cytoscape`);
    expect(res.status).toBe(httpStatus);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    const errorsBefore = run.pageErrors.length;
    await open(query);
    await expect(page.getByTestId("graph-error-code").textContent()).resolves.toBe(code);
    await expect(page.getByTestId("graph-error-message").textContent()).resolves.toBe(error.message);
    expect(await page.evaluate(() => window.cy)).toBeUndefined();
    // the only console line is Chromium's own note of the refused response
    expect(run.pageErrors.slice(errorsBefore)).toEqual([`Failed to load resource: the server responded with a status of ${httpStatus} (${{ 400: "Bad Request", 404: "Not Found", 413: "Payload Too Large" }[httpStatus]})`]);
    if (code === "LIMIT_EXCEEDED") await run.screenshot(page, "graph-refused");
  });

  test("a GraphQL view's refusal too: a trace of an unknown id", async () => {
    await open("trace=no-such-node");
    await expect(page.getByTestId("graph-error-code").textContent()).resolves.toBe("NOT_FOUND");
    await expect(page.getByTestId("graph-error-message").textContent()).resolves.toMatch(/no-such-node/);
  });

  test("a GraphQL view refuses parameters it does not take, naming the ones it does", async () => {
    await open("trace=57-NQ/TW&depth=2");
    await expect(page.getByTestId("graph-error-code").textContent()).resolves.toBe("BAD_USER_INPUT");
    await expect(page.getByTestId("graph-error-message").textContent()).resolves.toBe('Unknown parameter "depth" for trace; the accepted ones are trace, asOf, lang, layout');
    await open("connect=bo-cong-an");
    await expect(page.getByTestId("graph-error-message").textContent()).resolves.toMatch(/^connect takes two ids/);
  });

  test("and still nothing left 127.0.0.1", () => {
    expect(run.offsite).toEqual([]);
    expect(fs.existsSync(path.join("artifacts/screenshots", "graph-selection.png"))).toBe(true);
  });
});
