// The service under fault: `npm start` itself (src/cli/start.ts, with its supervisor), in a
// process of its own, on free ports and a throw-away Neo4j home that shares the project's jars,
// so that the suite can kill its Neo4j or its loader as a crash would. Nothing here is faked:
// the figures are those of the service a user runs.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

import { loadConfig, PROJECT_ROOT } from "../config/index.js";
import { freePort } from "../db/localNeo4j.js";

const START = path.join(PROJECT_ROOT, "src/cli/start.ts");
const SEED = path.join(PROJECT_ROOT, "src/cli/seed.ts");

export interface Service {
  base: string;
  home: string;
  boltPort: number;
  /** the service's own process */
  pid: number;
  env: NodeJS.ProcessEnv;
  /** the pid of its Neo4j (the java launcher), or undefined while none runs */
  neo4jPid(): number | undefined;
  /** resident memory in MiB of a process */
  rss(pid: number): number;
  /** runs a CLI of the project (e.g. the seed loader) against this service's Neo4j */
  cli(script: "seed", args: string[]): ChildProcess;
  stop(): Promise<void>;
}

export async function startService(extraEnv: NodeJS.ProcessEnv = {}, say: (line: string) => void = () => undefined): Promise<Service> {
  const config = loadConfig();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-faults-"));
  // the jars once, shared: ensureJars finds its marker in lib/
  for (const dir of ["lib", "plugins"]) fs.symlinkSync(path.join(config.NEO4J_HOME, dir), path.join(home, dir));
  const port = await freePort();
  const boltPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: "127.0.0.1", NEO4J_BOLT_PORT: String(boltPort), NEO4J_HOME: home,
    ANSWER_CACHE_ENTRIES: "0", LOG_LEVEL: "warn", ...extraEnv,
  };
  delete env.NEO4J_URI;
  const child = spawn(process.execPath, ["--import", "tsx", START], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const keep = (line: string) => { tail.push(line); if (tail.length > 30) tail.shift(); };
  readline.createInterface({ input: child.stdout! }).on("line", keep);
  readline.createInterface({ input: child.stderr! }).on("line", keep);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the service exited with ${code}:\n${tail.join("\n")}`))));
  const ready = (async () => {
    for (;;) {
      try {
        if ((await fetch(`${base}/health`)).ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  say(`starting the service (a fresh Neo4j, the seed loaded) in ${home} …`);
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);

  const neo4jPid = () => {
    const out = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
    const line = out.split("\n").find((l) => l.includes("Neo4jLauncher.java") && l.includes(`--port ${boltPort}`));
    return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
  };
  const rss = (pid: number) => {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  };
  return {
    base, home, boltPort, pid: child.pid!, env, neo4jPid, rss,
    cli: (script, args) => spawn(process.execPath, ["--import", "tsx", script === "seed" ? SEED : script, ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => { child.once("exit", () => resolve()); child.kill("SIGTERM"); });
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
