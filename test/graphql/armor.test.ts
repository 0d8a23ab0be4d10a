// The request bounds of src/graphql/armor.ts, checked on the schema alone (no database): a
// query within the token and depth bounds can still be refused for its static cost.
import { parse, validate } from "graphql";

import { REQUEST_LIMITS, requestRules } from "../../src/graphql/armor.js";
import { buildSchema } from "../../src/graphql/schema.js";

test("a deep, wide query under the token bound is refused for its cost, naming the bound", async () => {
  const { schema } = await buildSchema();
  let task = `id ${"deadline status ".repeat(1200)}`; // ~2,400 scalar fields of a Task
  for (let i = 0; i < 4; i++) task = `id ledBy(limit: 1) { id leads(limit: 1) { ${task} } }`;
  const query = `{ agencies(limit: 1) { leads(limit: 1) { ${task} } } }`; // depth 11, under 5,000 tokens
  const doc = parse(query, { maxTokens: REQUEST_LIMITS.maxTokens });
  const errors = validate(schema, doc, requestRules(12));
  expect(errors.map((e) => e.message).join(" ")).toMatch(new RegExp(`Query Cost limit of ${REQUEST_LIMITS.maxCost} exceeded`));
});

test("the same shape, narrow, passes", async () => {
  const { schema } = await buildSchema();
  const doc = parse("{ agencies(limit: 1) { leads(limit: 1) { ledBy(limit: 1) { id nameVi } } } }");
  expect(validate(schema, doc, requestRules(12))).toEqual([]);
});
