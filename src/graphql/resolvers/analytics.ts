// Analyses: workloads, dependencies, critical path, deadlines, connections, dashboards. Lists
// inside an answer (a workload's tasks, a dashboard's panels) are resolved only when asked for.
import * as analytics from "../../analytics/index.js";
import { isoDate } from "../context.js";
import type { Resolvers } from "../generated/types.js";

const panel = (name: analytics.Panel) => (d: analytics.DashboardScope) => analytics.dashboardPanel(d, name);

export const analyticsResolvers: Resolvers = {
  Query: {
    agencyWorkload: (_p, a, ctx) => analytics.agencyWorkload(ctx.db, { id: a.id, asOf: isoDate(a.asOf), upcoming: a.upcoming }),
    dependencies: (_p, a, ctx) => analytics.dependencies(ctx.db, { id: a.id, direction: a.direction, depth: a.depth, asOf: isoDate(a.asOf) }),
    criticalPath: (_p, a, ctx) => analytics.criticalPath(ctx.db, { id: a.id, asOf: isoDate(a.asOf) }),
    blockedByOverdue: (_p, a, ctx) => analytics.blockedByOverdue(ctx.db, { id: a.id, asOf: isoDate(a.asOf), offset: a.offset, limit: a.limit }),
    deadlines: (_p, a, ctx) =>
      analytics.deadlines(ctx.db, {
        from: isoDate(a.from)!, to: isoDate(a.to)!, agencyId: a.agencyId, documentId: a.documentId, status: a.status, asOf: isoDate(a.asOf), offset: a.offset, limit: a.limit,
      }),
    connections: (_p, a, ctx) => analytics.connections(ctx.db, { from: a.from, to: a.to, maxHops: a.maxHops, limit: a.limit }),
    dashboard: (_p, a, ctx) => analytics.dashboard(ctx.db, { asOf: isoDate(a.asOf), documentId: a.documentId, agencyId: a.agencyId }),
  },
  AgencyWorkload: {
    overdue: (w, a, ctx) => analytics.workloadTasks(ctx.db, { id: w.id, asOf: w.asOf, which: "OVERDUE", offset: a.offset, limit: a.limit }) as never,
    tasks: (w, a, ctx) => analytics.workloadTasks(ctx.db, { id: w.id, asOf: w.asOf, which: "ALL", offset: a.offset, limit: a.limit }) as never,
  },
  Dashboard: {
    totalTasks: panel("total") as never,
    byStatus: panel("byStatus") as never,
    byStatusAndAgency: panel("byAgency") as never,
    byDeadlineMonth: panel("byDeadlineMonth") as never,
    bySection: panel("bySection") as never,
    byTechnologyGroup: panel("byTechnologyGroup") as never,
    completionByDocument: panel("completionByDocument") as never,
    completionByAgency: panel("completionByAgency") as never,
    targetsByHorizon: panel("targetsByHorizon") as never,
  },
};
