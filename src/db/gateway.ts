// The one gateway for Cypher. Every statement the project sends — its own questions and the
// ones @neo4j/graphql generates — goes through here, so each one gets a transaction timeout,
// transaction metadata naming the operation it serves, a debug log line, and the same
// mapping of database failures to coded errors. Tests listen to it to EXPLAIN what was sent.
// A request's Db carries the request too: its id goes into every transaction's metadata, so
// that when its client goes away its transactions can be found and terminated
// (terminateRequest); once its signal has fired no new statement starts; and its statements
// take their connections from its lane, so one class of requests cannot hold the whole pool.
import neo4j, { Neo4jError, type Driver, type ManagedTransaction, type Record as Neo4jRecord, type Session, type SessionConfig } from "neo4j-driver";

import { loadConfig } from "../config/index.js";
import { logger } from "../config/logger.js";
import { AppError } from "../errors/index.js";

/** A driver and the database to use on it: what every capability's queries take. */
export interface Db {
  driver: Driver;
  database?: string;
  /** the HTTP request the statements serve: in their transaction metadata as `requestId` */
  requestId?: string;
  /** fires when the request's client has gone away: no statement starts after it */
  signal?: AbortSignal;
  /** where the request's statements take their connections from (src/server/admission.ts) */
  lane?: Lane;
}

/** A bounded share of the connection pool: a statement holds one permit while it runs. */
export interface Lane { acquire(signal?: AbortSignal): Promise<() => void> }

export type Params = Record<string, unknown>;

/** Default time a read may run before Neo4j stops it (QUERY_TIMEOUT). */
export const READ_TIMEOUT_MS = loadConfig().QUERY_TIMEOUT_MS;
/** Writes (seed loads, bulk batches) get longer, still bounded. */
export const WRITE_TIMEOUT_MS = 300_000;

export interface Statement { operation: string; cypher: string; params: Params; mode: "READ" | "WRITE" }
type Listener = (s: Statement) => void;
const listeners = new Set<Listener>();

/** Calls `fn` with every statement sent from now until the returned function is called. */
export function onStatement(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function sent(s: Statement) {
  logger.debug({ operation: s.operation, cypher: s.cypher }, "cypher");
  for (const l of listeners) l(s);
}

/** Whole numbers go to Neo4j as integers (LIMIT, SKIP and slices need them); the driver would send floats. */
const typed = (params: Params): Params =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" && Number.isSafeInteger(v) ? neo4j.int(v) : v]));

const txConfig = (operation: string, timeout: number, db?: Db) =>
  ({ timeout, metadata: { app: "policy-graph", operation, ...(db?.requestId ? { requestId: db.requestId } : {}) } });

const cancelled = (operation: string) =>
  new AppError("REQUEST_CANCELLED", `The question "${operation}" was cancelled: its client closed the connection`, { operation });

/** Statements running per request id, so a canceller knows whether one is still on its way to Neo4j. */
const running = new Map<string, number>();
export const statementsRunning = (requestId: string): number => running.get(requestId) ?? 0;

/**
 * Starts a statement (or a transaction) for db's request: refused once its client has gone,
 * holding a permit of its lane, counted while it runs. Returns what ends it.
 */
async function enter(db: Db, operation: string): Promise<() => void> {
  if (db.signal?.aborted) throw cancelled(operation);
  let release = () => {};
  if (db.lane) {
    try {
      release = await db.lane.acquire(db.signal);
    } catch (err) {
      throw db.signal?.aborted ? cancelled(operation) : err;
    }
    if (db.signal?.aborted) { release(); throw cancelled(operation); } // the client left as the permit came
  }
  const id = db.requestId;
  if (id) running.set(id, statementsRunning(id) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
    if (id) {
      const n = statementsRunning(id) - 1;
      if (n > 0) running.set(id, n);
      else running.delete(id);
    }
  };
}

/** Database failures as coded errors; anything else passes through unchanged. */
export function databaseError(err: unknown, operation: string): unknown {
  if (!(err instanceof Neo4jError)) return err;
  if (/TransactionTimedOut|Transaction\.Terminated|TransactionMarkedAsFailed/.test(err.code)) {
    return new AppError("QUERY_TIMEOUT", `The question "${operation}" took longer than allowed and was stopped; narrow it (a smaller scope, depth or page)`, { operation });
  }
  if (/MemoryPoolOutOfMemoryError|OutOfMemory/.test(err.code)) {
    return new AppError("QUERY_TOO_LARGE", `The question "${operation}" needs more memory than a request may use; narrow it`, { operation });
  }
  if (err.code === "ServiceUnavailable" || err.code === "SessionExpired" || /DatabaseUnavailable/.test(err.code)
    || (err as { gqlStatus?: string }).gqlStatus === "50N42" || /acquisition timed out/i.test(err.message)) {
    return new AppError("SERVICE_UNAVAILABLE", "The database is not reachable or too busy right now; try again shortly", { operation });
  }
  return err;
}

async function run(db: Db, mode: Statement["mode"], operation: string, cypher: string, params: Params, timeoutMs: number): Promise<Neo4jRecord[]> {
  const p = typed(params);
  const leave = await enter(db, operation);
  sent({ operation, cypher, params: p, mode });
  try {
    const { records } = await db.driver.executeQuery(cypher, p, {
      database: db.database, routing: mode === "READ" ? neo4j.routing.READ : neo4j.routing.WRITE, transactionConfig: txConfig(operation, timeoutMs, db),
    });
    return records;
  } catch (err) {
    throw db.signal?.aborted ? cancelled(operation) : databaseError(err, operation);
  } finally {
    leave();
  }
}

/** Runs one read statement (routed to a reader) and returns its records. */
export const read = (db: Db, operation: string, cypher: string, params: Params = {}, timeoutMs = READ_TIMEOUT_MS) =>
  run(db, "READ", operation, cypher, params, timeoutMs);

/** Runs one write statement in its own transaction. */
export const write = (db: Db, operation: string, cypher: string, params: Params = {}, timeoutMs = WRITE_TIMEOUT_MS) =>
  run(db, "WRITE", operation, cypher, params, timeoutMs);

/** A transaction's `run`, logged and listened to like every other statement. */
export interface Tx { run(operation: string, cypher: string, params?: Params): Promise<Neo4jRecord[]> }

const wrapTx = (tx: ManagedTransaction, mode: Statement["mode"], db: Db): Tx => ({
  run: async (operation, cypher, params = {}) => {
    if (db.signal?.aborted) throw cancelled(operation);
    const p = typed(params);
    sent({ operation, cypher, params: p, mode });
    try {
      return (await tx.run(cypher, p)).records;
    } catch (err) {
      // Neo4j calls running out of transaction memory transient, so the driver would run the
      // whole transaction again (a bulk import twice) before failing: it will not fit the
      // second time either, so it fails now, as a coded error the driver does not retry.
      if (err instanceof Neo4jError && /MemoryPoolOutOfMemoryError|OutOfMemory/.test(err.code)) throw databaseError(err, operation);
      throw err;
    }
  },
});

/** Several statements in one write transaction: all of them, or none. */
export async function inWriteTransaction<T>(db: Db, operation: string, work: (tx: Tx) => Promise<T>, timeoutMs = WRITE_TIMEOUT_MS): Promise<T> {
  const leave = await enter(db, operation);
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite((tx) => work(wrapTx(tx, "WRITE", db)), txConfig(operation, timeoutMs, db));
  } catch (err) {
    throw db.signal?.aborted ? cancelled(operation) : databaseError(err, operation);
  } finally {
    await session.close();
    leave();
  }
}

/** A read session for streaming large results (exports), with the same timeout and metadata. */
export function readSession(db: Db, fetchSize = 1000): Session {
  return db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ, fetchSize });
}
export const streamConfig = (operation: string, timeoutMs = READ_TIMEOUT_MS, db?: Db) => txConfig(operation, timeoutMs, db);
export const announce = (operation: string, cypher: string, params: Params) => sent({ operation, cypher, params, mode: "READ" });

/**
 * What @neo4j/graphql executes against: a driver-like object whose sessions pass every
 * generated statement through this gateway (logged, listened to, named by the operation).
 * The timeout and metadata come from the request context's `transaction`.
 */
export function libraryExecutionContext(db: Db, operation: string) {
  return {
    session: (config: SessionConfig) => {
      const session = db.driver.session({ ...config, database: db.database ?? config.database });
      const mode = config.defaultAccessMode === neo4j.session.READ ? "READ" : "WRITE";
      const wrap = (tx: ManagedTransaction) =>
        new Proxy(tx, {
          get(target, prop, receiver) {
            if (prop !== "run") return Reflect.get(target, prop, receiver);
            return (cypher: string, params: Params = {}) => {
              if (db.signal?.aborted) throw cancelled(operation);
              sent({ operation, cypher, params, mode });
              return target.run(cypher, params);
            };
          },
        });
      return new Proxy(session, {
        get(target, prop, receiver) {
          if (prop === "executeRead" || prop === "executeWrite") {
            return async <T>(fn: (tx: ManagedTransaction) => Promise<T>, cfg?: object) => {
              const leave = await enter(db, operation);
              try {
                return await (target[prop] as Session["executeRead"])((tx) => fn(wrap(tx)), cfg);
              } catch (err) {
                throw db.signal?.aborted ? cancelled(operation) : databaseError(err, operation);
              } finally {
                leave();
              }
            };
          }
          const v = Reflect.get(target, prop, receiver);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    },
  };
}

/** The request context's `transaction` for @neo4j/graphql: its timeout, and metadata naming the operation and the request. */
export const libraryTransaction = (operation: string, db?: Db) => txConfig(operation, READ_TIMEOUT_MS, db);

const REQUEST_TRANSACTIONS = "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.requestId = $requestId RETURN transactionId";
const TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids";

/**
 * Terminates the transactions that a request's statements have running in Neo4j (its client
 * went away); returns how many there were. Administration commands, not questions: not
 * announced to listeners (they cannot be EXPLAINed), and outside any lane.
 */
export async function terminateRequest(db: Db, requestId: string): Promise<number> {
  const config = { database: db.database, transactionConfig: txConfig("cancel", 5_000) };
  logger.debug({ requestId }, "terminating a request's transactions");
  const { records } = await db.driver.executeQuery(REQUEST_TRANSACTIONS, { requestId }, config);
  const ids = records.map((r) => r.get("transactionId") as string);
  if (ids.length > 0) await db.driver.executeQuery(TERMINATE_TRANSACTIONS, { ids }, config);
  return ids.length;
}
