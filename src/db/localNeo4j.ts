// The local Neo4j: fetches Neo4j Community + APOC jars with Maven on first use, then runs
// src/db/neo4j-launcher/Neo4jLauncher.java as a child process bound to 127.0.0.1.
// Used when NEO4J_URI is not set (the service) and by the test setup (a throw-away store).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";

import { PROJECT_ROOT } from "../config/index.js";
import { AppError } from "../errors/index.js";

const LAUNCHER_DIR = path.join(PROJECT_ROOT, "src/db/neo4j-launcher");
const POM = path.join(LAUNCHER_DIR, "pom.xml");

export interface LocalNeo4jOptions {
  /** holds lib/ (jars), plugins/ (APOC) and, unless dataDir is given, data/ */
  home: string;
  dataDir?: string;
  port: number;
  pageCache: string;
  heap: string;
  /** where progress and Neo4j's own output go (the service prints it; tests keep it quiet) */
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  stop(): Promise<void>;
}

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

export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (await portInUse(opts.port)) {
    throw new AppError("PORT_IN_USE", `Port ${opts.port} on 127.0.0.1 is already in use: is another Policy Graph (or Neo4j) running? Stop it, or set NEO4J_BOLT_PORT.`);
  }
  const lib = ensureJars(opts.home, log);
  const dataDir = opts.dataDir ?? path.join(opts.home, "data");
  fs.mkdirSync(dataDir, { recursive: true });
  const args = [
    `-Xmx${opts.heap}`,
    "-XX:+UseG1GC",
    "-cp", `${lib}/*`,
    path.join(LAUNCHER_DIR, "Neo4jLauncher.java"),
    "--home", dataDir,
    "--port", String(opts.port),
    "--page-cache", opts.pageCache,
    "--plugins", path.join(opts.home, "plugins"),
  ];
  const child = spawn("java", args, { stdio: ["pipe", "pipe", "pipe"] });
  const output: string[] = [];
  const uri = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      output.push(line);
      if (output.length > 200) output.shift();
      const ready = /^NEO4J_READY (\S+)/.exec(line);
      if (ready?.[1]) resolve(ready[1]);
    };
    readline.createInterface({ input: child.stdout! }).on("line", onLine);
    readline.createInterface({ input: child.stderr! }).on("line", onLine);
    child.once("error", (err) => reject(new AppError("NEO4J_UNAVAILABLE", `Could not run java: ${err.message}`)));
    child.once("exit", (code) => reject(explainEarlyExit(code, output, dataDir, opts.port)));
  });
  log(`Local Neo4j listening at ${uri} (store ${dataDir})`);
  return { uri, stop: () => stopChild(child) };
}

function explainEarlyExit(code: number | null, output: string[], dataDir: string, port: number): AppError {
  const text = output.join("\n");
  if (/FileLockException|store_lock|Lock file has been locked/i.test(text)) {
    return new AppError("STORE_IN_USE", `The Neo4j store ${dataDir} is in use by another process: is another Policy Graph running?`);
  }
  if (/Address already in use|BindException/i.test(text)) {
    return new AppError("PORT_IN_USE", `Port ${port} is already in use; set NEO4J_BOLT_PORT to another port.`);
  }
  const tail = output.slice(-15).join("\n");
  return new AppError("NEO4J_UNAVAILABLE", `The local Neo4j exited with code ${code} before it was ready:\n${tail}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", () => { clearTimeout(killer); resolve(); });
    child.kill("SIGTERM");
  });
}
