// Custom resolvers: the questions the generated API cannot answer. Each delegates to its
// capability folder (src/trace, …); per-parent fields go through the request's DataLoaders.
import type { Driver } from "neo4j-driver";

import { trace } from "../trace/index.js";
import type { Resolvers } from "./generated/types.js";
import type { Loaders } from "./loaders.js";

export interface Context {
  executionContext: Driver;
  sessionConfig?: { database?: string };
  loaders: Loaders;
}

/** The Date scalar hands resolvers a neo4j Date or a string; both print as YYYY-MM-DD. */
const isoDate = (v: unknown): string | null => (v == null ? null : String(v));

export const resolvers: Resolvers = {
  Query: {
    trace: (_parent, args, ctx) =>
      trace(ctx.executionContext, ctx.sessionConfig?.database, { id: args.id, asOf: isoDate(args.asOf), limit: args.limit, offset: args.offset }),
  },
  TracedTask: {
    sources: (task, _args, ctx) => ctx.loaders.citations.load(task.id),
  },
};
