// The filter bounds of src/graphql/filters.ts, on the schema alone (no database): the short
// filters of issue 9 that ran for minutes are refused, naming the bound, whether written in
// the request or passed as variables; every named operation passes with room to spare.
import { parse, type DocumentNode, type OperationDefinitionNode } from "graphql";

import { FILTER_LIMITS, filterProblems, filterSize } from "../../src/graphql/filters.js";
import { namedOperations } from "../../src/graphql/operations.js";
import { buildSchema } from "../../src/graphql/schema.js";

const { schema } = await buildSchema();

const problemsOf = (query: string, variables?: Record<string, unknown>) => {
  const doc: DocumentNode = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  return filterProblems(schema, doc, operation, variables).map((p) => p.message);
};

/** `{ leads: { single: { ledBy: { single: … } } } }`, `depth` relationship filters deep. */
const nested = (depth: number, quantifier: string) => {
  let where = '{ id: { eq: "bo-cong-an" } }';
  for (let i = depth; i > 0; i--) where = i % 2 === 1 ? `{ leads: { ${quantifier}: ${where} } }` : `{ ledBy: { ${quantifier}: ${where} } }`;
  return where;
};

test("relationship filters nested beyond the bound are refused, naming it", () => {
  expect(problemsOf(`{ agencies(where: ${nested(6, "single")}, limit: 10) { id } }`)).toEqual([
    `Query.agencies(where): the filter nests 6 relationship filters, over the maximum of ${FILTER_LIMITS.maxHops}; filter in steps, or ask a named analysis`,
  ]);
  expect(problemsOf(`{ agencies(where: ${nested(8, "some")}, limit: 10) { id } }`)[0]).toMatch(/nests 8 relationship filters/);
  expect(problemsOf(`{ agencies(where: ${nested(3, "single")}, limit: 10) { id } }`)[0]).toMatch(/nests 3 relationship filters/);
  // connection filters and aggregates are hops too
  expect(problemsOf('{ agencies(where: { leadsConnection: { some: { node: { ledByConnection: { some: { node: { leadsAggregate: { count: { gt: 1 } } } } } } } } }, limit: 1) { id } }')[0])
    .toMatch(/nests 3 relationship filters/);
  expect(problemsOf(`{ agencies(where: ${nested(2, "single")}, limit: 10) { id } }`)).toEqual([]);
});

test("a filter passed as a variable is measured too", () => {
  const query = "query($w: AgencyWhere) { agencies(where: $w, limit: 10) { id } }";
  const or = { OR: Array.from({ length: 1_500 }, (_, i) => ({ id: { eq: `a${i}` } })) };
  expect(problemsOf(query, { w: or })).toEqual([
    `Query.agencies(where): the filter has 1500 AND/OR/NOT operands, over the maximum of ${FILTER_LIMITS.maxBranches}; use \`in\` for many values`,
  ]);
  const many = { id: { in: Array.from({ length: 1_500 }, (_, i) => `a${i}`) } };
  expect(problemsOf(query, { w: many })[0]).toMatch(/has 1500 values, over the maximum of 1000/);
  expect(problemsOf(query, { w: { id: { in: ["a", "b"] } } })).toEqual([]);
  // far over: refused on the raw variables (its own message), before coercing them costs time
  const huge = { OR: Array.from({ length: 200_000 }, (_, i) => ({ id: { eq: `a${i}` } })) };
  expect(problemsOf(query, { w: huge })).toEqual([`The variables hold more than ${FILTER_LIMITS.maxVariableValues} values, over the maximum; split the request`]);
});

test("nested fields' own filters are measured, inside fragments as well", () => {
  const query = `query { agencies(limit: 1) { ...F } } fragment F on Agency { leads(where: { ledBy: { some: { leads: { some: { ledBy: { some: { id: { eq: "x" } } } } } } } }, limit: 1) { id } }`;
  expect(problemsOf(query)[0]).toMatch(/^Agency\.leads\(where\): the filter nests 3/);
});

test("the size of a filter counts what it says", () => {
  const where = schema.getQueryType()!.getFields().agencies!.args.find((a) => a.name === "where")!.type;
  expect(filterSize({ OR: [{ id: { eq: "a" } }, { NOT: { nameVi: { contains: "Bộ" } } }] }, where)).toEqual({ hops: 0, branches: 3, values: 2 });
  expect(filterSize({ leadsConnection: { some: { node: { id: { in: ["x", "y", "z"] } } } } }, where)).toEqual({ hops: 1, branches: 0, values: 3 });
});

test("every named operation, with its default variables, is well under each filter bound", () => {
  for (const op of namedOperations()) {
    const doc = parse(op.text);
    for (const def of doc.definitions) {
      if (def.kind !== "OperationDefinition") continue;
      expect(filterProblems(schema, doc, def, {}, { maxHops: 1, maxBranches: FILTER_LIMITS.maxBranches / 2, maxValues: FILTER_LIMITS.maxValues / 2, maxVariableValues: FILTER_LIMITS.maxVariableValues / 2 })).toEqual([]);
    }
  }
});
