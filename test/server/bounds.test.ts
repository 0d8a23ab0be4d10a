// The bounds of the HTTP service during execution (issue 9, items 2 and 7), over real HTTP on
// a real Neo4j: a client that goes away takes its query with it; ad-hoc work cannot hold the
// whole pool, so a shipped operation answers while twenty slow ad-hoc requests are in flight;
// beyond a queue, and over the rate limit, the answer is 429 at once; an answer over the size
// cap is not sent. Each app here sets small bounds of its own (createApp's `bounds`).
//
// The slow request is an honest one, within every bound checked before execution: a `where`
// of 50 OR branches, each two relationship hops deep (Agency → Task → Agency). Neo4j spends
// seconds planning it; each request asks a differently shaped one (the field each branch
// tests), so no plan is reused and every one of them costs those seconds.
import type { Driver } from "neo4j-driver";

import { answer } from "../../src/db/answers.js";
import { onStatement, read, statementsRunning, type Db } from "../../src/db/gateway.js";
import { checkServer, type ServerInfo } from "../../src/db/compat.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { createApp, type App, type RequestBounds } from "../../src/server/app.js";
import { cancelRequest } from "../../src/server/requests.js";
import { database, testDriver } from "../support/db.js";

type Body = { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[] };

let driver: Driver;
/** the test's own eyes on Neo4j, on a driver of its own so that looking takes no connection from the apps' pool */
let observer: Driver;
let server: ServerInfo;

beforeAll(async () => {
  driver = testDriver();
  observer = testDriver();
  server = await checkServer(driver, database);
});
afterAll(async () => {
  await driver.close();
  await observer.close();
});

async function startApp(bounds: Partial<RequestBounds>): Promise<{ app: App; base: string }> {
  const app = await createApp({ db: { driver, database, uri: process.env.POLICY_GRAPH_TEST_URI!, server }, maxQueryDepth: 12, bounds });
  const base = `http://127.0.0.1:${await app.listen(0, "127.0.0.1")}`;
  return { app, base };
}

let shapes = Date.now() % 1_000_000; // a new shape per request, and per run of this file
const slow = (name: string) => {
  const shape = shapes++;
  const branches = Array.from({ length: 50 }, (_, i) =>
    `{ leads: { some: { ledBy: { some: { ${(shape >> (i % 20)) & 1 ? "nameEn" : "nameVi"}: { contains: "không có ${i}" } } } } } }`);
  return `query ${name} { agencies(limit: 500, where: { OR: [${branches.join(", ")}] }) { id } }`;
};

const post = (base: string, query: string, opts: { signal?: AbortSignal; variables?: Record<string, unknown>; operationName?: string } = {}) =>
  fetch(`${base}/graphql`, {
    method: "POST", headers: { "content-type": "application/json" }, signal: opts.signal,
    body: JSON.stringify({ query, variables: opts.variables, operationName: opts.operationName }),
  });

/** Sends a slow request that will be aborted (the rejection of its fetch is expected), named in its transactions' metadata. */
function abortable(base: string, name: string) {
  const controller = new AbortController();
  const response = post(base, slow(name), { signal: controller.signal, operationName: name }).catch((err: Error) => err);
  return { abort: () => controller.abort(), response };
}

interface Running { transactionId: string; requestId: string }
async function running(operation: string): Promise<Running[]> {
  const { records } = await observer.executeQuery(
    "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.operation = $operation RETURN transactionId, metaData.requestId AS requestId",
    { operation }, { database });
  return records.map((r) => ({ transactionId: r.get("transactionId") as string, requestId: r.get("requestId") as string }));
}

/** The slow request's transactions once it is running in Neo4j. */
const underWay = (operation: string) =>
  until(`${operation} running in Neo4j`, async () => { const r = await running(operation); return r.length ? r : undefined; });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const shipped = (name: string) => namedOperations().find((op) => op.name === name)!;

describe("a request has an id, and a client that goes away takes its query with it", () => {
  let t: { app: App; base: string };
  beforeAll(async () => { t = await startApp({}); });
  afterAll(() => t.app.stop());

  test("the id answered as X-Request-Id is the one in its transactions' metadata", async () => {
    const response = post(t.base, slow("SlowNamed"), { operationName: "SlowNamed" });
    const [tx] = await underWay("graphql:SlowNamed");
    const res = await response;
    expect(res.status).toBe(200);
    expect(((await res.json()) as Body).errors).toBeUndefined();
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(tx!.requestId).toBe(res.headers.get("x-request-id"));
  }, 60_000);

  test("a client disconnect terminates its running transaction within a second or two", async () => {
    const request = abortable(t.base, "SlowAbandoned");
    const [tx] = await underWay("graphql:SlowAbandoned");
    await new Promise((r) => setTimeout(r, 300)); // well under way
    const aborted = Date.now();
    request.abort();
    await until("its transaction gone", async () => ((await running("graphql:SlowAbandoned")).length === 0 ? true : undefined), 2_000);
    const ms = Date.now() - aborted;
    console.log(`disconnect → transaction gone: ${ms} ms`);
    expect(ms).toBeLessThan(2_000);
    expect(statementsRunning(tx!.requestId)).toBe(0);
    expect(await request.response).toMatchObject({ name: "AbortError" });
  }, 60_000);

  test("the gateway starts no statement for a cancelled request", async () => {
    const heard: string[] = [];
    const stop = onStatement((s) => heard.push(s.operation));
    const controller = new AbortController();
    controller.abort();
    const db: Db = { driver, database, requestId: "cancelled-request", signal: controller.signal };
    await expect(read(db, "probe.afterCancel", "RETURN 1")).rejects.toMatchObject({ code: "REQUEST_CANCELLED" });
    stop();
    expect(heard).toEqual([]);
  });

  test("an answer shared with a request that is cancelled is computed again for the others", async () => {
    const a = new AbortController();
    const dbA: Db = { driver, database, requestId: "shared-a", signal: a.signal };
    const dbB: Db = { driver, database, requestId: "shared-b", signal: new AbortController().signal };
    const key = `probe.shared.${Date.now()}`;
    const compute = (db: Db) => () => read(db, "probe.shared", "CALL apoc.util.sleep(1500) RETURN $who AS who", { who: db.requestId }).then(([r]) => r!.get("who") as string);
    const first = answer(dbA, key, compute(dbA));
    await new Promise((r) => setTimeout(r, 100));
    const second = answer(dbB, key, compute(dbB)); // shares the first's computation
    await until("A's statement running", async () => (statementsRunning("shared-a") > 0 ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    a.abort();
    await cancelRequest({ driver, database }, "shared-a");
    await expect(first).rejects.toMatchObject({ code: "REQUEST_CANCELLED" });
    await expect(second).resolves.toBe("shared-b");
  }, 30_000);
});

describe("admission: a bounded share of the pool for ad-hoc work, a bounded queue per client", () => {
  test("a shipped operation answers while 20 slow ad-hoc requests are in flight; at most the shared connections' worth run in Neo4j", async () => {
    const t = await startApp({ ADMISSION_PER_CLIENT: 64 }); // every request here comes from 127.0.0.1
    const share = t.app.bounds.ADMISSION_SHARED_CONNECTIONS; // the default
    try {
      const ops = ["Dashboard", "MeetingDirections", "TraceDirective"].map(shipped);
      const time = async (op: { text: string; name: string }) => {
        const started = performance.now();
        const res = await post(t.base, op.text, { operationName: op.name });
        const body = (await res.json()) as Body;
        expect({ op: op.name, status: res.status, errors: body.errors }).toEqual({ op: op.name, status: 200, errors: undefined });
        return performance.now() - started;
      };
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const rounds = async () => {
        const ms: Record<string, number[]> = {};
        for (let i = 0; i < 5; i++) for (const op of ops) (ms[op.name] ??= []).push(await time(op));
        return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(median(v))]));
      };
      await rounds(); // warm
      const alone = await rounds();

      const flood = Array.from({ length: 20 }, () => abortable(t.base, "SlowFlood"));
      try {
        await until("all 20 admitted or waiting", async () => (t.app.admission.state().sharedQueued === 20 - share ? true : undefined));
        await until(`${share} slow requests running in Neo4j`, async () => ((await running("graphql:SlowFlood")).length >= share ? true : undefined));
        expect(t.app.admission.state()).toMatchObject({ sharedRunning: share, sharedQueued: 20 - share });
        const busy = await rounds();
        const inNeo4j = (await running("graphql:SlowFlood")).length;
        console.log(`shipped operations, median ms of 5: alone ${JSON.stringify(alone)}; with 20 slow ad-hoc requests in flight ${JSON.stringify(busy)}; ` +
          `slow ones running in Neo4j: ${inNeo4j} (ADMISSION_SHARED_CONNECTIONS ${share})`);
        expect(inNeo4j).toBeLessThanOrEqual(share);
        for (const name of Object.keys(busy)) expect(busy[name]).toBeLessThan(5_000);
      } finally {
        const aborted = Date.now();
        for (const f of flood) f.abort();
        await until("every slow request gone", async () => ((await running("graphql:SlowFlood")).length === 0 ? true : undefined), 5_000);
        console.log(`20 disconnects → every transaction gone: ${Date.now() - aborted} ms`);
        await Promise.all(flood.map((f) => f.response));
      }
    } finally {
      await t.app.stop();
    }
  }, 180_000);

  test("beyond a client's queue: 429 TOO_MANY_REQUESTS at once, as GraphQL JSON with Retry-After; the client's shipped operations are counted apart", async () => {
    const t = await startApp({ ADMISSION_PER_CLIENT: 1, ADMISSION_PER_CLIENT_QUEUE: 1 });
    const first = abortable(t.base, "SlowClient");
    const second = abortable(t.base, "SlowClient");
    try {
      await until("one running, one waiting", async () => (t.app.admission.state().sharedRunning === 1 ? true : undefined));
      const started = Date.now();
      const res = await post(t.base, "{ sources(limit: 1) { id } }");
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(res.status).toBe(429);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await res.json()) as Body;
      expect(body).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests from this client at once: 1 ad-hoc documents and exports running and 1 waiting; retry after \d+ s$/), extensions: { code: "TOO_MANY_REQUESTS" } }] });
      const named = shipped("AgencySuccession");
      const ok = await post(t.base, named.text, { operationName: named.name });
      expect(ok.status).toBe(200);
    } finally {
      first.abort();
      second.abort();
      await Promise.all([first.response, second.response]);
      await t.app.stop();
    }
  }, 60_000);

  test("beyond the shared queue: ad-hoc GraphQL and exports get 429 in their own shapes; shipped operations still answer", async () => {
    const t = await startApp({ ADMISSION_SHARED_CONNECTIONS: 1, ADMISSION_SHARED_QUEUE: 0 });
    const hog = abortable(t.base, "SlowShared");
    try {
      await until("the one shared place held", async () => (t.app.admission.state().sharedRunning === 1 ? true : undefined));
      const adhoc = await post(t.base, "{ sources(limit: 1) { id } }");
      expect(adhoc.status).toBe(429);
      expect(((await adhoc.json()) as Body).errors![0]).toEqual({
        message: expect.stringMatching(/^The service is busy with ad-hoc work: 1 ad-hoc documents and exports running and 0 waiting \(the operations of queries\/ are not held up\); retry after \d+ s$/),
        extensions: { code: "TOO_MANY_REQUESTS" },
      });
      const exported = await fetch(`${t.base}/export?seeds=71/NQ-CP&depth=1&format=graphml`);
      expect(exported.status).toBe(429);
      expect(exported.headers.get("retry-after")).toBeTruthy();
      expect(await exported.json()).toEqual({ error: { code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^The service is busy with ad-hoc work/) } });
      // a query named like a shipped operation is not one: the document decides
      const spoof = await post(t.base, "query Dashboard { dashboard { totalTasks } }", { operationName: "Dashboard" });
      expect(spoof.status).toBe(429);
      const named = shipped("Dashboard");
      const ok = await post(t.base, named.text, { operationName: named.name });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as Body).data!.dashboard.totalTasks).toBeGreaterThan(0);
    } finally {
      hog.abort();
      await hog.response;
      await t.app.stop();
    }
  }, 60_000);
});

describe("rate limits on ad-hoc documents and exports, per client", () => {
  let t: { app: App; base: string };
  beforeAll(async () => { t = await startApp({ RATE_LIMIT_ADHOC: 3, RATE_LIMIT_EXPORTS: 2, RATE_LIMIT_WINDOW_MS: 60_000 }); });
  afterAll(() => t.app.stop());

  test("ad-hoc documents over the limit: 429 TOO_MANY_REQUESTS with Retry-After; shipped operations and refused requests are not counted", async () => {
    for (let i = 0; i < 5; i++) expect((await post(t.base, "{ tasks(limit: 5000) { id } }")).status).toBe(400); // refused before any work
    for (let i = 0; i < 3; i++) expect((await post(t.base, `query Dashboard { sources(limit: ${i + 1}) { id } }`)).status).toBe(200);
    const over = await post(t.base, "{ sources(limit: 1) { id } }");
    expect(over.status).toBe(429);
    const retry = Number(over.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await over.json()).toEqual({ errors: [{
      message: `Over the rate limit of 3 ad-hoc GraphQL documents (the operations of queries/ are not limited) per client every 60 s; retry after ${retry} s`,
      extensions: { code: "TOO_MANY_REQUESTS" },
    }] });
    const named = shipped("AgencySuccession");
    for (let i = 0; i < 5; i++) expect((await post(t.base, named.text, { operationName: named.name })).status).toBe(200);
  });

  test("exports over the limit: 429 in the export route's shape", async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.base}/export?seeds=71/NQ-CP&depth=99&format=graphml`)).status).toBe(400);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${t.base}/export?seeds=71/NQ-CP&depth=1&format=graphml`);
      expect(res.status).toBe(200);
      await res.text();
    }
    const over = await fetch(`${t.base}/export?seeds=71/NQ-CP&depth=1&format=graphml`);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBeTruthy();
    expect(await over.json()).toEqual({ error: { code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^Over the rate limit of 2 exports per client every 60 s; retry after \d+ s$/) } });
  });
});

describe("a client whose requests are refused again and again is flooding: it has a limit of its own", () => {
  let t: { app: App; base: string };
  beforeAll(async () => { t = await startApp({ RATE_LIMIT_REFUSED: 3, RATE_LIMIT_WINDOW_MS: 60_000 }); });
  afterAll(() => t.app.stop());

  test("over RATE_LIMIT_REFUSED refusals: 429 for everything it sends, before any parsing; answered requests did not count", async () => {
    for (let i = 0; i < 4; i++) expect((await post(t.base, "{ sources(limit: 1) { id } }")).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(t.base, "{ tasks(limit: 5000) { id } }")).status).toBe(400);
    const over = await post(t.base, "{ not even parsed");
    expect(over.status).toBe(429);
    expect(((await over.json()) as Body).errors![0]).toMatchObject({
      message: expect.stringMatching(/^Over the rate limit of 3 refused requests per client every 60 s; retry after \d+ s$/), extensions: { code: "TOO_MANY_REQUESTS" },
    });
    expect((await post(t.base, "{ sources(limit: 1) { id } }")).status).toBe(429);
    for (let i = 0; i < 3; i++) expect((await fetch(`${t.base}/export?seeds=,,,&format=jgf`)).status).toBe(400);
    expect((await fetch(`${t.base}/export?seeds=,,,&format=jgf`)).status).toBe(429);
  });
});

describe("the size of an answer is capped where it is sent", () => {
  let t: { app: App; base: string };
  beforeAll(async () => { t = await startApp({ RESPONSE_MAX_BYTES: 4_096 }); });
  afterAll(() => t.app.stop());

  test("an answer over the cap is replaced by RESPONSE_TOO_LARGE (413); a small one is sent", async () => {
    const trace = shipped("TraceDirective");
    const res = await post(t.base, trace.text, { operationName: trace.name });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await res.json()) as Body;
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", maxBytes: 4_096, bytes: expect.any(Number) });
    expect(body.errors![0]!.extensions.bytes as number).toBeGreaterThan(4_096);
    expect(body.errors![0]!.message).toMatch(/^The answer is [\d.]+ MB, over the limit of 0\.004 MB; ask for fewer fields or smaller pages/);
    const small = await post(t.base, trace.text, { operationName: trace.name, variables: { limit: 1 } });
    expect(small.status).toBe(200);
    expect(((await small.json()) as Body).data!.trace.tasks).toHaveLength(1);
  });
});
