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
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  isObjectType,
  parse,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

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

/** The Apollo plugin: refuses an operation with a paging problem before it runs. */
export function limitsPlugin<T extends BaseContext>(schema: GraphQLSchema, typeDefs = readTypeDefs()): ApolloServerPlugin<T> {
  const limits = fieldLimits(schema, readMaxima(typeDefs));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const problems = pagingProblems(schema, limits, document, operation, request.variables);
          if (problems.length === 0) return;
          throw new GraphQLError(problems.map((p) => p.message).join("; "), {
            nodes: problems.map((p) => p.node),
            extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
          });
        },
      };
    },
  };
}
