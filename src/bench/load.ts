// The concurrency run: the HTTP service on a loopback port, in a process of its own (serve.ts),
// and autocannon in this one sending POST /graphql from N connections. A response counts as an error when it is not 2xx,
// when the connection fails or times out, or when its body has GraphQL `errors` or no `data`
// (Apollo answers many errors with a 200). autocannon drops the requests still in flight when
// a timed run ends, so a question slower than SLOW_MS alone is run as a fixed number of requests
// (ROUNDS per client), every one of them answered or timed out, instead of for a duration.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));

export interface Server { url: string; stop(): Promise<void> }

/** Starts serve.ts on the Neo4j at `uri` with `env`, with this process's Node flags (tsx's loader). */
export async function startServer(uri: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [...process.execArgv, SERVE, uri], { env, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const keep = (line: string) => { tail.push(line); if (tail.length > 20) tail.shift(); };
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^LISTENING (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
      else keep(line);
    });
    readline.createInterface({ input: child.stderr! }).on("line", keep);
    child.once("exit", (code) => reject(new Error(`the bench's server exited with ${code}:\n${tail.join("\n")}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}

export interface LoadCase {
  name: string;
  /** the request bodies, used in turn (e.g. successive pages) */
  bodies: { query: string; operationName?: string; variables?: Record<string, unknown> }[];
}

/** Slower than this alone (ms): run ROUNDS requests per client rather than for a duration. */
const SLOW_MS = 250;
const ROUNDS = 2;
const WARM_UP = 3;

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

/**
 * autocannon's verifyBody: true for an answer with data and no GraphQL errors (Apollo answers
 * many errors with a 200). The first few distinct error messages are kept in `messages`.
 */
export function answerCheck(messages: Set<string>, width = 120): (body: string | Buffer | undefined) => boolean {
  return (body) => {
    try {
      const json = JSON.parse(String(body)) as { data?: unknown; errors?: { message?: string }[] };
      if (json.errors?.length && messages.size < 3) messages.add(String(json.errors[0]!.message).slice(0, width));
      return json.data != null && !json.errors?.length;
    } catch {
      return false;
    }
  };
}

export async function loadTest(url: string, c: LoadCase, opts: { connections: number; seconds: number }): Promise<LoadResult> {
  const bodies = c.bodies.map((b) => JSON.stringify(b));
  const messages = new Set<string>();
  const answered = answerCheck(messages);
  // A few requests alone first (a fresh server warms up): each must be answered, and the time
  // of the last decides how the run is bounded.
  let alone = 0;
  for (let i = 0; i < WARM_UP; i++) {
    const started = performance.now();
    const probe = await fetch(url, { method: "POST", headers: HEADERS, body: bodies[i % bodies.length] });
    const text = await probe.text();
    if (!probe.ok || !answered(text)) throw new Error(`load ${c.name}: a request alone failed (${probe.status}): ${text.slice(0, 200)}`);
    alone = performance.now() - started;
  }
  messages.clear();
  const slow = alone > SLOW_MS;
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
