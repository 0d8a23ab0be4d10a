// The rules around the local Neo4j that need no database: the restart backoff (checked on real
// child processes that die, standing in for a Neo4j the supervisor watches), the memory caps
// taken from the heap, and how an early exit becomes one sentence.
import { spawn } from "node:child_process";

import { explainEarlyExit, memoryCaps, storeFailureCause, storePaths, type Exit, type LocalNeo4j } from "../../src/db/localNeo4j.js";
import { createSupervisor, restartDelay } from "../../src/db/supervisor.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("restarts wait 0.5 s, then twice as long each time, at most 30 s", () => {
  expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((a) => restartDelay(a))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test("transaction memory: half the heap for one transaction, three quarters for all", () => {
  expect(memoryCaps("1g")).toEqual({ perTransaction: "524288k", global: "786432k" });
  expect(memoryCaps("512m")).toEqual({ perTransaction: "262144k", global: "393216k" });
});

describe("an early exit in one sentence", () => {
  const paths = storePaths("/tmp/store-x");
  const base = { code: 1, signal: null, output: [], debugLog: "", storeFailed: false, port: 7687, paths };
  const DEBUG_LOG = [
    "2026-12-01 23:20:09.089+0000 ERROR [o.n.d.d.DatabaseLifecycles] Failed to start DatabaseId{0e936cd9[neo4j]}",
    "java.lang.RuntimeException: java.lang.IllegalStateException: Failed to read current store version.",
    "\tat org.neo4j.kernel.database.AbstractDatabase.handleStartupFailure(AbstractDatabase.java:222) ~[neo4j-kernel-5.26.19.jar:5.26.19]",
    "Caused by: java.lang.IllegalStateException: Failed to load data from legacy metadata store",
    "\tat org.neo4j.kernel.impl.store.MetaDataStore.x(MetaDataStore.java:1)",
    "2026-12-01 23:20:09.100+0000 INFO  [o.n.d.d.DatabaseLifecycles] something else",
  ].join("\n");

  test("Neo4j's deepest cause, without class names or stack", () => {
    expect(storeFailureCause(DEBUG_LOG)).toBe("Failed to load data from legacy metadata store");
    expect(storeFailureCause("nothing failed here")).toBeUndefined();
  });

  test("a store that failed names the store, the cause and both logs", () => {
    const e = explainEarlyExit({ ...base, code: 3, storeFailed: true, debugLog: DEBUG_LOG });
    expect(e).toMatchObject({ code: "NEO4J_UNAVAILABLE" });
    expect(e.message).toBe(`The Neo4j store ${paths.store} could not be opened (Failed to load data from legacy metadata store): it is corrupt or unreadable; see ${paths.debugLog} and ${paths.launcherLog}.`);
  });

  test("the launcher's own reading failure, record dumps left out", () => {
    const e = explainEarlyExit({ ...base, code: 3, output: ["NEO4J_STORE_FAILED reading its first nodes failed: NOT PART OF CHAIN! RelationshipTraversalCursor[id=1, next=2]"] });
    expect(e.message).toBe(`The Neo4j store ${paths.store} could not be opened (reading its first nodes failed: NOT PART OF CHAIN!): it is corrupt or unreadable; see ${paths.debugLog} and ${paths.launcherLog}.`);
  });

  test("a locked store and a taken port keep their own codes", () => {
    expect(explainEarlyExit({ ...base, output: ["Caused by: org.neo4j.io.locker.FileLockException: Lock file has been locked by another process"] }).code).toBe("STORE_IN_USE");
    expect(explainEarlyExit({ ...base, output: ["java.net.BindException: Address already in use"] }).code).toBe("PORT_IN_USE");
  });

  test("anything else: how it ended and its last line, never the stack", () => {
    const e = explainEarlyExit({ ...base, signal: "SIGKILL", code: null, output: ["java.lang.OutOfMemoryError: Java heap space", "\tat a.b.C.d(C.java:1)"] });
    expect(e.message).toBe(`The local Neo4j was killed by SIGKILL before it was ready (java.lang.OutOfMemoryError: Java heap space); see ${paths.debugLog} and ${paths.launcherLog}.`);
  });
});

describe("the supervisor, on processes that die", () => {
  /** A real child process shaped as the supervisor sees a local Neo4j: it lives `lifeMs`, then exits with 1. */
  const child = (lifeMs: number): LocalNeo4j => {
    const p = spawn(process.execPath, ["-e", `setTimeout(() => process.exit(1), ${lifeMs})`], { stdio: "ignore" });
    const exited = new Promise<Exit>((resolve) => p.once("exit", (code, signal) => resolve({ code, signal })));
    return {
      uri: "bolt://127.0.0.1:1", port: 1, pid: p.pid!, user: "neo4j", password: "x", paths: storePaths("/tmp/none"), exited,
      stop: async () => { if (p.exitCode === null && p.signalCode === null) { p.kill("SIGTERM"); await exited; } },
    };
  };

  test("doubling delays while it keeps dying, capped; a restart that stays up resets them; a deliberate stop ends it all", async () => {
    const starts: number[] = [];
    let life = 10;
    const restart = async () => { starts.push(Date.now()); return child(life); };
    const lines: string[] = [];
    const sup = createSupervisor({
      local: child(10), restart, probe: async () => undefined, log: (l) => lines.push(l),
      backoff: { initialMs: 100, maxMs: 1_600, healthyMs: 800 }, probeEveryMs: { ready: 50, degraded: 50 },
    });
    while (starts.length < 6) await sleep(10);
    // each gap is a short life (a node process starting, then 10 ms) plus the delay: 200, 400, 800, 1600, 1600
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    gaps.forEach((gap, i) => {
      const delay = [200, 400, 800, 1600, 1600][i]!;
      expect(gap).toBeGreaterThanOrEqual(delay);
      expect(gap).toBeLessThan(delay + 700);
    });
    expect(sup.state()).toMatchObject({ restarts: expect.any(Number), supervised: true, lastError: "the local Neo4j exited with code 1" });

    life = 1_200; // longer than healthyMs: after it the backoff starts over
    const n = starts.length;
    while (starts.length < n + 2) await sleep(10);
    const resetGap = starts[n + 1]! - starts[n]!;
    expect(resetGap).toBeGreaterThanOrEqual(1_200 + 100);
    expect(resetGap).toBeLessThan(1_200 + 900); // 100 ms after the reset, not 1,600

    const before = starts.length;
    await sup.stop();
    expect(sup.state().status).toBe("stopping");
    await sleep(2_000);
    expect(starts.length).toBe(before);
    expect(lines.some((l) => /exited with code 1; starting it again/.test(l))).toBe(true);
  }, 30_000);

  test("a probe that fails makes it degraded with the reason in words, and ready again when it answers", async () => {
    let answering = true;
    const sup = createSupervisor({
      probe: async () => { if (!answering) throw Object.assign(new Error("Connection refused 127.0.0.1:7687 …"), { code: "ServiceUnavailable" }); },
      log: () => undefined, probeEveryMs: { ready: 50, degraded: 50 },
    });
    try {
      expect(sup.state()).toMatchObject({ status: "ready", supervised: false, restarts: 0 });
      answering = false;
      while (sup.state().status === "ready") await sleep(10);
      expect(sup.state()).toMatchObject({ status: "degraded", problem: "not-answering", lastError: "Neo4j did not answer a probe (ServiceUnavailable)" });
      answering = true;
      while (sup.state().status !== "ready") await sleep(10);
      expect(sup.state().problem).toBeUndefined();
    } finally {
      await sup.stop();
    }
  });
});
