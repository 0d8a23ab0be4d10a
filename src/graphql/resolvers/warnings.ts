// Warnings (Query.warnings) and a target's progress (Target.progress, a custom field of a
// generated type: the library hands it the target's id). Progress goes through a DataLoader
// per request and date, kept here beside its one user: a page of targets asked for one date
// costs one round trip.
import DataLoader from "dataloader";

import { args as parse } from "../../args/index.js";
import { targetsProgress, warnings, type TargetProgress } from "../../warnings/index.js";
import { isoDate, type Context } from "../context.js";
import type { Resolvers } from "../generated/types.js";
import type { Loaders } from "../loaders.js";

const progressLoaders = new WeakMap<Loaders, Map<string, DataLoader<string, TargetProgress>>>();

/** This request's loader of Target.progress as of `asOf`. */
function progressLoader(ctx: Context, asOf: string): DataLoader<string, TargetProgress> {
  let byDate = progressLoaders.get(ctx.loaders);
  if (!byDate) progressLoaders.set(ctx.loaders, (byDate = new Map()));
  let loader = byDate.get(asOf);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      ctx.loaders.roundTrips++;
      return targetsProgress(ctx.db, asOf, ids);
    }, { maxBatchSize: 1000 });
    byDate.set(asOf, loader);
  }
  return loader;
}

export const warningsResolvers: Resolvers = {
  Query: {
    warnings: (_p, a, ctx) =>
      warnings(ctx.db, {
        asOf: isoDate(a.asOf), agencyId: a.agencyId, documentId: a.documentId, dueWithinDays: a.dueWithinDays, silentDays: a.silentDays,
        kinds: a.kinds, offset: a.offset, limit: a.limit,
      }),
  },
  Target: {
    progress: (target, a, ctx) => progressLoader(ctx, parse.asOf(isoDate(a.asOf))).load(target.id),
  },
};
