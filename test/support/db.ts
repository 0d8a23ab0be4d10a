// The test database (started by globalSetup, which says how to reach it) and the real seed's model.
import type { Driver } from "neo4j-driver";

import { loadConfig } from "../../src/config/index.js";
import { createDriver } from "../../src/db/driver.js";

export const config = loadConfig();

export function testDriver(): Driver {
  const uri = process.env.POLICY_GRAPH_TEST_URI;
  if (!uri) throw new Error("POLICY_GRAPH_TEST_URI is not set: run the tests through jest (globalSetup starts Neo4j)");
  return createDriver({ uri, ...testCredentials() });
}

/** The test database's user and password (the throw-away local Neo4j's, or NEO4J_USER/NEO4J_PASSWORD). */
export function testCredentials(): { user: string; password: string } {
  return { user: process.env.POLICY_GRAPH_TEST_USER ?? config.NEO4J_USER, password: process.env.POLICY_GRAPH_TEST_PASSWORD ?? config.NEO4J_PASSWORD };
}

export const database = config.NEO4J_DATABASE;
