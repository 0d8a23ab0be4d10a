// Analyses: workloads, dependencies, critical path, deadlines, connections, dashboards.
import * as analytics from "../../analytics/index.js";
import { isoDate, type Context } from "../context.js";
import type { Resolvers } from "../generated/types.js";

const db = (ctx: Context) => ({ driver: ctx.executionContext, database: ctx.sessionConfig?.database });

export const analyticsResolvers: Resolvers = {
  Query: {
    agencyWorkload: (_p, a, ctx) => analytics.agencyWorkload(db(ctx), { id: a.id, asOf: isoDate(a.asOf), upcoming: a.upcoming }),
    dependencies: (_p, a, ctx) => analytics.dependencies(db(ctx), { id: a.id, direction: a.direction, depth: a.depth, asOf: isoDate(a.asOf) }),
    criticalPath: (_p, a, ctx) => analytics.criticalPath(db(ctx), { id: a.id, asOf: isoDate(a.asOf) }),
    blockedByOverdue: (_p, a, ctx) => analytics.blockedByOverdue(db(ctx), { id: a.id, asOf: isoDate(a.asOf), limit: a.limit }),
    deadlines: (_p, a, ctx) =>
      analytics.deadlines(db(ctx), { from: isoDate(a.from)!, to: isoDate(a.to)!, agencyId: a.agencyId, documentId: a.documentId, status: a.status, asOf: isoDate(a.asOf), limit: a.limit }),
    connections: (_p, a, ctx) => analytics.connections(db(ctx), { from: a.from, to: a.to, maxHops: a.maxHops, limit: a.limit }),
    dashboard: (_p, a, ctx) => analytics.dashboard(db(ctx), { asOf: isoDate(a.asOf), documentId: a.documentId }),
  },
};
