// search: any node by its names, titles, outputs and quotes, folded, with abbreviations.
import { search } from "../../search/index.js";
import type { Resolvers } from "../generated/types.js";

export const searchResolvers: Resolvers = {
  Query: {
    search: (_parent, args, ctx) =>
      search(ctx.db, { text: args.text, types: args.types, limit: args.limit }),
  },
};
