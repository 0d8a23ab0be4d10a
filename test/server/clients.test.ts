// Real GraphQL clients against the service on 127.0.0.1, as a dashboard developer uses it:
// - any query over a plain GET, with no header (a shipped operation also by its hash alone),
//   while a form-like POST is still refused by Apollo's CSRF check;
// - HTTP caching: GET answers carry `max-age=N, public` from the @cacheControl hints (10 s for
//   live data, 300 s for seeded facts alone); POST, credentials, errors and mutations no-store;
// - a hash-only GET answers JSON whatever it accepts, never the explorer;
// - /export sends CORS, on its files, its errors and the OPTIONS preflight;
// - Apollo Client's InMemoryCache with the README's typePolicies, and urql (its document cache,
//   and graphcache with the README's keys), give back each date's statuses for TraceDirective
//   asked as of 2025-05-24 then 2026-04-01. Without them, Apollo Client and graphcache mix the
//   dates up: that is checked too, so the test shows the fix matters.
// The truth for each date is the service's answer to a POST asked once for that date alone.
import { createHash } from "node:crypto";

import { jest } from "@jest/globals";

import { ApolloClient, HttpLink, InMemoryCache, gql, type TypePolicies } from "@apollo/client";
import { Client, cacheExchange as documentCache, fetchExchange } from "@urql/core";
import { cacheExchange as graphcache } from "@urql/exchange-graphcache";

import { LIVE_MAX_AGE, STATIC_MAX_AGE } from "../../src/graphql/cacheControl.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { startTestApp, type TestApp } from "../support/app.js";

let t: TestApp;
let base: string;

const FIRST = "2025-05-24";
const SECOND = "2026-04-01";
const TRACE = namedOperations().find((op) => op.name === "TraceDirective")!.text;
const TRACE_HASH = createHash("sha256").update(TRACE).digest("hex");
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const DASHBOARD = namedOperations().find((op) => op.name === "Dashboard")!.text;

/** The README's typePolicies: types whose fields are as of the query's date (or its search text) are kept inside their answer, not merged by id. */
const typePolicies: TypePolicies = {
  TracedTask: { keyFields: false },
  TaskRef: { keyFields: false },
  SubgraphNode: { keyFields: false },
  SearchHit: { keyFields: false },
};
/** The same for urql's graphcache. */
const graphcacheKeys = { TracedTask: () => null, TaskRef: () => null, SubgraphNode: () => null, SearchHit: () => null };

type Traced = { id: string; status: string; dependsOn: { task: { id: string; status: string } }[]; blockedBy: { id: string; status: string }[] };
/** Every status in an answer, by where it is: a task's own, and those of the tasks it depends on and is blocked by. */
const statuses = (trace: { tasks: Traced[] }): Record<string, string> =>
  Object.fromEntries(trace.tasks.flatMap((task) => [
    [task.id, task.status],
    ...task.dependsOn.map((d) => [`${task.id} dependsOn ${d.task.id}`, d.task.status]),
    ...task.blockedBy.map((b) => [`${task.id} blockedBy ${b.id}`, b.status]),
  ]));

const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });

const get = (params: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return fetch(`${base}/graphql?${search}`, { headers });
};

let truth: Record<string, Record<string, string>>;

beforeAll(async () => {
  t = await startTestApp();
  base = `http://127.0.0.1:${await t.app.listen(0, "127.0.0.1")}`;
  truth = {};
  for (const asOf of [FIRST, SECOND]) {
    const body = (await (await post(TRACE, { asOf })).json()) as { data: { trace: { tasks: Traced[] } } };
    truth[asOf] = statuses(body.data.trace);
  }
}, 120_000);
afterAll(() => t.close());

test("the two dates differ: a cache that mixes them up gives wrong statuses", () => {
  const tasks = (answer: Record<string, string>) => Object.keys(answer).filter((k) => !k.includes(" "));
  expect(tasks(truth[SECOND]!)).toEqual(tasks(truth[FIRST]!));
  const changed = tasks(truth[FIRST]!).filter((k) => truth[FIRST]![k] !== truth[SECOND]![k]);
  expect(changed.length).toBeGreaterThan(5);
});

describe("GET for dashboards", () => {
  test("a shipped operation by a plain GET, no header: the same answer as its POST, cacheable for the live max-age", async () => {
    const res = await get({ query: TRACE, variables: { asOf: FIRST } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(`max-age=${LIVE_MAX_AGE}, public`);
    const body = (await res.json()) as { data: { trace: { tasks: Traced[] } } };
    expect(statuses(body.data.trace)).toEqual(truth[FIRST]);
  });

  test("a shipped operation by its hash alone, no header, with Accept */*, a browser's or JSON: JSON, the answer", async () => {
    for (const accept of ["*/*", BROWSER_ACCEPT, "application/json"]) {
      const res = await get({ extensions: { persistedQuery: { version: 1, sha256Hash: TRACE_HASH } }, variables: { asOf: FIRST } }, { accept });
      expect(res.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
      const body = (await res.json()) as { data: { trace: { tasks: Traced[] } } };
      expect(statuses(body.data.trace)).toEqual(truth[FIRST]);
    }
  });

  test("an unknown hash alone answers JSON PERSISTED_QUERY_NOT_FOUND with Accept */* or a browser's; HTML alone, a JSON refusal; never the explorer", async () => {
    const unknown = createHash("sha256").update("query Nope { __typename }").digest("hex");
    const code = async (res: Response) => {
      expect(res.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
      return ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
    };
    for (const accept of ["*/*", BROWSER_ACCEPT]) {
      expect(await code(await get({ extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } }, { accept }))).toBe("PERSISTED_QUERY_NOT_FOUND");
    }
    // a client that takes only HTML is told, in JSON, that the answer is JSON
    const html = await get({ extensions: { persistedQuery: { version: 1, sha256Hash: TRACE_HASH } } }, { accept: "text/html" });
    expect(html.status).toBe(406);
    expect(await code(html)).toBe("BAD_REQUEST");
    // and the explorer is still there for a bare GET
    expect((await fetch(`${base}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).headers.get("content-type")).toMatch(/^text\/html/);
  });

  test("an ad-hoc document over a plain GET runs too; a form-like POST is still refused as a possible CSRF", async () => {
    const query = "{ documents(limit: 2, sort: [{ id: ASC }]) { id } }";
    const res = await get({ query });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { documents: unknown[] } }).data.documents).toHaveLength(2);
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const form = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": type }, body: JSON.stringify({ query }) });
      expect(form.status).toBe(400);
      expect(((await form.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Cross-Site Request Forgery/);
    }
  });
});

describe("HTTP caching from the @cacheControl hints", () => {
  const preflight = {};
  test("seeded facts alone: the long max-age; any live field in the answer: the short one", async () => {
    const facts = await get({ query: "{ documents(limit: 3, sort: [{ id: ASC }]) { id titleVi issuedOn } agencies(limit: 2, sort: [{ id: ASC }]) { id nameVi } }" }, preflight);
    expect(facts.status).toBe(200);
    expect(facts.headers.get("cache-control")).toBe(`max-age=${STATIC_MAX_AGE}, public`);
    expect(facts.headers.get("vary")).toMatch(/accept/i);
    const live = await get({ query: `{ tasks(limit: 3, sort: [{ id: ASC }]) { id titleVi status(asOf: "${FIRST}") } }` }, preflight);
    expect(live.headers.get("cache-control")).toBe(`max-age=${LIVE_MAX_AGE}, public`);
    const reports = await get({ query: "{ tasks(limit: 3, sort: [{ id: ASC }]) { id reportCount } }" }, preflight);
    expect(reports.headers.get("cache-control")).toBe(`max-age=${LIVE_MAX_AGE}, public`);
    const dashboard = await get({ query: DASHBOARD, variables: { asOf: FIRST } });
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get("cache-control")).toBe(`max-age=${LIVE_MAX_AGE}, public`);
  });

  test("a POST, a GET with credentials, an answer with errors and a mutation are not cacheable", async () => {
    expect((await post(TRACE, { asOf: FIRST })).headers.get("cache-control")).toBe("no-store");
    const withToken = await get({ query: TRACE, variables: { asOf: FIRST } }, { authorization: "Bearer not-a-token" });
    expect(withToken.headers.get("cache-control")).toBe("no-store");
    const failed = await get({ query: TRACE, variables: { id: "no-such-directive" } });
    expect(failed.headers.get("cache-control")).toBe("no-store");
    const mutation = await get({ query: 'mutation { reportProgress(input: { taskId: "x", status: DONE, reportedOn: "2025-01-01" }) { id } }' }, preflight);
    expect(mutation.status).toBe(405); // GraphQL over HTTP: no mutation by GET
    expect(mutation.headers.get("cache-control")).not.toMatch(/max-age|public/);
  });
});

describe("/export's CORS", () => {
  const origin = { origin: "https://notebook.example" };
  test("a file, with its counts and name readable by the page", async () => {
    const res = await fetch(`${base}/export?seeds=57-NQ/TW&depth=1&format=gexf`, { headers: origin });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")?.split(",")).toEqual(expect.arrayContaining(["Content-Disposition", "X-Node-Count", "X-Relationship-Count"]));
    expect(await res.text()).toMatch(/<gexf xmlns="http:\/\/www.gexf.net\/1.2draft"/);
  });

  test("an error, and the OPTIONS preflight", async () => {
    const bad = await fetch(`${base}/export?format=xml`, { headers: origin });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("BAD_USER_INPUT");
    const preflight = await fetch(`${base}/export?format=gexf`, { method: "OPTIONS", headers: { ...origin, "access-control-request-method": "GET", "access-control-request-headers": "x-custom" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/GET/);
    const context = await fetch(`${base}/export/context.jsonld`, { headers: origin });
    expect(context.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("Apollo Client", () => {
  const query = gql(TRACE);
  const client = (policies?: TypePolicies, useGETForQueries = false) =>
    new ApolloClient({ link: new HttpLink({ uri: `${base}/graphql`, useGETForQueries }), cache: new InMemoryCache(policies ? { typePolicies: policies } : {}) });

  const run = async (c: ApolloClient) => {
    const answers: Record<string, Record<string, string>> = {};
    for (const asOf of [FIRST, SECOND]) {
      const { data } = await c.query({ query, variables: { asOf }, fetchPolicy: "network-only" });
      answers[asOf] = statuses((data as { trace: { tasks: Traced[] } }).trace);
    }
    const first = c.readQuery({ query, variables: { asOf: FIRST } }) as { trace: { tasks: Traced[] } };
    return { answers, cachedFirst: statuses(first.trace) };
  };

  test("with the README's typePolicies: the first date read back from the cache has the first date's statuses", async () => {
    const c = client(typePolicies);
    const { answers, cachedFirst } = await run(c);
    expect(answers).toEqual(truth);
    expect(cachedFirst).toEqual(truth[FIRST]);
    c.stop();
  });

  test("over GET (useGETForQueries), the shipped operation needs no header and gives the same", async () => {
    const c = client(typePolicies, true);
    const { answers, cachedFirst } = await run(c);
    expect(answers).toEqual(truth);
    expect(cachedFirst).toEqual(truth[FIRST]);
    c.stop();
  });

  test("without them, InMemoryCache merges the tasks by id and the first date comes back with the second's statuses", async () => {
    const c = client();
    const { cachedFirst } = await run(c);
    const wrong = Object.keys(truth[FIRST]!).filter((k) => cachedFirst[k] !== truth[FIRST]![k]);
    const changed = Object.keys(truth[FIRST]!).filter((k) => truth[FIRST]![k] !== truth[SECOND]![k]);
    expect(wrong.sort()).toEqual(changed.sort());
    c.stop();
  });
});

describe("urql", () => {
  // graphcache warns of every type it cannot key (the ones with no id): those warnings only
  let warn: ReturnType<typeof jest.spyOn>;
  beforeEach(() => { warn = jest.spyOn(console, "warn").mockImplementation(() => undefined); });
  afterEach(() => {
    for (const [message] of warn.mock.calls) expect(String(message)).toMatch(/^Invalid key: /);
    warn.mockRestore();
  });
  const run = async (c: Client) => {
    const answers: Record<string, Record<string, string>> = {};
    for (const asOf of [FIRST, SECOND]) {
      const r = await c.query(TRACE, { asOf }, { requestPolicy: "network-only" }).toPromise();
      expect(r.error).toBeUndefined();
      answers[asOf] = statuses((r.data as { trace: { tasks: Traced[] } }).trace);
    }
    const cached = await c.query(TRACE, { asOf: FIRST }, { requestPolicy: "cache-only" }).toPromise();
    return { answers, cachedFirst: statuses((cached.data as { trace: { tasks: Traced[] } }).trace) };
  };

  test("the default document cache (by query and variables), over GET: each date's own statuses", async () => {
    const c = new Client({ url: `${base}/graphql`, exchanges: [documentCache, fetchExchange], preferGetMethod: true });
    const { answers, cachedFirst } = await run(c);
    expect(answers).toEqual(truth);
    expect(cachedFirst).toEqual(truth[FIRST]);
  });

  test("graphcache with the README's keys: each date's own statuses", async () => {
    const c = new Client({ url: `${base}/graphql`, exchanges: [graphcache({ keys: graphcacheKeys }), fetchExchange] });
    const { answers, cachedFirst } = await run(c);
    expect(answers).toEqual(truth);
    expect(cachedFirst).toEqual(truth[FIRST]);
  });

  test("graphcache without them merges the tasks by id, as Apollo Client does", async () => {
    const c = new Client({ url: `${base}/graphql`, exchanges: [graphcache({}), fetchExchange] });
    const { cachedFirst } = await run(c);
    expect(cachedFirst).not.toEqual(truth[FIRST]);
  });
});
