// Crashes, as they happen: Neo4j killed (-9) while a request runs, and the seed loader killed
// (-9) in the middle of its transaction. What is measured is what a user would see: how the
// request in flight ends, how fast requests fail while Neo4j is down, how long after Neo4j is
// back the service answers again (by itself), and whether a killed load left any trace.
import { once } from "node:events";
import fs from "node:fs";

import { defaultDataDir, storePaths } from "../db/localNeo4j.js";
import { request } from "./abusive.js";
import type { Service } from "./service.js";

const TRACE = { query: 'query Crash { trace(id: "57-NQ/TW", asOf: "2025-11-23", limit: 2000) { totalTasks tasks { id status } } }', operationName: "Crash" };
const COUNT = { query: '{ trace(id: "57-NQ/TW", limit: 1) { totalTasks } }' };
const post = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer { status: number; code: string; ms: number; totalTasks?: number }

async function ask(s: Service, body: unknown): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await request(s.base, "/graphql", post(body));
    const json = JSON.parse(res.text) as { data?: { trace?: { totalTasks: number } }; errors?: { extensions?: { code?: string } }[] };
    return { status: res.status, code: json.errors?.[0]?.extensions?.code ?? "ok", ms: performance.now() - started, totalTasks: json.data?.trace?.totalTasks };
  } catch (err) {
    return { status: 0, code: `connection: ${(err as Error).message}`, ms: performance.now() - started };
  }
}

export interface CrashResult {
  inFlight: Answer;
  /** requests sent while Neo4j was down: how they ended */
  whileDown: { n: number; codes: string[]; maxMs: number };
  /** kill → Neo4j, started again by the supervisor, ready (its launcher's NEO4J_READY) */
  restartMs: number;
  /** Neo4j back → the first correct answer */
  recoveryMs: number;
  health: { down: string; after: string };
}

export async function killNeo4jMidRequest(s: Service, say: (line: string) => void): Promise<CrashResult> {
  const pid = s.neo4jPid();
  if (!pid) throw new Error("no Neo4j process found for the service");
  const expected = (await ask(s, COUNT)).totalTasks;
  const inFlightP = ask(s, TRACE);
  await sleep(30);
  const killedAt = performance.now();
  process.kill(pid, "SIGKILL");
  say(`  killed Neo4j (pid ${pid})`);
  const inFlight = await inFlightP;
  const codes = new Set<string>();
  let n = 0;
  let maxMs = 0;
  let downHealth = "";
  let backAt: number | undefined;
  // Neo4j is back when the launcher, started again by the supervisor, says NEO4J_READY once
  // more in its log; ask every 200 ms until then and until the service answers correctly
  const readyBefore = readyLines(s);
  for (;;) {
    if (backAt === undefined && readyLines(s) > readyBefore) backAt = performance.now();
    const a = await ask(s, COUNT);
    if (a.code === "ok" && a.totalTasks === expected) {
      const after = await request(s.base, "/health");
      const answeredAt = performance.now();
      if (backAt === undefined) {
        // answered before the ready line reached the log (it is written as Neo4j reports it): back at most now
        for (let i = 0; i < 20 && readyLines(s) <= readyBefore; i++) await sleep(100);
        if (readyLines(s) <= readyBefore) throw new Error("the service answered, yet Neo4j never said it was ready again: nothing was measured");
        backAt = answeredAt;
      }
      return {
        inFlight,
        whileDown: { n, codes: [...codes], maxMs },
        restartMs: backAt - killedAt,
        recoveryMs: answeredAt - backAt,
        health: { down: downHealth, after: `${after.status} ${after.text}` },
      };
    }
    n++;
    codes.add(`${a.status} ${a.code}`);
    maxMs = Math.max(maxMs, a.ms);
    if (!downHealth) { const h = await request(s.base, "/health"); downHealth = `${h.status} ${h.text}`; }
    if (performance.now() - killedAt > 180_000) throw new Error(`the service did not recover within 180 s of the kill; last answer ${a.status} ${a.code}`);
    await sleep(200);
  }
}

/** How many times the service's local Neo4j has said it is ready, in its launcher's log. */
function readyLines(s: Service): number {
  const log = storePaths(defaultDataDir(s.home)).launcherLog;
  return fs.existsSync(log) ? (fs.readFileSync(log, "utf8").match(/^NEO4J_READY /gm) ?? []).length : 0;
}

export interface LoaderKillResult { killedAfterMs: number; before: string; after: string; unchanged: boolean; serviceAnswers: boolean }

/** Counts of what is in the graph, read through the API's own trace and the database's counts. */
async function fingerprint(s: Service, count: (cypher: string) => Promise<number>): Promise<string> {
  const nodes = await count("MATCH (n) RETURN count(n) AS n");
  const rels = await count("MATCH ()-[r]->() RETURN count(r) AS n");
  const seedHash = await count("MATCH (m:SeedMeta) RETURN count(m) AS n");
  const trace = (await ask(s, COUNT)).totalTasks;
  return `${nodes} nodes, ${rels} relationships, ${seedHash} SeedMeta, trace(57-NQ/TW) ${trace} tasks`;
}

/**
 * Runs `npm run seed -- --force` against the service's Neo4j and kills it once its write
 * transaction is open (seen in SHOW TRANSACTIONS), then compares the graph before and after.
 */
export async function killLoaderMidTransaction(s: Service, count: (cypher: string) => Promise<number>, writing: () => Promise<boolean>): Promise<LoaderKillResult> {
  const before = await fingerprint(s, count);
  const loader = s.cli("seed", ["--force"]);
  const exited = once(loader, "exit");
  const started = performance.now();
  let killedAfterMs = NaN;
  for (;;) {
    if (loader.exitCode !== null) throw new Error("the loader finished before its transaction was seen; nothing was killed");
    if (await writing()) {
      await sleep(300); // well inside the transaction
      loader.kill("SIGKILL");
      killedAfterMs = performance.now() - started;
      break;
    }
    if (performance.now() - started > 120_000) throw new Error("the loader's transaction never showed");
    await sleep(50);
  }
  await exited;
  await sleep(1000); // Neo4j notices the dropped connection and rolls back
  const after = await fingerprint(s, count);
  return { killedAfterMs, before, after, unchanged: before === after, serviceAnswers: (await ask(s, COUNT)).code === "ok" };
}
