// reports: writing progress and figures (authenticated), the audit log (curators), the cheap
// poll for changes, and each task's status as of a date. A mutation returns the report it
// wrote (or, for a repeated idempotency key, the first one) as the generated API would: the
// selection asked for is run as `progressReports(where: {id})`, so every field of the node,
// relationships included, is there.
import {
  execute, Kind, OperationTypeNode, visit,
  type DocumentNode, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode, type SelectionNode,
} from "graphql";
import neo4j from "neo4j-driver";

import { args } from "../../args/index.js";
import type { Identity } from "../../auth/index.js";
import { AppError } from "../../errors/index.js";
import { auditLog, changes } from "../../reports/index.js";
import { parseIndicator, parseProgress } from "../../reports/rules.js";
import { writeIndicators, writeProgress } from "../../reports/write.js";
import type { Context } from "../context.js";
import { isoDate } from "../context.js";
import type { Resolvers } from "../generated/types.js";

const PAGE_MAX = 1000;

async function writer(ctx: Context): Promise<Identity> {
  const identity = await ctx.identity();
  if (!identity) {
    throw new AppError("UNAUTHENTICATED", "Writing needs a bearer token (Authorization: Bearer <JWT>); `npm run token` prints one for local use");
  }
  return identity;
}

async function curator(ctx: Context): Promise<Identity> {
  const identity = await writer(ctx);
  if (identity.role !== "CURATOR") throw new AppError("FORBIDDEN", `The audit log is for curators; this token is a reporter's (${identity.agencyId})`);
  return identity;
}

/** GraphQL input objects arrive with null for what was not given, and dates as the scalar's values: plain values for the rules. */
function plainInput(input: unknown): unknown {
  if (input === null || input === undefined) return undefined;
  if (typeof input === "object" && (neo4j.isDate(input as object) || neo4j.isDateTime(input as object))) return String(input);
  if (Array.isArray(input)) return input.map(plainInput);
  if (typeof input === "object") {
    return Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, plainInput(v)]));
  }
  return input;
}

/** The variables a selection uses, so the query that reads the written node declares only those. */
function usedVariables(selections: readonly SelectionNode[], info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (node: unknown) => visit(node as FieldNode, {
    Variable(v) { names.add(v.name.value); },
    FragmentSpread(s) {
      if (seen.has(s.name.value)) return;
      seen.add(s.name.value);
      const f = info.fragments[s.name.value];
      if (f) walk(f);
    },
  });
  for (const s of selections) walk(s);
  return names;
}

/** Reads node `id` of `listField` with the selection the mutation was asked for, through the generated API. */
async function asSelected(info: GraphQLResolveInfo, ctx: Context, listField: "progressReports" | "indicators", id: string): Promise<unknown> {
  const selections = info.fieldNodes.flatMap((f) => f.selectionSet?.selections ?? []);
  const used = usedVariables(selections, info);
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: (info.operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [{
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: "written" },
        name: { kind: Kind.NAME, value: listField },
        arguments: [
          { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "where" }, value: { kind: Kind.OBJECT, fields: [{
            kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: "id" }, value: { kind: Kind.OBJECT, fields: [{
              kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: "eq" }, value: { kind: Kind.STRING, value: id },
            }] },
          }] } },
          { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "limit" }, value: { kind: Kind.INT, value: "1" } },
        ],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      }],
    },
  };
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...Object.values(info.fragments)] };
  const variableValues = Object.fromEntries([...used].map((n) => [n, plainInput(info.variableValues[n]) ?? null]));
  const result = await execute({ schema: info.schema, document, contextValue: ctx, variableValues });
  if (result.errors?.length) throw result.errors[0];
  const [node] = (result.data?.written ?? []) as unknown[];
  if (!node) throw new AppError("NOT_FOUND", `The written ${listField === "indicators" ? "figure" : "report"} "${id}" could not be read back`);
  return node;
}

const requestIdOf = (ctx: Context) => ctx.db.requestId ?? `in-process:${Date.now().toString(36)}`;

export const reportsResolvers: Resolvers = {
  Query: {
    changes: (_p, a, ctx) => changes(ctx.db, {
      since: String(a.since), offset: args.offset(a.offset), limit: args.int("limit", a.limit, 100, 1, PAGE_MAX),
    }),
    auditLog: async (_p, a, ctx) => {
      await curator(ctx);
      return auditLog(ctx.db, {
        since: a.since == null ? null : String(a.since), agencyId: a.agencyId ?? null,
        offset: args.offset(a.offset), limit: args.int("limit", a.limit, 100, 1, PAGE_MAX),
      });
    },
  },
  Mutation: {
    reportProgress: async (_p, a, ctx, info) => {
      const identity = await writer(ctx);
      const input = parseProgress(plainInput(a.input));
      const [written] = await writeProgress({ db: ctx.db, identity, requestId: requestIdOf(ctx), action: "reportProgress" }, [{ input }]);
      return asSelected(info, ctx, "progressReports", written!.id) as never;
    },
    reportIndicator: async (_p, a, ctx, info) => {
      const identity = await writer(ctx);
      const input = parseIndicator(plainInput(a.input));
      const [written] = await writeIndicators({ db: ctx.db, identity, requestId: requestIdOf(ctx), action: "reportIndicator" }, [{ input }]);
      return asSelected(info, ctx, "indicators", written!.id) as never;
    },
  },
  Task: {
    status: (task, a, ctx) => ctx.loaders.status.load({ id: (task as { id: string }).id, asOf: args.asOf(isoDate(a.asOf)) }) as never,
  },
};
