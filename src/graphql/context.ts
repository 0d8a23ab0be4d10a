// What every resolver receives: the database (through the gateway), who sent the request
// (asked lazily: reading needs no credentials), what @neo4j/graphql executes against (the same gateway, so its generated Cypher is logged and named too), the
// transaction settings it applies (timeout, metadata), and this request's DataLoaders.
import type { Identity } from "../auth/index.js";
import { libraryExecutionContext, libraryTransaction, type Db } from "../db/gateway.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** Who sent the request: null when anonymous (reading needs nobody); throws UNAUTHENTICATED for a bad token. Asked only by what needs it (a write, the audit log). */
export type Identify = () => Promise<Identity | null>;

export interface Context {
  db: Db;
  identity: Identify;
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
export function createContext(db: Db, operation = "anonymous", identify: Identify = async () => null): Context {
  const name = `graphql:${operation}`;
  let identity: Promise<Identity | null> | undefined;
  return {
    db,
    identity: () => (identity ??= identify()),
    executionContext: libraryExecutionContext(db, name),
    sessionConfig: db.database ? { database: db.database } : undefined,
    transaction: libraryTransaction(name, db),
    loaders: createLoaders(db),
  };
}

/** The Date scalar hands resolvers a neo4j Date or a string; both print as YYYY-MM-DD. */
export const isoDate = (v: unknown): string | null => (v == null ? null : String(v));
