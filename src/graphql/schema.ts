// Assembles the executable schema: the SDL of schema/ through @neo4j/graphql (generated,
// read-only API with @limit on every type) plus the custom resolvers.
import { Neo4jGraphQL } from "@neo4j/graphql";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";

import { readTypeDefs } from "../model/index.js";
import { resolvers } from "./resolvers/index.js";

export interface BuiltSchema {
  neoSchema: Neo4jGraphQL;
  schema: GraphQLSchema;
}

export async function buildSchema(driver?: Driver): Promise<BuiltSchema> {
  const neoSchema = new Neo4jGraphQL({
    typeDefs: readTypeDefs(),
    resolvers,
    driver,
    features: {
      // Lists are bounded by @limit on every type (a default and a maximum), so analysts
      // need not pass a limit to every field; limitRequired would force them to.
      excludeDeprecatedFields: { mutationOperations: true, aggregationFilters: true, relationshipFilters: true, attributeFilters: true },
    },
  });
  return { neoSchema, schema: await neoSchema.getSchema() };
}
