// subgraph: a selection's nodes and relationships as structured JSON.
import { JSONResolver } from "graphql-scalars";

import { subgraph } from "../../export/index.js";
import { buildModel } from "../../model/index.js";
import { isoDate } from "../context.js";
import type { Resolvers } from "../generated/types.js";

const model = buildModel();

export const exportResolvers: Resolvers = {
  JSON: JSONResolver,
  Query: {
    subgraph: (_p, { selection }, ctx) =>
      subgraph(ctx.db, model, { ...selection, asOf: isoDate(selection.asOf) ?? undefined }),
  },
};
