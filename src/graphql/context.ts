// What every resolver receives: the database (through the gateway), what @neo4j/graphql
// executes against (the same gateway, so its generated Cypher is logged and named too), the
// transaction settings it applies (timeout, metadata), and this request's DataLoaders.
import { libraryExecutionContext, libraryTransaction, type Db } from "../db/gateway.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface Context {
  db: Db;
  executionContext: ReturnType<typeof libraryExecutionContext>;
  sessionConfig?: { database?: string };
  transaction: ReturnType<typeof libraryTransaction>;
  loaders: Loaders;
}

/**
 * A fresh context for one request; `operation` names its Cypher in logs and transaction
 * metadata. `db` may carry the HTTP request (its id, its abort signal, its lane of the pool):
 * every statement, the library's included, then serves that request.
 */
export function createContext(db: Db, operation = "anonymous"): Context {
  const name = `graphql:${operation}`;
  return {
    db,
    executionContext: libraryExecutionContext(db, name),
    sessionConfig: db.database ? { database: db.database } : undefined,
    transaction: libraryTransaction(name, db),
    loaders: createLoaders(db),
  };
}

/** The Date scalar hands resolvers a neo4j Date or a string; both print as YYYY-MM-DD. */
export const isoDate = (v: unknown): string | null => (v == null ? null : String(v));
