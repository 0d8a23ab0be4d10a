// The Neo4j driver: one per process, pointed at NEO4J_URI or at the local Neo4j.
import neo4j, { type Config, type Driver } from "neo4j-driver";

export interface Connection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export function createDriver(conn: Connection, overrides: Config = {}): Driver {
  // The local server runs with auth off; any other server gets basic auth.
  const auth = conn.password ? neo4j.auth.basic(conn.user, conn.password) : undefined;
  return neo4j.driver(conn.uri, auth, {
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxConnectionPoolSize: 20,
    disableLosslessIntegers: true,
    ...overrides,
  });
}

export type { Db } from "./gateway.js";
