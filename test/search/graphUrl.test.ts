// A search hit links to the graph view of itself and its neighbours: SearchHit.graphUrl is
// /graph?seeds=<id>&depth=1, an id with "/" or "#" encoded so that the page (and GET /export,
// which the page passes the same parameters to) reads the id back whole.
import { startHttpTestApp, type HttpTestApp } from "../support/app.js";

let t: HttpTestApp;
let base: string;
beforeAll(async () => {
  t = await startHttpTestApp();
  base = t.base;
});
afterAll(() => t.close());

const gql = (query: string, variables?: Record<string, unknown>) => t.gql(query, variables);

test("every hit's graphUrl opens its node at depth 1, the id encoded and read back whole", async () => {
  const body = await gql('{ search(text: "BCA", types: [AGENCY, TASK], limit: 10) { id graphUrl } }');
  expect(body.errors).toBeUndefined();
  const hits = body.data!.search as { id: string; graphUrl: string }[];
  expect(hits).toHaveLength(10);
  // tasks' ids carry "/" and "#": the hit list must hold one so that the encoding is tested
  expect(hits.some((h) => /[/#]/.test(h.id))).toBe(true);
  for (const hit of hits) {
    const url = new URL(hit.graphUrl, base);
    expect(url.pathname).toBe("/graph");
    expect(url.hash).toBe("");
    expect(Object.fromEntries(url.searchParams)).toEqual({ seeds: hit.id, depth: "1" });
  }
});

test("the link is the page, and the same parameters give /export the hit and its neighbours", async () => {
  const body = await gql('{ search(text: "BCA", types: [TASK], limit: 1) { id graphUrl } }');
  const [hit] = body.data!.search as { id: string; graphUrl: string }[];
  const page = await fetch(new URL(hit!.graphUrl, base));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<script src="/assets/graph.js">');

  const exported = await fetch(`${base}/export${new URL(hit!.graphUrl, base).search}&format=cytoscape`);
  expect(exported.status).toBe(200);
  const cyjs = (await exported.json()) as { data: { selection: { seeds: string[]; depth: number } }; elements: { nodes: { data: { id: string } }[] } };
  expect(cyjs.data.selection).toMatchObject({ seeds: [hit!.id], depth: 1 });
  const ids = cyjs.elements.nodes.map((n) => n.data.id);
  expect(ids).toContain(hit!.id);
  expect(ids.length).toBeGreaterThan(1);
});
