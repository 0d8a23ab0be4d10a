// The local Neo4j: fetches Neo4j Community + APOC jars with Maven on first use, then runs
// src/db/neo4j-launcher/Neo4jLauncher.java (compiled once per source version) as a child
// process bound to 127.0.0.1, with auth on. Used when NEO4J_URI is not set (the service, the
// CLIs) and by the tests and tools that want a throw-away store.
//
// What lives where (NEO4J_HOME is .neo4j by default; a store's folder is <NEO4J_HOME>/data,
// or a throw-away dataDir):
//   <NEO4J_HOME>/auth.json          user neo4j's generated password (0600, folder 0700),
//                                   reused by every store started from this home
//   <NEO4J_HOME>/lib/               the jars, and the launcher compiled against them
//   <store folder>/run.json         pid and port of the Neo4j running on it (ours), while it runs
//   <store folder>/launcher.log     the launcher's output, every start appended
//   <store folder>/data/logs/debug.log   Neo4j's own log
//   <store folder>/data/data/databases/neo4j   the store itself
// The password reaches java through its environment, never its argv.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";

import { PROJECT_ROOT } from "../config/index.js";
import { ownerOnly, ownerOnlySecret } from "../config/secretFile.js";
import { AppError } from "../errors/index.js";

const LAUNCHER_DIR = path.join(PROJECT_ROOT, "src/db/neo4j-launcher");
const LAUNCHER_SOURCE = path.join(LAUNCHER_DIR, "Neo4jLauncher.java");
const POM = path.join(LAUNCHER_DIR, "pom.xml");
/** the launcher reads the password from here (Neo4jLauncher.PASSWORD_VARIABLE) */
const PASSWORD_VARIABLE = "POLICY_GRAPH_NEO4J_PASSWORD";
/** the launcher's exit code when the database could not open its store */
const STORE_FAILED_EXIT = 3;
const LOG_ROTATE_BYTES = 5 * 2 ** 20;

export interface LocalNeo4jOptions {
  /** holds lib/ (jars), plugins/ (APOC), auth.json and, unless dataDir is given, data/ */
  home: string;
  dataDir?: string;
  port: number;
  pageCache: string;
  heap: string;
  /** where progress goes (the service prints it; tests keep it quiet); Neo4j's own output goes to launcher.log */
  log?: (line: string) => void;
}

export interface Credentials { user: string; password: string }

/** Where one store's files are (see the header). */
export interface StorePaths {
  dataDir: string;
  store: string;
  debugLog: string;
  launcherLog: string;
  runFile: string;
}

export interface Exit { code: number | null; signal: NodeJS.Signals | null }

export interface LocalNeo4j extends Credentials {
  uri: string;
  port: number;
  pid: number;
  paths: StorePaths;
  /** settles when the process ends, for whatever reason */
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

export function storePaths(dataDir: string): StorePaths {
  const dbms = path.join(dataDir, "data"); // the launcher's DBMS home
  return {
    dataDir,
    store: path.join(dbms, "data", "databases", "neo4j"),
    debugLog: path.join(dbms, "logs", "debug.log"),
    launcherLog: path.join(dataDir, "launcher.log"),
    runFile: path.join(dataDir, "run.json"),
  };
}

export const defaultDataDir = (home: string) => path.join(home, "data");

/** Downloads the jars into <home>/lib once; later calls see the marker and return at once. */
export function ensureJars(home: string, log: (line: string) => void = console.log): string {
  const lib = path.join(home, "lib");
  const plugins = path.join(home, "plugins");
  const pomHash = createHash("sha256").update(fs.readFileSync(POM)).digest("hex").slice(0, 12);
  const marker = path.join(lib, `.fetched-${pomHash}`);
  if (fs.existsSync(marker)) return lib;

  log("Fetching Neo4j Community 5.26 and APOC core from Maven Central into " + lib + " (first start only, about 120 MB)…");
  fs.rmSync(lib, { recursive: true, force: true });
  fs.mkdirSync(lib, { recursive: true });
  const mvn = spawnSync(
    "mvn",
    ["-B", "-f", POM, "dependency:copy-dependencies", `-DoutputDirectory=${lib}`, "-DincludeScope=runtime"],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (mvn.error || mvn.status !== 0) {
    throw new AppError("NEO4J_UNAVAILABLE", `Maven could not fetch the Neo4j jars (exit ${mvn.status ?? mvn.error?.message}); is Maven installed and Maven Central reachable?`);
  }
  // APOC's procedures are found by scanning the plugin folder; its extensions (triggers, …)
  // are found on the classpath, so the jar stays in both places.
  fs.rmSync(plugins, { recursive: true, force: true });
  fs.mkdirSync(plugins, { recursive: true });
  for (const jar of fs.readdirSync(lib).filter((f) => /^apoc-core-.*\.jar$/.test(f))) {
    fs.copyFileSync(path.join(lib, jar), path.join(plugins, jar));
  }
  fs.writeFileSync(marker, new Date().toISOString());
  log(`Neo4j jars ready: ${fs.readdirSync(lib).length} files.`);
  return lib;
}

/**
 * The launcher compiled once per version of its source (java's source mode would compile it
 * again at every start, seconds each time): <home>/lib/launcher-<hash>/Neo4jLauncher.class,
 * beside the jars it is compiled against (new jars, a new lib/, a new compile).
 */
export function ensureLauncher(lib: string): string {
  const hash = createHash("sha256").update(fs.readFileSync(LAUNCHER_SOURCE)).digest("hex").slice(0, 12);
  const classes = path.join(lib, `launcher-${hash}`);
  if (fs.existsSync(path.join(classes, "Neo4jLauncher.class"))) return classes;
  const building = fs.mkdtempSync(path.join(lib, ".launcher-"));
  const javac = spawnSync("javac", ["-cp", `${lib}/*`, "-d", building, LAUNCHER_SOURCE], { encoding: "utf8" });
  if (javac.error || javac.status !== 0) {
    fs.rmSync(building, { recursive: true, force: true });
    throw new AppError("NEO4J_UNAVAILABLE", `Could not compile the Neo4j launcher (${javac.error?.message ?? javac.stderr.trim().split("\n")[0]}); is a JDK 17 or later installed?`);
  }
  try {
    fs.renameSync(building, classes);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another start compiled it meanwhile
  }
  // earlier versions of the launcher
  for (const old of fs.readdirSync(lib).filter((f) => /^launcher-[0-9a-f]+$/.test(f) && path.join(lib, f) !== classes)) {
    fs.rmSync(path.join(lib, old), { recursive: true, force: true });
  }
  return classes;
}

/**
 * User neo4j's password for the local Neo4j: generated once (crypto random) into
 * <home>/auth.json, owner-only, and read back at every start.
 */
export function localCredentials(home: string): Credentials {
  return ownerOnlySecret(home, "auth.json", (saved) => {
    const { user, password } = (saved ?? {}) as Partial<Credentials>;
    return typeof password === "string" && password.length >= 8 ? { user: user ?? "neo4j", password } : undefined;
  }, () => ({ user: "neo4j", password: randomBytes(24).toString("base64url") }));
}

/** True when something already accepts connections on host:port. */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
    socket.once("error", () => resolve(false));
  });
}

/** A free TCP port on 127.0.0.1 (for throw-away test servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunFile { pid: number; port: number; startedAt: string; by: number }

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The Neo4j this project runs on a store folder, if its run file names a live process. */
export function runningLocalNeo4j(dataDir: string): RunFile | undefined {
  try {
    const run = JSON.parse(fs.readFileSync(storePaths(dataDir).runFile, "utf8")) as RunFile;
    return Number.isInteger(run.pid) && Number.isInteger(run.port) && alive(run.pid) ? run : undefined;
  } catch {
    return undefined;
  }
}

/** Transaction memory caps from the heap: half of it for one transaction, three quarters for all. */
export function memoryCaps(heap: string): { perTransaction: string; global: string } {
  const m = /^(\d+)([kmg])$/i.exec(heap);
  if (!m) throw new AppError("NEO4J_UNAVAILABLE", `Heap size ${heap} is not a size such as 1g or 512m`);
  const kib = Number(m[1]) * { k: 1, m: 1024, g: 1024 * 1024 }[m[2]!.toLowerCase() as "k" | "m" | "g"];
  return { perTransaction: `${Math.floor(kib / 2)}k`, global: `${Math.floor((kib * 3) / 4)}k` };
}

/**
 * Seconds a statement sent without a timeout of its own may run. Every statement of the
 * gateway carries its own, which in Neo4j 5.26 replaces this one, shorter or longer; what is
 * left are the migrations, whose `db.awaitIndexes(300)` needs five minutes.
 */
export const TRANSACTION_TIMEOUT_BACKSTOP_S = 300;

export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(opts.dataDir ?? defaultDataDir(opts.home));
  const paths = storePaths(dataDir);
  if (await portInUse(opts.port)) {
    throw new AppError("PORT_IN_USE", `Port ${opts.port} on 127.0.0.1 is already in use: is another Policy Graph (or Neo4j) running? Stop it, or set NEO4J_BOLT_PORT.`);
  }
  const credentials = localCredentials(opts.home);
  const lib = ensureJars(opts.home, log);
  const classes = ensureLauncher(lib);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ownerOnly(dataDir, 0o700);
  checkReadable(paths);

  const caps = memoryCaps(opts.heap);
  const args = [
    `-Xmx${opts.heap}`,
    "-XX:+UseG1GC",
    // names the source in ps output, so a reader (or a fault test) can tell this java from others
    `-Dpolicy-graph.launcher=${LAUNCHER_SOURCE}`,
    "-cp", `${classes}${path.delimiter}${lib}/*`,
    "Neo4jLauncher",
    "--home", dataDir,
    "--port", String(opts.port),
    "--page-cache", opts.pageCache,
    "--plugins", path.join(path.resolve(opts.home), "plugins"),
    "--tx-memory", caps.perTransaction,
    "--global-tx-memory", caps.global,
    "--tx-timeout", String(TRANSACTION_TIMEOUT_BACKSTOP_S),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, [PASSWORD_VARIABLE]: credentials.password };
  delete env.NEO4J_PASSWORD; // a remote server's password is none of the local one's business
  for (const key of Object.keys(env)) if (/^APOC_/i.test(key)) delete env[key]; // no APOC setting from outside

  const debugLogStart = sizeOf(paths.debugLog);
  const launcherLog = openLauncherLog(paths.launcherLog, opts.port);
  const child = spawn("java", args, { env, stdio: ["pipe", "pipe", "pipe"] });
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const output: string[] = [];
  let storeFailed = false;
  const uri = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      launcherLog.write(line + "\n");
      output.push(line);
      if (output.length > 200) output.shift();
      if (line.startsWith("NEO4J_STORE_FAILED")) storeFailed = true;
      const ready = /^NEO4J_READY (\S+)/.exec(line);
      if (ready?.[1]) resolve(ready[1]);
    };
    readline.createInterface({ input: child.stdout! }).on("line", onLine);
    readline.createInterface({ input: child.stderr! }).on("line", onLine);
    child.once("error", (err) => reject(new AppError("NEO4J_UNAVAILABLE", `Could not run java: ${err.message}`)));
    void exited.then(({ code, signal }) => {
      const debugLog = readFrom(paths.debugLog, debugLogStart);
      reject(explainEarlyExit({ code, signal, output, debugLog, storeFailed: storeFailed || code === STORE_FAILED_EXIT, port: opts.port, paths }));
    });
  }).catch((err: unknown) => {
    launcherLog.end();
    throw err;
  });
  void exited.then(() => {
    launcherLog.end();
    removeRunFile(paths.runFile, child.pid!);
  });
  writeRunFile(paths.runFile, { pid: child.pid!, port: opts.port, startedAt: new Date().toISOString(), by: process.pid });
  log(`Local Neo4j listening at ${uri} (store ${dataDir}, auth on)`);
  return {
    uri, port: opts.port, pid: child.pid!, paths, exited, ...credentials,
    stop: async () => {
      await stopChild(child);
      removeRunFile(paths.runFile, child.pid!);
    },
  };
}

/** A store folder this user cannot read gives one sentence before java is even started. */
function checkReadable(paths: StorePaths) {
  for (const dir of [paths.dataDir, path.dirname(path.dirname(path.dirname(paths.store))), paths.store]) {
    if (!fs.existsSync(dir)) return; // a new store: Neo4j creates the rest
    try {
      fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
    } catch (err) {
      throw new AppError("NEO4J_UNAVAILABLE",
        `The Neo4j store ${paths.store} cannot be opened: ${dir} is not readable and writable by this user (${(err as NodeJS.ErrnoException).code}); see ${paths.launcherLog} and ${paths.debugLog}.`,
        { store: paths.store, log: paths.debugLog });
    }
  }
}

function openLauncherLog(file: string, port: number): fs.WriteStream {
  try {
    if (sizeOf(file) > LOG_ROTATE_BYTES) fs.renameSync(file, `${file}.1`);
  } catch { /* keep appending */ }
  const stream = fs.createWriteStream(file, { flags: "a", mode: 0o600 });
  stream.on("error", () => undefined); // a full disk must not take the service down with it
  stream.write(`--- ${new Date().toISOString()} starting Neo4j on 127.0.0.1:${port} for process ${process.pid}\n`);
  return stream;
}

function writeRunFile(file: string, run: RunFile) {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(run) + "\n", { mode: 0o600 });
  fs.renameSync(partial, file);
}

function removeRunFile(file: string, pid: number) {
  try {
    if ((JSON.parse(fs.readFileSync(file, "utf8")) as RunFile).pid === pid) fs.rmSync(file, { force: true });
  } catch { /* already gone */ }
}

const sizeOf = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

function readFrom(file: string, offset: number): string {
  try {
    const fd = fs.openSync(file, "r");
    try {
      const length = Math.min(Math.max(0, sizeOf(file) - offset), 4 * 2 ** 20);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, Math.max(offset, sizeOf(file) - length));
      return buf.toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return "";
  }
}

export interface EarlyExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** the launcher's last lines (stdout and stderr) */
  output: string[];
  /** what Neo4j wrote to debug.log during this start */
  debugLog: string;
  storeFailed: boolean;
  port: number;
  paths: StorePaths;
}

/** Why the launcher ended before it was ready, in one sentence that names the store and the logs. */
export function explainEarlyExit(e: EarlyExit): AppError {
  const text = e.output.join("\n");
  const logs = `see ${e.paths.debugLog} and ${e.paths.launcherLog}`;
  if (/FileLockException|store_lock|Lock file has been locked/i.test(text)) {
    return new AppError("STORE_IN_USE", `The Neo4j store ${e.paths.store} is in use by another process: is another Policy Graph running?`);
  }
  if (/Address already in use|BindException/i.test(text)) {
    return new AppError("PORT_IN_USE", `Port ${e.port} is already in use; set NEO4J_BOLT_PORT to another port.`);
  }
  const said = e.output.map((l) => /^NEO4J_STORE_FAILED (.+)/.exec(l)?.[1]).find(Boolean);
  // Neo4j's messages may dump records ("…Cursor[id=…, underlying record=…]"): the words before them say enough.
  const cause = (storeFailureCause(e.debugLog) ?? storeFailureCause(text) ?? said)?.replace(/\s*\S*\[.*$/, "").trim() || undefined;
  if (e.storeFailed || cause) {
    return new AppError("NEO4J_UNAVAILABLE",
      `The Neo4j store ${e.paths.store} could not be opened (${(cause ?? "the database did not start").replace(/\.$/, "")}): it is corrupt or unreadable; ${logs}.`,
      { store: e.paths.store, log: e.paths.debugLog, launcherLog: e.paths.launcherLog });
  }
  const how = e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`;
  const last = e.output.filter((l) => !/^\s+at |^\s+\.\.\. \d+ more$/.test(l)).slice(-1)[0]?.trim();
  return new AppError("NEO4J_UNAVAILABLE", `The local Neo4j ${how} before it was ready${last ? ` (${last.slice(0, 300)})` : ""}; ${logs}.`,
    { log: e.paths.debugLog, launcherLog: e.paths.launcherLog });
}

/** The deepest cause Neo4j gave for a database that failed to start, without class names or stack. */
export function storeFailureCause(log: string): string | undefined {
  const lines = log.split("\n");
  let failed = -1;
  lines.forEach((l, i) => { if (/Failed to start (DatabaseId|database)|Database .* failed to start/i.test(l)) failed = i; });
  if (failed < 0) return undefined;
  const block: string[] = [];
  for (const line of lines.slice(failed + 1)) {
    if (/^\d{4}-\d\d-\d\d /.test(line)) break; // the next log entry
    block.push(line);
  }
  const causes = [block[0] ?? "", ...block.filter((l) => /^\s*Caused by: /.test(l))].filter((l) => l.trim());
  const deepest = causes.at(-1);
  if (!deepest) return undefined;
  return deepest.replace(/^\s*Caused by: /, "").replace(/^(?:[\w$]+\.)+[\w$]+(?:Exception|Error)(?::\s*|$)/, "").replace(/^(?:[\w$]+\.)+[\w$]+(?:Exception|Error): /, "").trim().slice(0, 300) || undefined;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", () => { clearTimeout(killer); resolve(); });
    child.kill("SIGTERM");
  });
}
