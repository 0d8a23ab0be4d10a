// Opens the database the service works on, and decides whose it is:
//   - NEO4J_URI set: that server, with NEO4J_USER / NEO4J_PASSWORD;
//   - otherwise the local Neo4j on NEO4J_BOLT_PORT, with the password of <NEO4J_HOME>/auth.json.
//     If nothing listens there it is started here, supervised (restarted when it dies) and
//     stopped by close(). If something already listens there, `attach` decides: "refuse" (npm
//     start: one service per Neo4j) or "ours" (the CLIs may use the project's own running
//     Neo4j: the store's run file names a live process on that port AND our password
//     authenticates). Anything else on the port is refused: the service does not attach to a
//     Neo4j it did not start unless NEO4J_URI says so.
import type { Driver } from "neo4j-driver";
import { Neo4jError } from "neo4j-driver";

import type { Config } from "../config/index.js";
import { AppError } from "../errors/index.js";
import { checkServer, type ServerInfo } from "./compat.js";
import { createDriver } from "./driver.js";
import {
  defaultDataDir, localCredentials, portInUse, runningLocalNeo4j, startLocalNeo4j, storePaths,
  type Credentials, type LocalNeo4j, type LocalNeo4jOptions, type StorePaths,
} from "./localNeo4j.js";
import { createSupervisor, type DatabaseState, type Supervisor, type SupervisorOptions } from "./supervisor.js";

export interface Database {
  driver: Driver;
  database?: string;
  uri: string;
  server: ServerInfo;
  /** the local Neo4j this process runs now, if any (a restart replaces it) */
  readonly local?: LocalNeo4j;
  /** ready | degraded | stopping, the last error in words, the restart count: what /health reports */
  state(): DatabaseState;
  /** a store-corruption error from Neo4j as one sentence naming the store and its log; anything else unchanged */
  explain(err: unknown): unknown;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** when NEO4J_BOLT_PORT is already taken: "refuse" (npm start) or attach if it is "ours" (the CLIs) */
  attach: "refuse" | "ours";
  /** the store folder (default <NEO4J_HOME>/data) */
  dataDir?: string;
  /** the supervisor's timings (tests shorten them) */
  supervision?: Pick<SupervisorOptions, "backoff" | "probeEveryMs" | "probeTimeoutMs">;
}

const probeOf = (driver: Driver, database?: string) => async () => {
  await driver.executeQuery("RETURN 1", {}, { database, transactionConfig: { timeout: 2_000, metadata: { app: "policy-graph", operation: "probe" } } });
};

/** Progress in words; "warn" for what an operator should notice (a Neo4j death, a failed restart). */
export type Log = (line: string, level?: "info" | "warn") => void;

export async function openDatabase(config: Config, log: Log, opts: OpenOptions): Promise<Database> {
  if (config.NEO4J_URI) {
    return connect(config, { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD }, log, opts);
  }
  const dataDir = opts.dataDir ?? defaultDataDir(config.NEO4J_HOME);
  const port = config.NEO4J_BOLT_PORT;
  const uri = `bolt://127.0.0.1:${port}`;
  if (await portInUse(port)) {
    if (opts.attach === "refuse") {
      throw new AppError("PORT_IN_USE",
        `Port ${port} on 127.0.0.1 is already in use (another Policy Graph, or another Neo4j): stop it, or set NEO4J_BOLT_PORT to a free port, or NEO4J_URI to use that server.`);
    }
    const credentials = localCredentials(config.NEO4J_HOME);
    await refuseUnlessOurs(dataDir, port, uri, credentials, config.NEO4J_HOME);
    log(`Using this project's Neo4j already running at ${uri}`);
    return connect(config, { uri, ...credentials }, log, opts, { paths: storePaths(dataDir) });
  }
  const start = () => startLocalNeo4j({
    home: config.NEO4J_HOME, dataDir, port, pageCache: config.NEO4J_PAGE_CACHE, heap: config.NEO4J_HEAP, log: (line) => log(line),
  } satisfies LocalNeo4jOptions);
  const local = await start();
  return connect(config, { uri: local.uri, user: local.user, password: local.password }, log, opts, { local, restart: start, paths: local.paths });
}

/** The CLIs attach to the Neo4j on the port only when it is this project's, or say why not. */
async function refuseUnlessOurs(dataDir: string, port: number, uri: string, credentials: Credentials, home: string) {
  const run = runningLocalNeo4j(dataDir);
  const advice = "stop it, or set NEO4J_BOLT_PORT to a free port, or NEO4J_URI to use that server";
  if (!run || run.port !== port) {
    throw new AppError("PORT_IN_USE",
      `Port ${port} on 127.0.0.1 is taken by a process this project did not start (no live run file for it in ${dataDir}): ${advice}.`);
  }
  const driver = createDriver({ uri, ...credentials }, { maxTransactionRetryTime: 0 });
  let accepted: boolean;
  try {
    accepted = await driver.verifyAuthentication(); // false when the credentials are refused
  } catch (err) {
    const refused = err instanceof Neo4jError && /Unauthorized|AuthenticationRateLimit/.test(err.code);
    if (!refused) throw new AppError("PORT_IN_USE", `The Neo4j on port ${port} (pid ${run.pid}) does not answer: ${advice}.`);
    accepted = false;
  } finally {
    await driver.close();
  }
  if (!accepted) {
    throw new AppError("PORT_IN_USE", `The Neo4j on port ${port} does not accept this project's password (${home}/auth.json), so it is not ours: ${advice}.`);
  }
}

interface Local { local?: LocalNeo4j; restart?: () => Promise<LocalNeo4j>; paths: StorePaths }

async function connect(config: Config, conn: { uri: string } & Credentials, log: Log, opts: OpenOptions, own?: Local): Promise<Database> {
  const driver = createDriver(conn);
  const database = config.NEO4J_DATABASE;
  let supervisor: Supervisor | undefined;
  const close = async () => {
    // The supervisor first: a Neo4j stopped on purpose is not restarted.
    if (supervisor) await supervisor.stop();
    else await own?.local?.stop();
    await driver.close();
  };
  try {
    const server = await checkServer(driver, database);
    supervisor = createSupervisor({ local: own?.local, restart: own?.restart, probe: probeOf(driver, database), log, ...opts.supervision });
    const s = supervisor;
    return {
      driver, database, uri: conn.uri, server,
      get local() { return s.local(); },
      state: () => s.state(),
      explain: (err) => (own ? storeError(err, own.paths) : err),
      close,
    };
  } catch (err) {
    await close();
    throw own ? storeError(err, own.paths) : err;
  }
}

/** Messages Neo4j gives when a store file holds what it cannot have written. */
const CORRUPTION = /NOT PART OF CHAIN|InvalidRecord|inconsistent|corrupt|Unable to load (NODE|RELATIONSHIP|PROPERTY)|Record\[\d+\]|is not in use|Failed to read current store/i;

/** A store-corruption error from Neo4j, as one sentence naming the store and its log; anything else unchanged. */
export function storeError(err: unknown, paths: StorePaths): unknown {
  if (!(err instanceof Neo4jError) || !CORRUPTION.test(err.message)) return err;
  const reason = err.message.split("\n")[0]!.replace(/^(?:[\w$]+\.)+[\w$]+(?:Exception|Error): /, "").slice(0, 200);
  return new AppError("NEO4J_UNAVAILABLE",
    `The Neo4j store ${paths.store} is corrupt or unreadable (${reason}); see ${paths.debugLog} and ${paths.launcherLog}.`,
    { store: paths.store, log: paths.debugLog });
}
