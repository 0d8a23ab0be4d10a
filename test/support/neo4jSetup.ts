// Starts the Neo4j the integration tests use — the local one on a free port with a throw-away
// store (auth on, the password of NEO4J_HOME's auth.json), or NEO4J_URI's when set — and loads
// the real seed into it. Tests read POLICY_GRAPH_TEST_URI, POLICY_GRAPH_TEST_USER and
// POLICY_GRAPH_TEST_PASSWORD; globalTeardown stops what was started here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { loadConfig } from "../../src/config/index.js";
import { checkServer } from "../../src/db/compat.js";
import { createDriver } from "../../src/db/driver.js";
import { freePort, startLocalNeo4j } from "../../src/db/localNeo4j.js";
import { ensureSchema } from "../../src/db/migrations.js";
import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { loadSeed } from "../../src/seed/load.js";

export default async function globalSetup() {
  process.env.NODE_ENV = "test";
  const config = loadConfig();
  let uri = config.NEO4J_URI;
  let credentials = { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD };
  if (!uri) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-test-"));
    const local = await startLocalNeo4j({
      home: config.NEO4J_HOME, dataDir, port: await freePort(), pageCache: "128m", heap: "1g",
      log: (line) => { if (/Fetching|ready:/.test(line)) console.log(line); },
    });
    (globalThis as Record<string, unknown>).__policyGraphNeo4j = { local, dataDir };
    uri = local.uri;
    credentials = { user: local.user, password: local.password };
  }
  process.env.POLICY_GRAPH_TEST_URI = uri;
  process.env.POLICY_GRAPH_TEST_USER = credentials.user;
  process.env.POLICY_GRAPH_TEST_PASSWORD = credentials.password;
  const driver = createDriver({ uri, ...credentials });
  try {
    await checkServer(driver, config.NEO4J_DATABASE);
    const model = buildModel();
    await ensureSchema(driver, config.NEO4J_DATABASE, model);
    await loadSeed(driver, config.NEO4J_DATABASE, readConfiguredSeed(config), model, { force: true });
  } finally {
    await driver.close();
  }
}
