// Custom resolvers: the questions the generated API cannot answer, one file per capability,
// merged here. Each delegates to its capability folder (src/trace, src/search, …); fields
// resolved per parent go through the request's DataLoaders.
import type { Resolvers } from "../generated/types.js";
import { analyticsResolvers } from "./analytics.js";
import { exportResolvers } from "./export.js";
import { reportsResolvers } from "./reports.js";
import { searchResolvers } from "./search.js";
import { traceResolvers } from "./trace.js";
import { warningsResolvers } from "./warnings.js";

function merge(...parts: Resolvers[]): Resolvers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) out[type] = { ...out[type], ...(fields as Record<string, unknown>) };
  }
  return out as Resolvers;
}

export const resolvers: Resolvers = merge(traceResolvers, analyticsResolvers, exportResolvers, searchResolvers, reportsResolvers, warningsResolvers);
