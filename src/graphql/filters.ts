// Filters bounded before they run. A `where` of the generated API is an input value, so the
// depth, alias and cost rules never see it, and one given as a variable is not even in the
// request text the token bound counts. Yet a short one can run for minutes: each relationship
// filter (`leads: { single: … }`, `leadsConnection: { some: … }`, an aggregate) is a traversal
// inside the one before, so six of them nested multiply six fan-outs; and a `where` with
// thousands of OR branches or `in` values is as many predicates. So, once variables are known,
// every `where` is measured on its coerced value: relationship hops nested, boolean branches,
// values. Over a bound, the operation is refused with BAD_USER_INPUT naming the bound.
// Wired in src/server/app.ts beside ./limits.ts.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

export const FILTER_LIMITS = {
  /** relationship filters nested inside one another (the named operations use at most 1) */
  maxHops: 2,
  /** AND, OR and NOT operands in one `where` */
  maxBranches: 50,
  /** leaf values in one `where`, each item of an `in` list counting once */
  maxValues: 1_000,
  /** values in all variables together, counted before they are coerced (which costs time) */
  maxVariableValues: 2_000,
};

/** An input type that filters through a relationship: a traversal nested in its parent's. */
const HOP = /(RelationshipFilters|ConnectionFilters|AggregateInput)$/;

export interface FilterSize { hops: number; branches: number; values: number }

/** The size of one filter value of the given input type. Pure. */
export function filterSize(value: unknown, type: GraphQLInputType): FilterSize {
  const size: FilterSize = { hops: 0, branches: 0, values: 0 };
  const walk = (v: unknown, t: GraphQLInputType, hops: number) => {
    if (v == null) return;
    const nullable = getNullableType(t);
    if (isListType(nullable)) {
      for (const item of Array.isArray(v) ? v : [v]) walk(item, nullable.ofType as GraphQLInputType, hops);
      return;
    }
    if (!isInputObjectType(nullable)) {
      size.values += 1;
      return;
    }
    const fields = nullable.getFields();
    for (const [key, inner] of Object.entries(v as Record<string, unknown>)) {
      const field = fields[key];
      if (!field) continue;
      if (key === "AND" || key === "OR") size.branches += Array.isArray(inner) ? inner.length : 1;
      if (key === "NOT") size.branches += 1;
      const deeper = HOP.test(getNamedType(field.type).name) ? hops + 1 : hops;
      size.hops = Math.max(size.hops, deeper);
      walk(inner, field.type, deeper);
    }
  };
  walk(value, type, 0);
  return size;
}

/** How many values the raw variables hold, counting no further than `bound`. Pure. */
export function rawValueCount(value: unknown, bound: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= bound) {
    const v = stack.pop();
    if (v !== null && typeof v === "object") for (const inner of Array.isArray(v) ? v : Object.values(v)) stack.push(inner);
    else count += 1;
  }
  return count;
}

/** What is over a bound in one `where`, in words, or undefined. */
export function filterProblem(coordinate: string, size: FilterSize, limits = FILTER_LIMITS): string | undefined {
  if (size.hops > limits.maxHops) {
    return `${coordinate}: the filter nests ${size.hops} relationship filters, over the maximum of ${limits.maxHops}; filter in steps, or ask a named analysis`;
  }
  if (size.branches > limits.maxBranches) {
    return `${coordinate}: the filter has ${size.branches} AND/OR/NOT operands, over the maximum of ${limits.maxBranches}; use \`in\` for many values`;
  }
  if (size.values > limits.maxValues) {
    return `${coordinate}: the filter has ${size.values} values, over the maximum of ${limits.maxValues}; split the request`;
  }
  return undefined;
}

/** Every filter problem of one operation, given its variables. Variables that do not coerce are left to execution. */
export function filterProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  limits = FILTER_LIMITS,
): { message: string; node: OperationDefinitionNode | FieldNode }[] {
  if (rawValueCount(variables, limits.maxVariableValues) > limits.maxVariableValues) {
    return [{ message: `The variables hold more than ${limits.maxVariableValues} values, over the maximum; split the request`, node: operation }];
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return [];
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const problems: { message: string; node: FieldNode }[] = [];
  for (const def of [operation, ...fragments]) {
    const typeInfo = new TypeInfo(schema);
    visit(def, visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        const where = field?.args.find((a) => a.name === "where");
        if (!field || !where || !node.arguments?.some((a) => a.name.value === "where")) return;
        const value = getArgumentValues(field, node, coerced.coerced).where;
        const problem = filterProblem(`${typeInfo.getParentType()?.name}.${field.name}(where)`, filterSize(value, where.type), limits);
        if (problem) problems.push({ message: problem, node });
      },
    }));
  }
  return problems;
}

/** The Apollo plugin: refuses an operation with an oversized filter before it runs. */
export function filtersPlugin<T extends BaseContext>(schema: GraphQLSchema, limits = FILTER_LIMITS): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const problems = filterProblems(schema, document, operation, request.variables, limits);
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
