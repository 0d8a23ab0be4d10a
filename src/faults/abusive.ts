// The abusive requests of issue 9, each as a hostile or careless client sends it, and what the
// service must do with it: refuse it with a code (and a fitting HTTP status) or answer within
// its bounds. Then the same requests, twenty at a time without pause, beside a named operation
// whose latency must stay within twice its latency alone.
import http from "node:http";
import { gzipSync } from "node:zlib";

export interface Init { method?: string; headers?: Record<string, string>; body?: string | Buffer }

/**
 * One HTTP request from a chosen loopback address: the abusers send from 127.0.0.1 and the
 * named operation from 127.0.0.2, as two clients would (Linux routes all of 127/8 to loopback).
 */
export function request(base: string, path: string, init: Init = {}, localAddress = "127.0.0.1"): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method: init.method ?? "GET", headers: init.headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export interface Abuse {
  name: string;
  /** path and request init, against the service's base URL */
  path: string;
  init?: Init;
  /** the codes that count as refused (any one of them) */
  codes: string[];
}

const json = { "content-type": "application/json" };
const post = (body: unknown, headers: Record<string, string> = json): Init => ({ method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

/** `{ leads: { single: { ledBy: { single: … } } } }`, `depth` relationship filters deep. */
const nested = (depth: number, quantifier: string, id = "bo-cong-an") => {
  let where = `{ id: { eq: "${id}" } }`;
  for (let i = depth; i > 0; i--) where = i % 2 === 1 ? `{ leads: { ${quantifier}: ${where} } }` : `{ ledBy: { ${quantifier}: ${where} } }`;
  return where;
};

/** agencies → leads → ledBy → … within the depth bound, each list at its maximum. */
const fanOut = (levels: number) => {
  let inner = "id nameVi";
  for (let i = levels; i > 0; i--) inner = i % 2 === 1 ? `leads(limit: 1000) { id ${inner} }` : `ledBy(limit: 500) { id ${inner} }`;
  return `{ agencies(limit: 500) { id ${inner} } }`;
};

export const ABUSES: Abuse[] = [
  { name: "`single` relationship filters nested 6 deep", path: "/graphql", init: post({ query: `{ agencies(where: ${nested(6, "single")}, limit: 10) { id } }` }), codes: ["BAD_USER_INPUT"] },
  { name: "`single` nested 4 deep", path: "/graphql", init: post({ query: `{ agencies(where: ${nested(4, "single")}, limit: 10) { id } }` }), codes: ["BAD_USER_INPUT"] },
  { name: "`some` nested 8 deep", path: "/graphql", init: post({ query: `{ agencies(where: ${nested(8, "some")}, limit: 10) { id } }` }), codes: ["BAD_USER_INPUT"] },
  {
    name: "`OR` with 5,000 branches, as a variable", path: "/graphql",
    init: post({ query: "query($w: AgencyWhere) { agencies(where: $w, limit: 10) { id } }", variables: { w: { OR: Array.from({ length: 5000 }, (_, i) => ({ id: { eq: `a${i}` } })) } } }),
    codes: ["BAD_USER_INPUT"],
  },
  { name: "`OR` with 5,000 branches, inline", path: "/graphql", init: post({ query: `{ agencies(where: { OR: [${Array.from({ length: 5000 }, (_, i) => `{ id: { eq: "a${i}" } }`).join(",")}] }, limit: 10) { id } }` }), codes: ["GRAPHQL_PARSE_FAILED", "BAD_USER_INPUT"] },
  { name: "agencies(limit: 500) → leads → ledBy …, 6 levels", path: "/graphql", init: post({ query: fanOut(5) }), codes: ["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"] },
  { name: "agencies(limit: 500) → leads(limit: 1000) → ledBy(limit: 500)", path: "/graphql", init: post({ query: fanOut(2) }), codes: ["BAD_USER_INPUT"] },
  { name: "500 aliases of dashboard", path: "/graphql", init: post({ query: `{ ${Array.from({ length: 500 }, (_, i) => `d${i}: dashboard { totalTasks }`).join(" ")} }` }), codes: ["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"] },
  { name: "`{ __typename ×40000 }`", path: "/graphql", init: post({ query: `{ ${"__typename ".repeat(40_000)}}` }), codes: ["GRAPHQL_PARSE_FAILED"] },
  { name: "tasks(limit: -5)", path: "/graphql", init: post({ query: "{ tasks(limit: -5) { id } }" }), codes: ["BAD_USER_INPUT"] },
  { name: "tasks(offset: -1)", path: "/graphql", init: post({ query: "{ tasks(limit: 5, offset: -1) { id } }" }), codes: ["BAD_USER_INPUT"] },
  { name: "tasksConnection(first: -1)", path: "/graphql", init: post({ query: "{ tasksConnection(first: -1) { edges { node { id } } } }" }), codes: ["BAD_USER_INPUT"] },
  // a literal that is no date makes the document invalid; as a variable, it is bad input
  { name: "asOf: 2025-02-30, inline", path: "/graphql", init: post({ query: '{ trace(id: "57-NQ/TW", asOf: "2025-02-30", limit: 1) { totalTasks } }' }), codes: ["GRAPHQL_VALIDATION_FAILED"] },
  { name: "asOf: 2025-02-30, as a variable", path: "/graphql", init: post({ query: 'query($d: Date) { trace(id: "57-NQ/TW", asOf: $d, limit: 1) { totalTasks } }', variables: { d: "2025-02-30" } }), codes: ["BAD_USER_INPUT"] },
  { name: "malformed JSON", path: "/graphql", init: post("{ not json"), codes: ["BAD_REQUEST"] },
  { name: "a body over 1 MB", path: "/graphql", init: post({ query: `{ __typename } # ${"x".repeat(1_100_000)}` }), codes: ["PAYLOAD_TOO_LARGE"] },
  { name: "a gzip bomb (1 KB → 100 MB)", path: "/graphql", init: { method: "POST", headers: { ...json, "content-encoding": "gzip" }, body: gzipSync(Buffer.alloc(100 * 2 ** 20, 32)) }, codes: ["PAYLOAD_TOO_LARGE"] },
  { name: "a charset that is not UTF-8", path: "/graphql", init: post("{}", { "content-type": "application/json; charset=ebcdic" }), codes: ["UNSUPPORTED_MEDIA_TYPE"] },
  { name: "/export?seeds=,,,", path: "/export?seeds=,,,&format=json", codes: ["BAD_USER_INPUT"] },
  { name: "/export?ids=… (an unknown parameter)", path: "/export?ids=57-NQ/TW&format=json", codes: ["BAD_USER_INPUT"] },
  { name: "/export?asOf=9999-99-99", path: "/export?seeds=57-NQ/TW&asOf=9999-99-99&format=json", codes: ["BAD_USER_INPUT"] },
];

/**
 * The outage of issue 9's first finding: twenty concurrent `agencies(where: …)` filters, each
 * nesting `single` six deep, about 330 bytes; each one differently (its id), so that no cache
 * of parsed documents spares the service any work.
 */
let shape = 0;
export const outageFilter = (): Abuse => ({
  name: "`single` nested 6 deep (a new id each time)", path: "/graphql",
  init: post({ query: `{ agencies(where: ${nested(6, "single", `agency-${shape++}`)}, limit: 10) { id } }` }), codes: ["BAD_USER_INPUT"],
});

/** Every abusive request of the list, in turn. */
let turn = 0;
export const anyAbuse = (): Abuse => ABUSES[turn++ % ABUSES.length]!;

export interface AbuseResult { name: string; status: number; code: string; ms: number; refused: boolean; leaked: boolean }

/** The code of an answer: GraphQL's errors[0].extensions.code or the export's error.code. */
const codeOf = (text: string): string => {
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[]; error?: { code?: string } };
    return body.errors?.[0]?.extensions?.code ?? body.error?.code ?? (body.errors ? "?" : "none");
  } catch {
    return "not JSON";
  }
};

export async function sendAbuse(base: string, a: Abuse, localAddress = "127.0.0.1"): Promise<AbuseResult> {
  const started = performance.now();
  const { status, text } = await request(base, a.path, a.init, localAddress);
  const code = codeOf(text);
  return {
    name: a.name, status, code, ms: performance.now() - started,
    refused: status >= 400 && a.codes.includes(code),
    leaked: /<html|\bat \w+ \(|\/work\/|node_modules|Neo4jError/i.test(text),
  };
}

export interface Latency { p50: number; p95: number; n: number }

export function summarise(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

/** Times `runs` requests of one named operation, one after another, from another client address. */
export async function timeNamed(base: string, body: unknown, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await request(base, "/graphql", post(body), "127.0.0.2");
    const answer = JSON.parse(res.text) as { data?: unknown; errors?: { message: string }[] };
    if (res.status !== 200 || answer.errors?.length) throw new Error(`the named operation failed (${res.status}): ${answer.errors?.[0]?.message}`);
    out.push(performance.now() - started);
  }
  return out;
}

export interface FloodOptions {
  /** the client address the abusive requests come from */
  localAddress: string;
  /** bursts: `concurrency` requests at once every this many ms; without it, a closed loop keeping `concurrency` in flight */
  everyMs?: number;
}

/** Sends abusive requests (from `nextAbuse`) until `until` resolves: bursts, or a closed loop. */
export async function flood(base: string, concurrency: number, until: Promise<unknown>, nextAbuse: () => Abuse, opts: FloodOptions): Promise<{ sent: number; notRefused: string[]; limited: number }> {
  let done = false;
  void until.finally(() => { done = true; });
  let sent = 0;
  let limited = 0;
  const notRefused = new Set<string>();
  const one = async () => {
    const a = nextAbuse();
    const r = await sendAbuse(base, a, opts.localAddress).catch(() => undefined);
    sent++;
    // a rate limit's 429 is a refusal too
    if (r?.code === "TOO_MANY_REQUESTS") limited++;
    else if (r && !r.refused) notRefused.add(`${a.name} (${r.status} ${r.code})`);
  };
  if (opts.everyMs) {
    const pending: Promise<void>[] = [];
    while (!done) {
      for (let i = 0; i < concurrency; i++) pending.push(one());
      await new Promise((r) => setTimeout(r, opts.everyMs));
    }
    await Promise.all(pending);
  } else {
    const worker = async () => { while (!done) await one(); };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  return { sent, notRefused: [...notRefused], limited };
}
