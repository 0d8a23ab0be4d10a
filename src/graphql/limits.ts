// Limits that never lie. @neo4j/graphql bounds every generated list by its type's @limit, but
// quietly: without `limit`/`first` it cuts at a default, a larger one it clamps to the maximum,
// `limit: 0` it reads as no limit at all, a negative one fails inside Cypher, and a connection
// cut by its default says hasNextPage: false. So every operation is checked here once its
// variables are known, before it runs:
// - a generated list takes a `limit` from 1 to its type's @limit max (a union: its members'
//   smallest), paged by `offset` (0 or more);
// - a generated connection that returns edges or pageInfo takes a `first` in the same range,
//   paged by `after` (a cursor this API gave); given `first`, its totalCount and
//   pageInfo.hasNextPage are exact. One that returns only totalCount or aggregate needs none:
//   it has nothing to cut.
// Anything else is refused with BAD_USER_INPUT naming the field and its maximum.
//
// Then the size of the answer, worst case: graphql-armor's static cost does not scale with
// list sizes, so `agencies(limit: 500) { leads(limit: 1000) { ledBy(limit: 100) { id } } }`
// passes it and asks for fifty million objects. Here each object field counts the product of
// the page sizes above it and its own (`limit`, `first`, and the custom pages of
// PAGED_FIELDS), summed over the operation, aliases separately and fragments expanded; over
// MAX_RESULT_OBJECTS the operation is refused with BAD_USER_INPUT naming the bound, the path
// that asks for the most and how to narrow it.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

import { GRAPHQL_LIMITS } from "../export/index.js";
import { readTypeDefs } from "../model/index.js";

export interface FieldLimit {
  /** the argument that bounds the field: `limit` on a list, `first` on a connection */
  arg: "limit" | "first";
  max: number;
  /** the node type (or union) the maximum is read from */
  of: string;
}

/** The @limit max of every node type of the SDL; a union takes the smallest of its members'. */
export function readMaxima(typeDefs: string): Map<string, number> {
  const maxima = new Map<string, number>();
  const unions = new Map<string, string[]>();
  for (const def of parse(typeDefs).definitions) {
    if (def.kind === Kind.UNION_TYPE_DEFINITION) unions.set(def.name.value, (def.types ?? []).map((t) => t.name.value));
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const max = def.directives?.find((d) => d.name.value === "limit")?.arguments?.find((a) => a.name.value === "max")?.value;
    if (max?.kind === Kind.INT) maxima.set(def.name.value, Number(max.value));
  }
  for (const [union, members] of unions) {
    const of = members.map((m) => maxima.get(m));
    if (of.length > 0 && of.every((m) => m !== undefined)) maxima.set(union, Math.min(...(of as number[])));
  }
  return maxima;
}

/** Every generated list and connection field of the schema ("Agency.leads", "Query.tasksConnection") and its limit. */
export function fieldLimits(schema: GraphQLSchema, maxima: Map<string, number>): Map<string, FieldLimit> {
  const limits = new Map<string, FieldLimit>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const has = (arg: string) => field.args.some((a) => a.name === arg);
      const named = getNamedType(field.type);
      const listOf = isListType(getNullableType(field.type)) ? maxima.get(named.name) : undefined;
      if (listOf !== undefined && has("limit")) {
        limits.set(`${type.name}.${field.name}`, { arg: "limit", max: listOf, of: named.name });
        continue;
      }
      const edges = isObjectType(named) ? named.getFields().edges : undefined;
      const edge = edges ? getNamedType(edges.type) : undefined;
      const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
      const nodeType = node ? getNamedType(node.type).name : undefined;
      const max = nodeType ? maxima.get(nodeType) : undefined;
      if (nodeType && max !== undefined && has("first")) limits.set(`${type.name}.${field.name}`, { arg: "first", max, of: nodeType });
    }
  }
  return limits;
}

export interface Problem {
  message: string;
  node: FieldNode;
}

const CURSOR = /^arrayconnection:\d+$/;
/** The library's cursors are base64 of "arrayconnection:<offset>" (graphql-relay's). */
const isCursor = (s: string) => {
  const text = Buffer.from(s, "base64").toString("utf8");
  return CURSOR.test(text) && Buffer.from(text, "utf8").toString("base64") === s;
};

/** Whether a selection asks, directly or through fragments, for any of these fields. */
function selects(set: SelectionSetNode | undefined, names: string[], fragments: Map<string, FragmentDefinitionNode>): boolean {
  return (set?.selections ?? []).some((s) =>
    s.kind === Kind.FIELD ? names.includes(s.name.value)
    : s.kind === Kind.INLINE_FRAGMENT ? selects(s.selectionSet, names, fragments)
    : selects(fragments.get(s.name.value)?.selectionSet, names, fragments));
}

/** The fragments an operation uses, transitively. */
function usedFragments(operation: OperationDefinitionNode, all: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const f = all.get(spread.name.value);
        if (f && !used.has(f.name.value)) { used.set(f.name.value, f); walk(f); }
      },
    });
  walk(operation);
  return [...used.values()];
}

/**
 * What is wrong with the paging arguments of one operation, given its variables: one sentence per
 * field. Variables that do not coerce are left to execution, which reports them.
 */
export function pagingProblems(
  schema: GraphQLSchema,
  limits: Map<string, FieldLimit>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): Problem[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return [];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const problems: Problem[] = [];
  for (const def of [operation, ...usedFragments(operation, fragments)]) {
    const typeInfo = new TypeInfo(schema);
    visit(def, visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const coordinate = `${parent?.name}.${field?.name}`;
        const limit = limits.get(coordinate);
        if (!field || !limit) return;
        const args = getArgumentValues(field, node, coerced.coerced);
        const pageBy = limit.arg === "limit" ? "offset" : "after";
        const say = (message: string) => problems.push({ message: `${coordinate}${message}`, node });
        const n = args[limit.arg] as number | null | undefined;
        if (n == null) {
          if (limit.arg === "limit" || selects(node.selectionSet, ["edges", "pageInfo"], fragments)) {
            say(` needs ${limit.arg}: 1 to ${limit.max} (the maximum for ${limit.of}); page with ${pageBy}`);
          }
        } else if (n > limit.max) {
          say(`: ${limit.arg} ${n} is over the maximum of ${limit.max} for ${limit.of}; page with ${pageBy}`);
        } else if (n < 1) {
          say(`: ${limit.arg} ${n} is not 1 to ${limit.max} (the maximum for ${limit.of})`);
        }
        const offset = args.offset as number | null | undefined;
        if (offset != null && offset < 0) say(`: offset ${offset} is negative`);
        const after = args.after as string | null | undefined;
        if (after != null && !isCursor(after)) say(`: after ${JSON.stringify(after)} is not a cursor this API gave`);
      },
    }));
  }
  return problems;
}

/** The most objects (not scalars) one operation may ask for, worst case: every list full. */
export const MAX_RESULT_OBJECTS = 100_000;

type Args = Record<string, unknown>;

/** A page that a custom field's answer holds, and how many items it can hold given the field's arguments. */
export interface PagedField {
  /** the field of the answer that holds the page; "." for the field's own list */
  in: string;
  /** the argument that sizes it, as the refusal names it */
  arg: string;
  size(args: Args, field: GraphQLField<unknown, unknown>): number;
}

/** An argument's value, or its default when left out or null (the resolvers fall back to the same). */
const byArg = (into: string, name: string): PagedField => ({
  in: into,
  arg: name,
  size: (args, field) => {
    const v = args[name] ?? field.args.find((a) => a.name === name)?.defaultValue;
    return typeof v === "number" ? v : 1;
  },
});
/** A subgraph holds at most its selection's maxNodes and maxRelationships, never more than GraphQL's limits. */
const bySelection = (into: "nodes" | "relationships", name: "maxNodes" | "maxRelationships"): PagedField => ({
  in: into,
  arg: `selection.${name}`,
  size: (args) => {
    const v = (args.selection as Args | undefined)?.[name];
    return Math.min(typeof v === "number" ? v : GRAPHQL_LIMITS[name], GRAPHQL_LIMITS[name]);
  },
});

/**
 * The custom fields of schema/ whose answers hold pages (resolved in src/graphql/resolvers):
 * where the page is and what sizes it. A test checks that every custom field with a `limit`
 * is here. Other lists of custom types (a task's owners, a dashboard's panels, a chain's
 * edges) are bounded by the data, not by the request, and count as one object each.
 */
export const PAGED_FIELDS: Record<string, PagedField[]> = {
  "Query.trace": [byArg("tasks", "limit")],
  "Query.blockedByOverdue": [byArg("items", "limit")],
  "Query.deadlines": [byArg("items", "limit")],
  "Query.warnings": [byArg("items", "limit")],
  "Query.agencyWorkload": [byArg("nextDeadlines", "upcoming")],
  "AgencyWorkload.overdue": [byArg("items", "limit")],
  "AgencyWorkload.tasks": [byArg("items", "limit")],
  "Query.connections": [byArg(".", "limit")],
  "Query.search": [byArg(".", "limit")],
  "Query.changes": [byArg("items", "limit")],
  "Query.auditLog": [byArg("items", "limit")],
  "Query.subgraph": [bySelection("nodes", "maxNodes"), bySelection("relationships", "maxRelationships")],
};

export interface ResultSize {
  /** how many objects the answer can hold, every list full */
  objects: number;
  /** the field that can hold the most, by its path from the root: where narrowing helps most */
  worst: { path: string; objects: number };
}

/**
 * The worst-case size of one operation's answer, given its variables (undefined when they do
 * not coerce: execution reports that). Paging problems are pagingProblems' to report; a list
 * without its limit counts at its maximum here. @skip and @include are not evaluated: worst case.
 */
export function resultSize(
  schema: GraphQLSchema,
  limits: Map<string, FieldLimit>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): ResultSize | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const size: ResultSize = { objects: 0, worst: { path: "", objects: 0 } };
  const typeNamed = (name: string, fallback: GraphQLCompositeType) => (schema.getType(name) as GraphQLCompositeType | undefined) ?? fallback;
  // `times`: how many of `type` the answer can hold here; `pages`: the page sizes the parent field gave its own fields.
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, times: number, path: string[], pages: Record<string, number>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet, s.typeCondition ? typeNamed(s.typeCondition.name.value, type) : type, times, path, pages);
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet, typeNamed(f.typeCondition.name.value, type), times, path, pages);
        continue;
      }
      // scalars and enums are not objects; introspection is bounded by the schema
      if (!s.selectionSet || s.name.value.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
      const field = type.getFields()[s.name.value];
      if (!field) continue;
      const args = getArgumentValues(field, s, coerced.coerced);
      const coordinate = `${type.name}.${field.name}`;
      const limit = limits.get(coordinate);
      let n = pages[field.name] ?? 1;
      const shown: string[] = [];
      let inner: Record<string, number> = {};
      if (limit?.arg === "limit") {
        const k = (args.limit as number | null | undefined) ?? limit.max;
        n *= k;
        shown.push(`limit: ${k}`);
      } else if (limit?.arg === "first") {
        const k = (args.first as number | null | undefined) ?? limit.max;
        inner = { edges: k };
        shown.push(`first: ${k}`);
      }
      for (const page of PAGED_FIELDS[coordinate] ?? []) {
        const k = page.size(args, field);
        if (page.in === ".") n *= k;
        else inner[page.in] = k;
        shown.push(`${page.arg}: ${k}`);
      }
      const here = times * n;
      const step = `${s.alias ? `${s.alias.value}: ` : ""}${field.name}${shown.length ? `(${shown.join(", ")})` : ""}`;
      size.objects += here;
      if (here > size.worst.objects) size.worst = { path: [...path, step].join(" › "), objects: here };
      walk(s.selectionSet, getNamedType(field.type) as GraphQLCompositeType, here, [...path, step], inner);
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root, 1, [], {});
  return size;
}

const count = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "unboundedly many");

/** The refusal of an answer over the bound, naming the bound, the worst path and how to narrow it; undefined when within it. */
export function sizeProblem(size: ResultSize | undefined, maxObjects = MAX_RESULT_OBJECTS): string | undefined {
  if (!size || size.objects <= maxObjects) return undefined;
  return `This operation could return ${count(size.objects)} objects, over the bound of ${count(maxObjects)} objects per request. ` +
    `The most come from ${size.worst.path} (up to ${count(size.worst.objects)}). ` +
    "Narrow it: smaller limits (or first) on the outer lists, paging with offset (or after), fewer aliases, or several requests.";
}

/** Says the rule on each bounded argument, where the explorer and codegen show it. */
export function describeLimits(schema: GraphQLSchema, limits: Map<string, FieldLimit>): void {
  for (const [coordinate, limit] of limits) {
    const [typeName, fieldName] = coordinate.split(".") as [string, string];
    const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
    const arg = field.args.find((a) => a.name === limit.arg)!;
    // Arguments are plain objects of the schema just built; describing them changes no behaviour.
    arg.description = limit.arg === "limit"
      ? `Required: how many to return, 1 to ${limit.max} (the maximum for ${limit.of}); page with offset.`
      : `Required when edges or pageInfo are asked for: how many edges, 1 to ${limit.max} (the maximum for ${limit.of}); page with after. totalCount and pageInfo.hasNextPage say whether there are more.`;
  }
}

/** The Apollo plugin: refuses an operation with a paging problem, or an answer over MAX_RESULT_OBJECTS, before it runs. */
export function limitsPlugin<T extends BaseContext>(schema: GraphQLSchema, typeDefs = readTypeDefs()): ApolloServerPlugin<T> {
  const limits = fieldLimits(schema, readMaxima(typeDefs));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const problems = pagingProblems(schema, limits, document, operation, request.variables);
          if (problems.length > 0) {
            throw new GraphQLError(problems.map((p) => p.message).join("; "), {
              nodes: problems.map((p) => p.node),
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
          const size = resultSize(schema, limits, document, operation, request.variables);
          const tooLarge = sizeProblem(size);
          if (tooLarge) {
            throw new GraphQLError(tooLarge, {
              nodes: [operation],
              extensions: { code: "BAD_USER_INPUT", maxObjects: MAX_RESULT_OBJECTS, objects: size!.objects, path: size!.worst.path, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
