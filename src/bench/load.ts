// The concurrency run: the HTTP service on a loopback port, and autocannon (in this process)
// sending POST /graphql from N connections. A response counts as an error when it is not 2xx,
// when the connection fails or times out, or when its body has GraphQL `errors` or no `data`
// (Apollo answers many errors with a 200). autocannon drops the requests still in flight when
// a timed run ends, so a question slower than SLOW_MS alone is run as a fixed number of requests
// (ROUNDS per client), every one of them answered or timed out, instead of for a duration.
import autocannon from "autocannon";

export interface LoadCase {
  name: string;
  /** the request bodies, used in turn (e.g. successive pages) */
  bodies: { query: string; operationName?: string; variables?: Record<string, unknown> }[];
}

/** Slower than this alone (ms): run ROUNDS requests per client rather than for a duration. */
const SLOW_MS = 250;
const ROUNDS = 2;

export interface LoadResult {
  name: string;
  connections: number;
  /** how the run was bounded: "10 s" or "20 requests" */
  bound: string;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  non2xx: number;
  graphqlErrors: number;
  connectionErrors: number;
  timeouts: number;
  /** the first few distinct GraphQL error messages */
  messages: string[];
}

const HEADERS = { "content-type": "application/json" };

export async function loadTest(url: string, c: LoadCase, opts: { connections: number; seconds: number }): Promise<LoadResult> {
  const bodies = c.bodies.map((b) => JSON.stringify(b));
  const messages = new Set<string>();
  const answered = (body: string | Buffer | undefined) => {
    try {
      const json = JSON.parse(String(body)) as { data?: unknown; errors?: { message?: string }[] };
      if (json.errors?.length && messages.size < 3) messages.add(String(json.errors[0]!.message).slice(0, 120));
      return json.data != null && !json.errors?.length;
    } catch {
      return false;
    }
  };
  // One request alone first: it must be answered, and its time decides how the run is bounded.
  const started = performance.now();
  const probe = await fetch(url, { method: "POST", headers: HEADERS, body: bodies[0] });
  const text = await probe.text();
  if (!probe.ok || !answered(text)) throw new Error(`load ${c.name}: the first request failed (${probe.status}): ${text.slice(0, 200)}`);
  const slow = performance.now() - started > SLOW_MS;
  let next = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url,
      method: "POST",
      connections: opts.connections,
      ...(slow ? { amount: opts.connections * ROUNDS } : { duration: opts.seconds }),
      timeout: 120,
      // Apollo's CSRF prevention lets a JSON POST through: application/json is not a "simple" type.
      headers: HEADERS,
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
      verifyBody: answered,
    }, (err, r) => (err ? reject(err) : resolve(r)));
    instance.on("response", (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)] ?? NaN;
  return {
    name: c.name,
    connections: opts.connections,
    bound: slow ? `${opts.connections * ROUNDS} requests` : `${opts.seconds} s`,
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    p50: at(0.5),
    p95: at(0.95),
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    messages: [...messages],
  };
}

const HEAD = ["load (POST /graphql)", "clients", "run", "answered", "req/s", "p50 ms", "p95 ms", "non-2xx", "GraphQL errors", "connection errors"];
const cells = (r: LoadResult) => [
  r.name, String(r.connections), `${r.bound} (${r.seconds.toFixed(1)} s)`, String(r.requests), r.perSecond.toFixed(1), r.p50.toFixed(0), r.p95.toFixed(0),
  String(r.non2xx), String(r.graphqlErrors), `${r.connectionErrors} (${r.timeouts} timeouts)`,
];

const errorNotes = (results: LoadResult[]) => results.filter((r) => r.messages.length).map((r) => `${r.name}: GraphQL errors such as ${r.messages.map((m) => `"${m}"`).join("; ")}`);

export function loadTextTable(results: LoadResult[]): string {
  const rows = results.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const notes = errorNotes(results);
  return [...[HEAD, ...rows].map((r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ")), ...(notes.length ? ["", ...notes] : [])].join("\n");
}

export function loadMarkdownTable(results: LoadResult[]): string {
  const notes = errorNotes(results);
  return [`| ${HEAD.join(" | ")} |`, `|---|${HEAD.slice(1).map(() => "---:").join("|")}|`, ...results.map((r) => `| ${cells(r).join(" | ")} |`), ...(notes.length ? ["", ...notes] : [])].join("\n");
}
