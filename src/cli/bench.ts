// `npm run bench`: every named operation and the analyses, on the seeded graph and on a
// national-scale one, each beside the hand-written Cypher for the same answer (src/bench/cases.ts),
// with p50 and p95 of both and their ratio; then 10 concurrent clients on loopback against
// Dashboard and a trace page (src/bench/load.ts). By default one throw-away Neo4j serves both
// graphs: the seed is loaded and measured, then the synthetic country is generated into the
// same store (its load rate reported) and measured. The cases time the work itself: no answer
// is kept between runs (src/bench/uncached.ts). The concurrency run serves the app from a
// process of its own, first as the service runs (answers kept per graph version), then with
// every answer recomputed. Timings live here, not in the tests.
import { SERVICE_ANSWER_CACHE_ENTRIES } from "../bench/uncached.js"; // first: before src/db/answers.ts loads
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";

import { loadConfig, PROJECT_ROOT, type Config } from "../config/index.js";
import { checkServer } from "../db/compat.js";
import { BULK_LOAD_RETRIES, createDriver } from "../db/driver.js";
import { read, type Db } from "../db/gateway.js";
import { freePort, localCredentials, startLocalNeo4j, type LocalNeo4j } from "../db/localNeo4j.js";
import { ensureSchema } from "../db/migrations.js";
import { namedOperations } from "../graphql/operations.js";
import { buildModel, type SchemaModel } from "../model/index.js";
import { readConfiguredSeed } from "../seed/index.js";
import { loadSeed } from "../seed/load.js";
import { createApp, type App } from "../server/app.js";
import { generateNational, type NationalResult } from "../synthetic/index.js";
import { nationalCases, PICK_NATIONAL, seedCases, type Case, type NationalIds } from "../bench/cases.js";
import { loadMarkdownTable, loadTest, loadTextTable, startServer, type LoadCase, type LoadResult } from "../bench/load.js";
import { graphql, markdownTable, measure, textTable, type Measured, type RunOptions } from "../bench/run.js";
import { fail } from "./output.js";

const whole = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
};
const program = new Command("bench")
  .description("p50/p95 of every named operation and analysis beside hand-written Cypher, on the seeded and a national-scale graph; then a concurrency run")
  .option("--graph <which>", "seed, national or both", (v) => {
    if (!["seed", "national", "both"].includes(v)) throw new InvalidArgumentError("expected seed, national or both");
    return v;
  }, "both")
  .option("--runs <n>", "timed runs per case (default: 20 on the seeded graph, 10 on the national one)", whole)
  .option("--warmup <n>", "untimed runs per case first (default: 3 on the seeded graph, 2 on the national one)", whole)
  .option("--budget <s>", "a case stops after this many seconds of timed runs, once it has 5", whole, 20)
  .option("--national-uri <uri>", "use this national graph (npm run gen:national -- --keep) instead of generating one; NEO4J_USER/NEO4J_PASSWORD, or this project's local password (NEO4J_HOME/auth.json) when NEO4J_PASSWORD is unset")
  .option("--connections <n>", "concurrent clients of the concurrency run", whole, 10)
  .option("--load-seconds <s>", "seconds of each concurrency run", whole, 10)
  .option("--no-load", "skip the concurrency run")
  .option("--only <pattern>", "only the cases whose name matches this regular expression (case-insensitive)")
  .option("--markdown <file>", "also write the tables as markdown (for the README)")
  .parse();
const o = program.opts<{
  graph: "seed" | "national" | "both"; runs?: number; warmup?: number; budget: number; nationalUri?: string;
  connections: number; loadSeconds: number; load: boolean; only?: string; markdown?: string;
}>();

const nf = new Intl.NumberFormat("en-US");
const say = (line = "") => console.log(line);
const progress = (line: string) => process.stderr.write(line);
const markdown: string[] = [];

/** The code measured: the commit, and whether the source differed from it. */
function revision(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return `commit ${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "src", "schema", "queries") ? " with uncommitted changes" : ""}`;
  } catch {
    return "no git revision";
  }
}

/** Other work on the machine skews every timing: say how busy it was. */
const busy = () => `Load average (1, 5, 15 min) at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} cores.`;

/** A graph under test: the database, the in-process app the cases run through, and how to reach it from another process. */
interface Graph { db: Db; app: App; label: string; uri: string; user: string; password: string }

async function sizeOf(db: Db) {
  const [r] = await read(db, "bench.size", "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } CALL () { MATCH (t:Task) RETURN count(t) AS tasks } RETURN nodes, relationships, tasks");
  return { nodes: Number(r!.get("nodes")), relationships: Number(r!.get("relationships")), tasks: Number(r!.get("tasks")) };
}

async function openGraph(db: Db, uri: string, config: Config): Promise<App> {
  const server = await checkServer(db.driver, db.database);
  return createApp({ db: { driver: db.driver, database: db.database, uri, server }, maxQueryDepth: config.MAX_QUERY_DEPTH });
}

async function runCases(g: Graph, all: Case[], opts: RunOptions, title: string): Promise<Measured[]> {
  const cases = o.only ? all.filter((c) => new RegExp(o.only!, "i").test(c.name)) : all;
  const size = await sizeOf(g.db);
  const heading = `${title}: ${nf.format(size.tasks)} tasks, ${nf.format(size.nodes)} nodes, ${nf.format(size.relationships)} relationships ` +
    `(${nf.format(size.nodes + size.relationships)} in all); ${opts.runs} timed runs after ${opts.warmup} warm-ups, GraphQL and Cypher alternating`;
  say(`\n${heading}`);
  const results: Measured[] = [];
  for (const c of cases) {
    progress(`  ${c.name} … `);
    const started = Date.now();
    const m = await measure(g.app, g.db, c, opts);
    progress(`${m.error ? "error" : m.difference ? "✗" : "✓"} ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    results.push(m);
  }
  say(textTable(results));
  say(busy());
  markdown.push(`**${heading}**\n\n${markdownTable(results)}\n\n${busy()}\n`);
  return results;
}

function bulkLoadReport(r: NationalResult): string {
  const rate = (n: number, s: number) => nf.format(Math.round(n / Math.max(s, 1e-3)));
  const others = r.relationships - (r.nodes - 1);
  const nodesPerSecond = r.nodes / Math.max(r.nodeSeconds, 1e-3);
  return [
    `Bulk load (generateNational): ${nf.format(r.tasks)} tasks, ${nf.format(r.nodes)} nodes and ${nf.format(r.relationships)} relationships in ${r.seconds.toFixed(1)} s`,
    `  nodes, each with its citation: ${r.nodeSeconds.toFixed(1)} s, ${rate(r.nodes, r.nodeSeconds)} nodes/s ` +
      `(target ≥ 50,000 nodes/s: ${nodesPerSecond >= 50_000 ? "✓" : `✗, ${(50_000 / nodesPerSecond).toFixed(1)}× short`})`,
    `  the other relationships: ${r.relationshipSeconds.toFixed(1)} s, ${rate(others, r.relationshipSeconds)} relationships/s`,
    `  overall: ${rate(r.nodes + r.relationships, r.seconds)} nodes and relationships/s`,
  ].join("\n");
}

async function pickNational(db: Db): Promise<NationalIds> {
  const [r] = await read(db, "bench.pickNational", PICK_NATIONAL);
  if (!r || r.get("ministry") == null || r.get("chainTask") == null) throw "bench: the national graph lacks the synthetic ministries, provinces or chains gen:national makes";
  return {
    ministry: r.get("ministry"), province: r.get("province"), commune: r.get("commune"), provincePlan: r.get("provincePlan"), chainTask: r.get("chainTask"),
    month: { from: "2026-06-01", to: "2026-06-30" },
  };
}

async function concurrency(g: Graph): Promise<LoadResult[]> {
  const dashboard = namedOperations().find((op) => op.name === "Dashboard")!;
  const TRACE_PAGE = `query TracePage($offset: Int) { trace(id: "57-NQ/TW", limit: 100, offset: $offset) { totalTasks tasks { id status leadAgencies { today { id } } } } }`;
  const total = ((await graphql(g.app, g.db, { operationName: "TracePage", query: TRACE_PAGE, variables: { offset: 0 } })) as { trace: { totalTasks: number } }).trace.totalTasks;
  const pages = Math.max(1, Math.min(50, Math.ceil(total / 100)));
  const cases: LoadCase[] = [
    { name: "Dashboard", bodies: [{ query: dashboard.text, operationName: "Dashboard" }] },
    { name: `trace page of 100 (57-NQ/TW, ${pages} pages in turn)`, bodies: Array.from({ length: pages }, (_, i) => ({ query: TRACE_PAGE, operationName: "TracePage", variables: { offset: i * 100 } })) },
  ];
  // The server runs as the service does (answers kept per graph version, src/db/answers.ts),
  // then with every answer computed afresh, as the cases above were timed.
  const kept = SERVICE_ANSWER_CACHE_ENTRIES ?? "1000";
  const modes = kept === "0" ? [{ label: "answers recomputed", entries: "0" }] : [{ label: "answers kept", entries: kept }, { label: "answers recomputed", entries: "0" }];
  const heading = `${o.connections} concurrent clients on loopback (the service in a process of its own; autocannon: POST /graphql for ${o.loadSeconds} s, ` +
    `or 2 requests per client when one request alone takes over 250 ms), on the ${g.label}; answers kept: ANSWER_CACHE_ENTRIES=${kept}, recomputed: 0`;
  say(`\n${heading}`);
  const results: LoadResult[] = [];
  for (const mode of modes) {
    // the rate limit on ad-hoc documents is a policy, not a cost: the trace page below is ad-hoc
    const env: NodeJS.ProcessEnv = { ...process.env, ANSWER_CACHE_ENTRIES: mode.entries, RATE_LIMIT_ADHOC: "0", LOG_LEVEL: "silent", NEO4J_USER: g.user, NEO4J_PASSWORD: g.password };
    if (g.db.database) env.NEO4J_DATABASE = g.db.database;
    else delete env.NEO4J_DATABASE;
    const server = await startServer(g.uri, env);
    try {
      for (const c of cases) {
        progress(`  ${c.name}, ${mode.label} … `);
        const r = await loadTest(server.url, { ...c, name: `${c.name}, ${mode.label}` }, { connections: o.connections, seconds: o.loadSeconds });
        progress(`${nf.format(r.requests)} answered\n`);
        results.push(r);
      }
    } finally {
      await server.stop();
    }
  }
  say(loadTextTable(results));
  say(busy());
  markdown.push(`**${heading}**\n\n${loadMarkdownTable(results)}\n\n${busy()}\n`);
  return results;
}

async function main() {
  const config = loadConfig();
  const model: SchemaModel = buildModel();
  const wantSeed = o.graph !== "national";
  const wantNational = o.graph !== "seed";
  const seedOpts: RunOptions = { runs: o.runs ?? 20, warmup: o.warmup ?? 3, budgetMs: o.budget * 1000 };
  const nationalOpts: RunOptions = { runs: o.runs ?? 10, warmup: o.warmup ?? 2, budgetMs: o.budget * 1000 };
  const cpu = os.cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => { for (const c of cleanups.reverse()) await c().catch(() => undefined); cleanups.length = 0; };
  process.once("SIGINT", () => { void cleanup().then(() => process.exit(130)); });
  process.once("SIGTERM", () => { void cleanup().then(() => process.exit(143)); });

  try {
    let last: Graph | undefined;
    const local = async (): Promise<{ db: Db; uri: string; user: string; password: string }> => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-bench-"));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      const neo: LocalNeo4j = await startLocalNeo4j({ home: config.NEO4J_HOME, dataDir, port: await freePort(), heap: "1g", pageCache: "512m", log: say });
      cleanups.push(() => neo.stop());
      const driver = createDriver({ uri: neo.uri, user: neo.user, password: neo.password }, BULK_LOAD_RETRIES);
      cleanups.push(() => driver.close());
      return { db: { driver }, uri: neo.uri, user: neo.user, password: neo.password };
    };
    const seeded = async (db: Db) => {
      await ensureSchema(db.driver, db.database, model);
      const loaded = await loadSeed(db.driver, db.database, readConfiguredSeed(config), model);
      say(loaded.loaded ? "Seed loaded" : "Seed unchanged");
    };

    say(`Policy Graph bench, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${revision()}, on ${machine}`);
    markdown.push(`Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC (${revision()}) on ${machine}.\n`);

    if (!o.nationalUri) {
      // One throw-away Neo4j: the seed first (the seeded graph), then the country added to it.
      const { db, uri, user, password } = await local();
      await seeded(db);
      const app = await openGraph(db, uri, config);
      cleanups.push(() => app.stop());
      const server = await checkServer(db.driver, db.database);
      say(`Neo4j ${server.version} ${server.edition} (heap 1g, page cache 512m), throw-away store`);
      const g: Graph = { db, app, label: "seeded graph", uri, user, password };
      if (wantSeed) await runCases(g, seedCases(), seedOpts, "Seeded graph");
      last = g;
      if (wantNational) {
        say("\nGenerating the national graph (defaults of src/synthetic) …");
        let shown = -1;
        const result = await generateNational(db, {
          onProgress: (p) => {
            const pct = Math.floor(((p.nodes + p.relationships) / p.total) * 10) * 10;
            if (pct !== shown) { shown = pct; progress(`${pct}% `); }
          },
        }, model);
        progress("\n");
        const report = bulkLoadReport(result);
        say(report);
        markdown.push(`${report.split("\n").map((l) => l.trim()).join("  \n")}\n`);
        last = { ...g, label: "national graph" };
        await runCases(last, nationalCases(await pickNational(db)), nationalOpts, "National graph");
      }
    } else {
      if (wantSeed) {
        const { db, uri, user, password } = await local();
        await seeded(db);
        const app = await openGraph(db, uri, config);
        cleanups.push(() => app.stop());
        last = { db, app, label: "seeded graph", uri, user, password };
        await runCases(last, seedCases(), seedOpts, "Seeded graph");
      }
      if (wantNational) {
        // gen:national's throw-away Neo4j was started from this NEO4J_HOME, so it has its password.
        const credentials = config.NEO4J_PASSWORD ? { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD } : localCredentials(config.NEO4J_HOME);
        const driver = createDriver({ uri: o.nationalUri, ...credentials });
        cleanups.push(() => driver.close());
        const db: Db = { driver, database: config.NEO4J_DATABASE };
        const app = await openGraph(db, o.nationalUri, config);
        cleanups.push(() => app.stop());
        last = { db, app, label: "national graph", uri: o.nationalUri, ...credentials };
        say(`\nNational graph at ${o.nationalUri} (bulk load not measured: it was loaded before)`);
        await runCases(last, nationalCases(await pickNational(db)), nationalOpts, "National graph");
      }
    }
    if (o.load && last) await concurrency(last);
    if (o.markdown) {
      fs.writeFileSync(o.markdown, markdown.join("\n"));
      say(`\nMarkdown written to ${o.markdown}`);
    }
  } finally {
    await cleanup();
  }
}

main().then(() => process.exit(0), fail);
