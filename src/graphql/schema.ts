// Assembles the executable schema: the SDL of schema/ through @neo4j/graphql (generated,
// read-only API with @limit on every type) plus the custom resolvers. The paging rule of the
// generated lists and connections is enforced, and described in the schema, by ./limits.ts.
import { Neo4jGraphQL } from "@neo4j/graphql";
import type { GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";

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
  return { neoSchema, schema };
}
