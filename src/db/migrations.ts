// Constraints and indexes: a uniqueness constraint on every node type's id (which also
// indexes it), and a range index on every node type's `load` tag (which load wrote a node:
// the seed or a synthetic graph), so a load finds its own nodes without a label scan, and a
// range index on every property the API filters or sorts on: each enum, date, number and
// flag of the SDL (texts are found through the full-text search index). Idempotent; run at
// every start.
import type { Driver } from "neo4j-driver";

import type { SchemaModel, ValueField } from "../model/index.js";
import { AWAIT_INDEXES, CREATE_SEARCH_INDEX } from "../search/queries.js";

/** The properties the API filters and sorts on that a range index serves. */
const filterable = (f: ValueField) => f.name !== "id" && !f.list && (f.enumValues !== undefined || ["Date", "DateTime", "Int", "Float", "Boolean"].includes(f.type));

export async function ensureSchema(driver: Driver, database: string | undefined, model: SchemaModel): Promise<string[]> {
  const statements = [...model.nodeTypes.keys()].map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:\`${label}\`) REQUIRE n.id IS UNIQUE`,
  );
  for (const label of model.nodeTypes.keys()) {
    statements.push(`CREATE INDEX ${label.toLowerCase()}_load IF NOT EXISTS FOR (n:\`${label}\`) ON (n.load)`);
  }
  for (const [label, type] of model.nodeTypes) {
    for (const field of type.fields.filter(filterable)) {
      statements.push(`CREATE INDEX ${label.toLowerCase()}_${field.name.toLowerCase()} IF NOT EXISTS FOR (n:\`${label}\`) ON (n.\`${field.name}\`)`);
    }
  }
  statements.push("CREATE CONSTRAINT seedmeta_key_unique IF NOT EXISTS FOR (m:SeedMeta) REQUIRE m.key IS UNIQUE");
  // Writes (src/reports): an idempotency key is written once per identity; the audit log (not
  // part of the API's model) is found by its order, time and agency.
  statements.push(
    "CREATE CONSTRAINT progressreport_idempotency IF NOT EXISTS FOR (r:ProgressReport) REQUIRE r.idempotency IS UNIQUE",
    "CREATE CONSTRAINT indicator_idempotency IF NOT EXISTS FOR (i:Indicator) REQUIRE i.idempotency IS UNIQUE",
    "CREATE CONSTRAINT auditentry_id_unique IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.id IS UNIQUE",
    "CREATE INDEX auditentry_sequence IF NOT EXISTS FOR (e:AuditEntry) ON (e.sequence)",
    "CREATE INDEX auditentry_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.at)",
    "CREATE INDEX auditentry_agency IF NOT EXISTS FOR (e:AuditEntry) ON (e.agencyId)",
  );
  statements.push(CREATE_SEARCH_INDEX, AWAIT_INDEXES);
  for (const statement of statements) await driver.executeQuery(statement, {}, { database });
  return statements;
}
