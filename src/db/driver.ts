// The Neo4j driver: one per process, pointed at NEO4J_URI or at the local Neo4j.
// Its retries are short on purpose: with Neo4j down (dead, restarting) a request should fail
// as SERVICE_UNAVAILABLE within about a second, not after the driver's default 30 s of
// retrying. A failed statement is retried once, about a second later (retries happen while
// less than maxTransactionRetryTime has passed, waiting 1 s, then 2 s, each ± 20 %); bulk
// loaders, which may meet transient deadlocks between their concurrent batches, ask for
// BULK_LOAD_RETRIES.
import neo4j, { type Config, type Driver } from "neo4j-driver";

export interface Connection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/** Long retries, for loaders that write concurrent batches (transient deadlocks are retried). */
export const BULK_LOAD_RETRIES: Config = { maxTransactionRetryTime: 30_000 };

export function createDriver(conn: Connection, overrides: Config = {}): Driver {
  // A server with auth off (an old local store, a test server) is reached without credentials.
  const auth = conn.password ? neo4j.auth.basic(conn.user, conn.password) : undefined;
  return neo4j.driver(conn.uri, auth, {
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 2_000,
    maxTransactionRetryTime: 750,
    maxConnectionPoolSize: 20,
    disableLosslessIntegers: true,
    ...overrides,
  });
}

export type { Db } from "./gateway.js";
