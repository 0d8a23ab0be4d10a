// Assembles the executable schema: the SDL of schema/ through @neo4j/graphql (generated,
// read-only API with @limit on every type) plus the custom resolvers. The paging rule of the
// generated lists and connections is enforced, and described in the schema, by ./limits.ts.
import { Neo4jGraphQL } from "@neo4j/graphql";
import { GraphQLError, GraphQLScalarType, Kind, type GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";

import { IsoDate } from "../args/index.js";
import { readTypeDefs } from "../model/index.js";
import { describeLimits, fieldLimits, readMaxima } from "./limits.js";
import { resolvers } from "./resolvers/index.js";

export interface BuiltSchema {
  neoSchema: Neo4jGraphQL;
  schema: GraphQLSchema;
}

export async function buildSchema(driver?: Driver): Promise<BuiltSchema> {
  const typeDefs = readTypeDefs();
  const neoSchema = new Neo4jGraphQL({
    typeDefs,
    resolvers,
    driver,
    features: {
      // Not limitRequired: it would demand `first` of a connection asked only for its count.
      // ./limits.ts requires limit/first where a page is returned, with a message that names the maximum.
      excludeDeprecatedFields: { mutationOperations: true, aggregationFilters: true, relationshipFilters: true, attributeFilters: true },
    },
  });
  const schema = await neoSchema.getSchema();
  describeLimits(schema, fieldLimits(schema, readMaxima(typeDefs)));
  strictDates(schema);
  return { neoSchema, schema };
}

/**
 * The library's Date scalar rolls 2025-02-30 over to 2025-03-02 and takes 2025-3-1; every date
 * argument and filter of the API goes through it, so this is the one place where only dates
 * that exist, written YYYY-MM-DD, get through (the rule of src/args). The scalar is an object
 * of the schema just built; wrapping its parsers changes nothing else.
 */
function strictDates(schema: GraphQLSchema): void {
  const date = schema.getType("Date");
  if (!(date instanceof GraphQLScalarType)) return;
  const check = (v: unknown) => {
    if (typeof v === "string" && !IsoDate.safeParse(v).success) throw new GraphQLError(`"${v.slice(0, 40)}" is not a date that exists, YYYY-MM-DD`);
  };
  const { parseValue, parseLiteral } = date;
  date.parseValue = (value) => { check(value); return parseValue.call(date, value); };
  date.parseLiteral = (ast, variables) => { if (ast.kind === Kind.STRING) check(ast.value); return parseLiteral.call(date, ast, variables); };
}
