// The Date scalar takes only dates that exist, written YYYY-MM-DD (src/graphql/schema.ts), as a
// variable and as a literal, in custom arguments and in the generated API's filters alike.
import { getVariableValues, parse, validate, type OperationDefinitionNode } from "graphql";

import { buildSchema } from "../../src/graphql/schema.js";

const { schema } = await buildSchema();

const literal = (query: string) => validate(schema, parse(query)).map((e) => e.message);
const variable = (value: string) => {
  const op = parse("query($d: Date) { trace(id: \"57-NQ/TW\", asOf: $d, limit: 1) { totalTasks } }").definitions[0] as OperationDefinitionNode;
  return (getVariableValues(schema, op.variableDefinitions ?? [], { d: value }).errors ?? []).map((e) => e.message);
};

test.each(["2025-02-30", "9999-99-99", "2025-3-1", "2025-02-29"])("%s is refused", (date) => {
  expect(literal(`{ trace(id: "57-NQ/TW", asOf: "${date}", limit: 1) { totalTasks } }`).join(" ")).toContain(`"${date}" is not a date that exists, YYYY-MM-DD`);
  expect(literal(`{ tasks(where: { deadline: { lt: "${date}" } }, limit: 1) { id } }`).join(" ")).toContain("is not a date that exists");
  expect(variable(date).join(" ")).toContain(`"${date}" is not a date that exists, YYYY-MM-DD`);
});

test.each(["2024-02-29", "2025-12-31", "2026-01-01"])("%s passes", (date) => {
  expect(literal(`{ trace(id: "57-NQ/TW", asOf: "${date}", limit: 1) { totalTasks } }`)).toEqual([]);
  expect(variable(date)).toEqual([]);
});
