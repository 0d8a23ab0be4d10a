// The HTTP service, in-process on a free port: GraphQL with error codes, the depth limit,
// the offline explorer and /health.
import { startTestApp, type TestApp } from "../support/app.js";

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await startTestApp(8);
  base = `http://127.0.0.1:${await t.app.listen(0, "127.0.0.1")}`;
});
afterAll(() => t.close());

const gql = async (query: string, variables?: Record<string, unknown>) => {
  const res = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] } };
};

test("/health: ready, with the server and APOC versions", async () => {
  const res = await fetch(`${base}/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ready", neo4j: expect.stringMatching(/^5\./), apoc: expect.stringMatching(/^5\./) });
});

test("a browser's GET /graphql gets the explorer (GraphiQL, bundled), served without any CDN under a same-origin CSP", async () => {
  const res = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
  const html = await res.text();
  expect(res.headers.get("content-type")).toMatch(/text\/html/);
  expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
  expect(html).toMatch(/<script src="\/assets\/explorer.js"><\/script>/);
  expect(html).not.toMatch(/https?:\/\//);
  // the named operations ride along as data, which the page's script reads
  const ops = JSON.parse(html.match(/<script type="application\/json" id="pg-operations">(.*?)<\/script>/s)![1]!);
  expect(ops.map((o: { name: string }) => o.name)).toContain("TraceDirective");
  const script = await fetch(`${base}/assets/explorer.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get("content-type")).toMatch(/javascript/);
});

test("every page's bundle is built by warmPages (as npm start does once listening), and an unknown asset is NOT_FOUND", async () => {
  await t.app.warmPages();
  for (const page of ["explorer", "graph", "dashboard"]) {
    const js = await fetch(`${base}/assets/${page}.js`);
    expect([page, js.status, js.headers.get("content-type")]).toEqual([page, 200, expect.stringMatching(/javascript/)]);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const shell = await fetch(`${base}/${page === "explorer" ? "graphql" : page}`, { headers: { accept: "text/html" } });
    expect(await shell.text()).toContain(`/assets/${page}.js`);
  }
  const missing = await fetch(`${base}/assets/nothing.js`);
  expect(missing.status).toBe(404);
  expect((await missing.json()).errors[0].extensions.code).toBe("NOT_FOUND");
});

test("trace over HTTP lists owners and deadlines", async () => {
  const { body } = await gql(`query($id: ID!) { trace(id: $id, asOf: "2025-11-23", limit: 2000) {
    totalTasks tasks { id deadline status leadAgencies { assigned { id nameVi } today { id } } sources { sourceId quote trust } } } }`, { id: "57-NQ/TW" });
  expect(body.errors).toBeUndefined();
  const task = body.data!.trace.tasks.find((t: { id: string }) => t.id === "EV-2025-10-15#9");
  expect(task).toMatchObject({ deadline: "2026-03-31", status: "UNKNOWN", leadAgencies: [{ assigned: { id: "dang-uy-chinh-phu" } }] });
  expect(task.sources[0]).toMatchObject({ sourceId: "article-002", trust: "ARTICLE" });
});

test("the generated API answers with filters, bounded by @limit", async () => {
  const { body } = await gql(`{ agencies(where: { id: { eq: "bo-thong-tin-va-truyen-thong" } }, limit: 1) {
    nameVi succeededByConnection(first: 10) { edges { node { id } properties { date main } } } } }`);
  expect(body.errors).toBeUndefined();
  const edges = body.data!.agencies[0].succeededByConnection.edges;
  expect(edges).toEqual(expect.arrayContaining([{ node: { id: "bo-khoa-hoc-va-cong-nghe" }, properties: { date: "2025-03-01", main: true } }]));
  const over = await gql("{ tasks(limit: 5000) { id } }");
  expect(over.status).toBe(400);
  expect(over.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("maximum of 1000"), extensions: { code: "BAD_USER_INPUT" } });
});

test("the only mutations are the two reports, and they need a token: no generated create, update or delete is exposed", async () => {
  const { body: schema } = await gql("{ __type(name: \"Mutation\") { fields { name } } }");
  expect(schema.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(["reportIndicator", "reportProgress"]);
  for (const m of ['createTasks(input: [{ id: "x" }]) { info { nodesCreated } }', 'deleteTasks { nodesDeleted }', 'updateProgressReports(update: { status: { set: DONE } }) { info { nodesCreated } }']) {
    const { status, body } = await gql(`mutation { ${m} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Cannot query field "\w+" on type "Mutation"\./), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  }
  const anonymous = await gql('mutation { reportProgress(input: { taskId: "71/NQ-CP#3", status: DONE, reportedOn: "2025-06-01" }) { id } }');
  expect(anonymous.body.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
  expect(anonymous.body.data ?? null).toBeNull();
});

test("an unknown id gives NOT_FOUND naming the id", async () => {
  const { body } = await gql('{ trace(id: "nope") { totalTasks } }');
  expect(body.errors?.[0]).toMatchObject({ message: 'No document, section, task or event with id "nope"', extensions: { code: "NOT_FOUND", id: "nope" } });
});

test("bad arguments give BAD_USER_INPUT", async () => {
  const { body } = await gql('{ trace(id: "57-NQ/TW", limit: 0) { totalTasks } }');
  expect(body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
});

test("a query deeper than the limit is refused before it runs", async () => {
  const deep = "{ agencies(limit: 1) { succeededBy { succeededBy { succeededBy { succeededBy { succeededBy { succeededBy { succeededBy { succeededBy { id } } } } } } } } } }";
  const { body } = await gql(deep);
  expect(body.data).toBeUndefined();
  expect(body.errors?.[0]).toMatchObject({ message: "Query depth limit of 8 exceeded, found 10.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  const shallow = await gql("{ agencies(limit: 1) { succeededBy(limit: 5) { id } } }");
  expect(shallow.body.errors).toBeUndefined();
});

describe("hostile requests are refused with a code, as JSON, leaking nothing (issue 9)", () => {
  const post = (body: string | Blob, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const refusal = async (res: Response) => {
    const text = await res.text();
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(text).not.toMatch(/<html|\bat \w+ \(|\/work\/|node_modules/i);
    return JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
  };

  test.each([
    ["malformed JSON", () => post("{ not json"), 400, "BAD_REQUEST"],
    ["a body over 1 MB", () => post(JSON.stringify({ query: `{ __typename } # ${"x".repeat(1_100_000)}` })), 413, "PAYLOAD_TOO_LARGE"],
    ["a charset that is not UTF-8", () => post("{}", { "content-type": "application/json; charset=ebcdic" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["an unknown content encoding", () => post("{}", { "content-encoding": "br2" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a broken gzip stream", () => post(new Blob(["not gzip at all"]), { "content-encoding": "gzip" }), 400, "BAD_REQUEST"],
  ])("%s", async (_what, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect((await refusal(res)).errors[0]!.extensions.code).toBe(code);
  });

  test("over the token, alias and directive bounds: refused before anything runs, naming the bound", async () => {
    const tokens = await gql(`{ ${"__typename ".repeat(40_000)}}`);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors![0]).toMatchObject({ message: expect.stringMatching(/more th\w+ 5000 tokens/), extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    const aliases = await gql(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: sources(limit: 1) { id }`).join(" ")} }`);
    expect(aliases.body.errors![0]!.message).toMatch(/aliases limit of 20/i);
    const directives = await gql(`{ __typename ${"@include(if: true) ".repeat(30)}}`);
    expect(directives.body.errors![0]!.message).toMatch(/directives limit of 20/i);
  });

  test("filters that would run for minutes are refused before they run, naming the bound", async () => {
    let where = '{ id: { eq: "bo-cong-an" } }';
    for (let i = 6; i > 0; i--) where = i % 2 === 1 ? `{ leads: { single: ${where} } }` : `{ ledBy: { single: ${where} } }`;
    const nested = await gql(`{ agencies(where: ${where}, limit: 10) { id } }`);
    expect(nested.status).toBe(400);
    expect(nested.body.errors![0]).toMatchObject({ message: expect.stringMatching(/nests 6 relationship filters, over the maximum of 2/), extensions: { code: "BAD_USER_INPUT" } });
    const or = await gql("query($w: AgencyWhere) { agencies(where: $w, limit: 10) { id } }", { w: { OR: Array.from({ length: 5000 }, (_, i) => ({ id: { eq: `a${i}` } })) } });
    expect(or.body.errors![0]).toMatchObject({ message: expect.stringMatching(/variables hold more than 2000 values/), extensions: { code: "BAD_USER_INPUT" } });
    const inline = await gql('{ trace(id: "57-NQ/TW", asOf: "2025-02-30", limit: 1) { totalTasks } }');
    expect(inline.body.errors![0]!.message).toMatch(/"2025-02-30" is not a date that exists/);
  });

  test("/health and the headers: no x-powered-by, helmet's headers", async () => {
    const res = await fetch(`${base}/health`);
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
