// Constraints and indexes: a uniqueness constraint on every node type's id (which also
// indexes it). Idempotent; run at every start.
import type { Driver } from "neo4j-driver";

import type { SchemaModel } from "../model/index.js";
import { AWAIT_INDEXES, CREATE_SEARCH_INDEX } from "../search/queries.js";

export async function ensureSchema(driver: Driver, database: string | undefined, model: SchemaModel): Promise<string[]> {
  const statements = [...model.nodeTypes.keys()].map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:\`${label}\`) REQUIRE n.id IS UNIQUE`,
  );
  statements.push("CREATE CONSTRAINT seedmeta_key_unique IF NOT EXISTS FOR (m:SeedMeta) REQUIRE m.key IS UNIQUE");
  statements.push(CREATE_SEARCH_INDEX, AWAIT_INDEXES);
  for (const statement of statements) await driver.executeQuery(statement, {}, { database });
  return statements;
}
