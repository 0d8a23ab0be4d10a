// Constraints and indexes: a uniqueness constraint on every node type's id (which also
// indexes it), and a range index on every node type's `load` tag (which load wrote a node:
// the seed or a synthetic graph), so a load finds its own nodes without a label scan.
// Idempotent; run at every start.
import type { Driver } from "neo4j-driver";

import type { SchemaModel } from "../model/index.js";
import { AWAIT_INDEXES, CREATE_SEARCH_INDEX } from "../search/queries.js";

export async function ensureSchema(driver: Driver, database: string | undefined, model: SchemaModel): Promise<string[]> {
  const statements = [...model.nodeTypes.keys()].map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:\`${label}\`) REQUIRE n.id IS UNIQUE`,
  );
  for (const label of model.nodeTypes.keys()) {
    statements.push(`CREATE INDEX ${label.toLowerCase()}_load IF NOT EXISTS FOR (n:\`${label}\`) ON (n.load)`);
  }
  statements.push("CREATE CONSTRAINT seedmeta_key_unique IF NOT EXISTS FOR (m:SeedMeta) REQUIRE m.key IS UNIQUE");
  statements.push(CREATE_SEARCH_INDEX, AWAIT_INDEXES);
  for (const statement of statements) await driver.executeQuery(statement, {}, { database });
  return statements;
}
