// The local Neo4j as the service runs it (openDatabase, supervised), in a throw-away home and
// store of its own: closed to everyone without the password, no file access from Cypher,
// memory per transaction capped, attached to only when it is ours, restarted after a kill -9
// while requests fail fast, and not restarted after a deliberate stop.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";

import type { Config } from "../../src/config/index.js";
import { openDatabase, type Database } from "../../src/db/connect.js";
import { createDriver } from "../../src/db/driver.js";
import { read } from "../../src/db/gateway.js";
import { ensureJars, freePort, localCredentials, runningLocalNeo4j, storePaths } from "../../src/db/localNeo4j.js";
import { config } from "../support/db.js";

let home: string;
let dataDir: string;
let settings: Config;
let db: Database;
const quiet = () => undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A NEO4J_HOME of its own (so auth.json is made here), sharing the project's jars. */
function throwAwayHome(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  ensureJars(config.NEO4J_HOME, quiet);
  for (const sub of ["lib", "plugins"]) fs.symlinkSync(path.join(config.NEO4J_HOME, sub), path.join(dir, sub));
  return dir;
}

beforeAll(async () => {
  home = throwAwayHome("policy-graph-local-");
  dataDir = path.join(home, "data");
  settings = { ...config, NEO4J_URI: undefined, NEO4J_HOME: home, NEO4J_BOLT_PORT: await freePort(), NEO4J_HEAP: "512m", NEO4J_PAGE_CACHE: "64m", NEO4J_DATABASE: undefined };
  db = await openDatabase(settings, quiet, {
    attach: "refuse",
    supervision: { backoff: { initialMs: 200 }, probeEveryMs: { ready: 500, degraded: 250 } },
  });
}, 120_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(home, { recursive: true, force: true });
}, 90_000);

const driverWith = (auth?: ReturnType<typeof neo4j.auth.basic>): Driver => neo4j.driver(db.uri, auth, { maxTransactionRetryTime: 0 });

async function refusal(driver: Driver, cypher = "RETURN 1"): Promise<string> {
  try {
    await driver.executeQuery(cypher);
    return "accepted";
  } catch (err) {
    return (err as { code: string }).code;
  } finally {
    await driver.close();
  }
}

describe("locked down", () => {
  test("auth is on: no credentials and a wrong password are refused, the generated password works", async () => {
    expect(await refusal(driverWith())).toBe("Neo.ClientError.Security.Unauthorized");
    expect(await refusal(driverWith(neo4j.auth.basic("neo4j", "neo4j")))).toBe("Neo.ClientError.Security.Unauthorized");
    const { user, password } = localCredentials(home);
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(await refusal(driverWith(neo4j.auth.basic(user, password)))).toBe("accepted");
  });

  test("the password file is the owner's only, and the password is not on java's command line", () => {
    expect(fs.statSync(path.join(home, "auth.json")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const { password } = localCredentials(home);
    const cmdline = fs.readFileSync(`/proc/${db.local!.pid}/cmdline`, "utf8");
    expect(cmdline).toContain("Neo4jLauncher");
    expect(cmdline).not.toContain(password);
  });

  test("the password is kept across starts: a second read gives the same one", () => {
    expect(localCredentials(home)).toEqual(localCredentials(home));
  });

  test("Cypher cannot read files: LOAD CSV from file URLs and APOC's file import are refused", async () => {
    const c = (cypher: string) => db.driver.executeQuery(cypher);
    await expect(c("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line LIMIT 1")).rejects.toThrow(/allow_csv_import_from_file_urls/);
    await expect(c("CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value")).rejects.toThrow(/not enabled/);
    await expect(c("CALL apoc.load.json('passwd') YIELD value RETURN value")).rejects.toThrow(/Import from files not enabled/);
  });

  test("one transaction cannot take the heap: over the cap it is QUERY_TOO_LARGE", async () => {
    await expect(read(db, "test.huge", "UNWIND range(1, 100000000) AS x WITH collect(toString(x)) AS xs RETURN size(xs) AS n"))
      .rejects.toMatchObject({ code: "QUERY_TOO_LARGE" });
    expect((await read(db, "test.small", "RETURN 1 AS one"))[0]!.get("one")).toBe(1); // and the server is fine
  });

  test("HTTP is off and Bolt listens on loopback only", () => {
    const listening = execFileSync("ss", ["-ltnp"], { encoding: "utf8" }).split("\n").filter((l) => l.includes(`pid=${db.local!.pid},`));
    expect(listening.length).toBeGreaterThan(0);
    for (const line of listening) expect(line).toMatch(new RegExp(`\\s\\[?(::ffff:)?127\\.0\\.0\\.1\\]?:${settings.NEO4J_BOLT_PORT}\\s`));
  });
});

describe("attaching", () => {
  test("npm start refuses a port already in use, with one sentence saying what to do", async () => {
    await expect(openDatabase(settings, quiet, { attach: "refuse" })).rejects.toMatchObject({
      code: "PORT_IN_USE",
      message: expect.stringMatching(/^Port \d+ on 127\.0\.0\.1 is already in use .*: stop it, or set NEO4J_BOLT_PORT .*NEO4J_URI[^.]*\.$/),
    });
  });

  test("a CLI attaches to this project's own running Neo4j (its run file, its password), and closing it leaves that Neo4j running", async () => {
    expect(runningLocalNeo4j(dataDir)).toMatchObject({ pid: db.local!.pid, port: settings.NEO4J_BOLT_PORT });
    const cli = await openDatabase(settings, quiet, { attach: "ours" });
    try {
      expect(cli.local).toBeUndefined();
      expect(cli.state()).toMatchObject({ status: "ready", supervised: false });
      expect((await read(cli, "test.attached", "RETURN 2 AS two"))[0]!.get("two")).toBe(2);
    } finally {
      await cli.close();
    }
    expect((await read(db, "test.stillUp", "RETURN 3 AS three"))[0]!.get("three")).toBe(3);
  });

  test("a CLI refuses a port held by something this project did not start", async () => {
    const server = net.createServer((s) => s.destroy());
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      await expect(openDatabase({ ...settings, NEO4J_BOLT_PORT: port }, quiet, { attach: "ours" })).rejects.toMatchObject({
        code: "PORT_IN_USE",
        message: expect.stringMatching(/is taken by a process this project did not start .*: stop it, or set NEO4J_BOLT_PORT/),
      });
    } finally {
      server.close();
    }
  });

  test("a CLI refuses a live Neo4j whose password is not ours (another home's)", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-other-home-"));
    try {
      // the same store folder (so its run file is found), but another home, so another password
      await expect(openDatabase({ ...settings, NEO4J_HOME: other }, quiet, { attach: "ours", dataDir })).rejects.toMatchObject({
        code: "PORT_IN_USE",
        message: expect.stringMatching(/does not accept this project's password .*so it is not ours/),
      });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("supervised", () => {
  const ready = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const started = Date.now();
        await read(db, "test.ping", "RETURN 1 AS one");
        return Date.now() - started;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await sleep(100);
      }
    }
  };

  test("kill -9: requests fail fast with SERVICE_UNAVAILABLE, the state says degraded, Neo4j is restarted and answers again within 10 s of being back", async () => {
    expect(db.state()).toMatchObject({ status: "ready", restarts: 0, supervised: true });
    const pid = db.local!.pid;
    const killedAt = Date.now();
    process.kill(pid, "SIGKILL");
    while (db.local?.pid === pid) await sleep(20); // the supervisor saw the exit

    // while it is down: each request fails within 3 s, as SERVICE_UNAVAILABLE
    const failures: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await expect(read(db, "test.whileDown", "RETURN 1 AS one")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      failures.push(Date.now() - started);
      if (db.local) break; // already back
    }
    expect(Math.max(...failures)).toBeLessThan(3_000);
    expect(db.state()).toMatchObject({ status: "degraded", problem: "restarting", lastError: expect.stringMatching(/killed \(SIGKILL\)/) });

    // back: a new process, and the driver (not recreated) answers within 10 s of it
    while (!db.local) {
      if (Date.now() - killedAt > 90_000) throw new Error("not restarted within 90 s");
      await sleep(50);
    }
    const backAt = Date.now();
    expect(db.local.pid).not.toBe(pid);
    await ready(10_000);
    const recoveredMs = Date.now() - backAt;
    expect(recoveredMs).toBeLessThan(10_000);
    while (db.state().status !== "ready" && Date.now() - backAt < 10_000) await sleep(50);
    expect(db.state()).toMatchObject({ status: "ready", restarts: 1, lastError: expect.stringMatching(/SIGKILL/) });
    expect(runningLocalNeo4j(dataDir)?.pid).toBe(db.local.pid);
    console.log(`kill -9 → restarted in ${((backAt - killedAt) / 1000).toFixed(1)} s; requests failed in ${failures.join(", ")} ms meanwhile; answering ${recoveredMs} ms after it was back`);
  }, 120_000);

  test("a deliberate stop restarts nothing: the state says stopping, the port is free and the run file gone", async () => {
    const paths = storePaths(dataDir);
    const pid = db.local!.pid;
    await db.close();
    expect(db.state().status).toBe("stopping");
    await sleep(1_500); // longer than the test's backoff: a restart would have begun
    expect(db.local?.pid ?? pid).toBe(pid);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(fs.existsSync(paths.runFile)).toBe(false);
    expect(runningLocalNeo4j(dataDir)).toBeUndefined();
    const driver = createDriver({ uri: db.uri, ...localCredentials(home) }, { maxTransactionRetryTime: 0 });
    try {
      await expect(driver.executeQuery("RETURN 1")).rejects.toMatchObject({ code: "ServiceUnavailable" });
    } finally {
      await driver.close();
    }
  }, 90_000);
});
