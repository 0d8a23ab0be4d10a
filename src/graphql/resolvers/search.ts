// search: any node by its names, titles, outputs and quotes, folded, with abbreviations.
import { search } from "../../search/index.js";
import type { Resolvers } from "../generated/types.js";

/** The graph view of a node and its neighbours (the page /graph reads GET /export's parameters). */
export const graphUrl = (id: string): string => `/graph?seeds=${encodeURIComponent(id)}&depth=1`;

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_parent, args, ctx) =>
      (await search(ctx.db, { text: args.text, types: args.types, limit: args.limit })).map((hit) => ({ ...hit, graphUrl: graphUrl(hit.id) })),
  },
};
