// What every resolver receives: the driver (also @neo4j/graphql's executionContext), the
// database, and this request's DataLoaders.
import type { Driver } from "neo4j-driver";

import type { Loaders } from "./loaders.js";

export interface Context {
  executionContext: Driver;
  sessionConfig?: { database?: string };
  loaders: Loaders;
}

/** The Date scalar hands resolvers a neo4j Date or a string; both print as YYYY-MM-DD. */
export const isoDate = (v: unknown): string | null => (v == null ? null : String(v));
