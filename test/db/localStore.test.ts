// A damaged store, as the local Neo4j meets it: one sentence naming the store and the logs,
// never a Java stack, whether it is damaged before a start (garbage in the node store, in the
// metadata store, an unreadable folder) or between a crash and the supervisor's restart.
// Every store is a throw-away copy of one small graph made here.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Config } from "../../src/config/index.js";
import { openDatabase } from "../../src/db/connect.js";
import { createDriver } from "../../src/db/driver.js";
import { ensureJars, freePort, startLocalNeo4j, storePaths, type LocalNeo4jOptions } from "../../src/db/localNeo4j.js";
import { config } from "../support/db.js";

let home: string;
let good: string;
const quiet = () => undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const options = async (dataDir: string): Promise<LocalNeo4jOptions> => ({ home, dataDir, port: await freePort(), pageCache: "32m", heap: "512m", log: quiet });

/** A copy of the good store, to damage. */
const copy = (name: string) => {
  const dir = path.join(home, name);
  fs.cpSync(good, dir, { recursive: true });
  fs.rmSync(storePaths(dir).launcherLog, { force: true });
  return dir;
};
const garbage = (file: string) => {
  const size = Math.max(fs.statSync(file).size, 8192);
  fs.writeFileSync(file, randomBytes(size));
};

/** One sentence, naming the store and both logs: no stack, no second line. */
const oneSentenceAbout = (dataDir: string, cause: RegExp) => {
  const paths = storePaths(dataDir);
  return {
    code: "NEO4J_UNAVAILABLE",
    message: expect.stringMatching(new RegExp(
      `^The Neo4j store ${esc(paths.store)} (could not be opened|is corrupt or unreadable) \\(.*${cause.source}.*\\).*see ${esc(paths.debugLog)} and ${esc(paths.launcherLog)}\\.$`)),
  };
};
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const noStack = (err: unknown) => {
  const m = (err as Error).message;
  expect(m).not.toMatch(/\n|\tat |Exception:|\.java:\d+/);
};

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-store-"));
  ensureJars(config.NEO4J_HOME, quiet);
  for (const sub of ["lib", "plugins"]) fs.symlinkSync(path.join(config.NEO4J_HOME, sub), path.join(home, sub));
  good = path.join(home, "good");
  const local = await startLocalNeo4j(await options(good));
  const driver = createDriver(local);
  try {
    // nodes, each with a few relationships and properties: enough store for the damage to be met
    await driver.executeQuery(`UNWIND range(1, 3000) AS i
      CREATE (t:Task {id: 'task-' + i, titleEn: 'task ' + i})-[:LED_BY {since: i}]->(:Agency {id: 'agency-' + i, name: 'agency ' + i})`);
    await driver.executeQuery("MATCH (a:Task), (b:Task) WHERE a.id = 'task-1' AND b.id <> a.id WITH a, b LIMIT 200 CREATE (a)-[:DEPENDS_ON]->(b)");
  } finally {
    await driver.close();
    await local.stop();
  }
}, 180_000);

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

test("garbage in the node store: found when the launcher reads the first nodes, one sentence naming the store and the logs", async () => {
  const dataDir = copy("garbage-nodes");
  garbage(path.join(storePaths(dataDir).store, "neostore.nodestore.db"));
  const err = await startLocalNeo4j(await options(dataDir)).then(() => undefined, (e: unknown) => e);
  expect(err).toMatchObject(oneSentenceAbout(dataDir, /./));
  noStack(err);
  console.log((err as Error).message);
}, 180_000);

test("garbage in the metadata store: the database does not start, and the sentence gives Neo4j's reason", async () => {
  const dataDir = copy("garbage-meta");
  garbage(path.join(storePaths(dataDir).store, "neostore"));
  const err = await startLocalNeo4j(await options(dataDir)).then(() => undefined, (e: unknown) => e);
  expect(err).toMatchObject(oneSentenceAbout(dataDir, /store/));
  noStack(err);
  console.log((err as Error).message);
}, 180_000);

const root = process.getuid?.() === 0;
(root ? test.skip : test)("an unreadable store folder (chmod 000): one sentence before java starts [skipped when run as root: root reads any file, so chmod 000 cannot make a store unreadable]", async () => {
  const dataDir = copy("unreadable");
  const store = storePaths(dataDir).store;
  fs.chmodSync(store, 0o000);
  try {
    const err = await startLocalNeo4j(await options(dataDir)).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: "NEO4J_UNAVAILABLE", message: expect.stringMatching(new RegExp(`^The Neo4j store ${esc(store)} cannot be opened: .* is not readable and writable by this user \\(EACCES\\); see .*debug\\.log and .*launcher\\.log\\.$`)) });
    noStack(err);
  } finally {
    fs.chmodSync(store, 0o700);
  }
});

test("damaged while down after a crash: the supervisor's restarts fail, and its state says why in the same sentence", async () => {
  const dataDir = copy("crash-then-garbage");
  const settings: Config = { ...config, NEO4J_URI: undefined, NEO4J_HOME: home, NEO4J_BOLT_PORT: await freePort(), NEO4J_HEAP: "512m", NEO4J_PAGE_CACHE: "32m" };
  // a slow first restart, so the store can be damaged before it
  const db = await openDatabase(settings, quiet, { attach: "refuse", dataDir, supervision: { backoff: { initialMs: 3_000, maxMs: 3_000 } } });
  try {
    const pid = db.local!.pid;
    process.kill(pid, "SIGKILL");
    while (db.local?.pid === pid) await sleep(20);
    garbage(path.join(storePaths(dataDir).store, "neostore"));
    const deadline = Date.now() + 150_000;
    while (!/restart of the local Neo4j failed/.test(db.state().lastError ?? "") && Date.now() < deadline) await sleep(200);
    expect(db.state()).toMatchObject({ status: "degraded", problem: "restart-failed", restarts: 0, nextRestartAt: expect.any(String) });
    expect(db.state().lastError).toMatch(new RegExp(`^a restart of the local Neo4j failed: The Neo4j store ${esc(storePaths(dataDir).store)} could not be opened .*see .*debug\\.log and .*launcher\\.log\\.$`));
  } finally {
    await db.close();
  }
  expect(db.state().status).toBe("stopping");
}, 240_000);
