// trace: the directive, the tasks under it, owners, deadlines, status, blockers.
import { trace } from "../../trace/index.js";
import { isoDate } from "../context.js";
import type { Resolvers } from "../generated/types.js";

export const traceResolvers: Resolvers = {
  Query: {
    trace: (_parent, args, ctx) => trace(ctx.db, { id: args.id, asOf: isoDate(args.asOf), limit: args.limit, offset: args.offset }),
  },
  TracedTask: {
    sources: (task, _args, ctx) => ctx.loaders.citations.load(task.id),
  },
};
