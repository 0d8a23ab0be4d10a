// Opens the database the service works on: NEO4J_URI when set, otherwise the local Neo4j —
// the one already running on NEO4J_BOLT_PORT, or one started here and stopped by close().
import type { Driver } from "neo4j-driver";

import type { Config } from "../config/index.js";
import { checkServer, type ServerInfo } from "./compat.js";
import { createDriver } from "./driver.js";
import { portInUse, startLocalNeo4j, type LocalNeo4j } from "./localNeo4j.js";

export interface Database {
  driver: Driver;
  database?: string;
  uri: string;
  server: ServerInfo;
  /** the local Neo4j this process started, if any */
  local?: LocalNeo4j;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (line: string) => void, dataDir?: string): Promise<Database> {
  let local: LocalNeo4j | undefined;
  let uri = config.NEO4J_URI;
  if (!uri && (await portInUse(config.NEO4J_BOLT_PORT))) {
    // A local Neo4j is already running (e.g. `npm start` while `npm run export` runs): use it.
    uri = `bolt://127.0.0.1:${config.NEO4J_BOLT_PORT}`;
    log(`Using the Neo4j already listening at ${uri}`);
  } else if (!uri) {
    local = await startLocalNeo4j({
      home: config.NEO4J_HOME,
      dataDir,
      port: config.NEO4J_BOLT_PORT,
      pageCache: config.NEO4J_PAGE_CACHE,
      heap: config.NEO4J_HEAP,
      log,
    });
    uri = local.uri;
  }
  const driver = createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD });
  const close = async () => {
    await driver.close();
    await local?.stop();
  };
  try {
    const server = await checkServer(driver, config.NEO4J_DATABASE);
    return { driver, database: config.NEO4J_DATABASE, uri, server, local, close };
  } catch (err) {
    await close();
    throw err;
  }
}
