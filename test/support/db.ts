// The test database (started by globalSetup) and the real seed's model.
import type { Driver } from "neo4j-driver";

import { loadConfig } from "../../src/config/index.js";
import { createDriver } from "../../src/db/driver.js";

export const config = loadConfig();

export function testDriver(): Driver {
  const uri = process.env.POLICY_GRAPH_TEST_URI;
  if (!uri) throw new Error("POLICY_GRAPH_TEST_URI is not set: run the tests through jest (globalSetup starts Neo4j)");
  return createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD });
}

export const database = config.NEO4J_DATABASE;
