// Synthetic data at national scale, for load tests and the bench: generate (national.ts, pure)
// → write in batches (load.ts). Never for the service's real database: `npm run gen:national`
// (src/cli/genNational.ts) writes into a throw-away Neo4j of its own unless told otherwise.
import type { Db } from "../db/gateway.js";
import { ensureSchema } from "../db/migrations.js";
import { buildModel, type SchemaModel } from "../model/index.js";
import { loadSynthetic, readContext, type SyntheticLoadOptions } from "./load.js";
import { nationalGraph, type NationalOptions } from "./national.js";

export { NATIONAL_DEFAULTS, nationalGraph, reportId, SYNTHETIC_REPORTER, SYNTHETIC_SOURCE_ID, type NationalContext, type NationalOptions, type SyntheticGraph } from "./national.js";
export { deleteSynthetic, DEFAULT_BATCH_SIZE, readContext, SYNTHETIC_LOAD, type LoadProgress } from "./load.js";

export interface NationalResult {
  loadId: string;
  tasks: number;
  /** progress reports on them (ProgressReport nodes) */
  reports: number;
  nodes: number;
  relationships: number;
  seconds: number;
  nodeSeconds: number;
  relationshipSeconds: number;
}

/**
 * Generates the national graph against what `db` holds (57-NQ/TW, technology groups, real
 * ministries, when the seed is loaded) and writes it, replacing any earlier synthetic load.
 */
export async function generateNational(
  db: Db,
  options: Partial<NationalOptions> & SyntheticLoadOptions = {},
  model: SchemaModel = buildModel(),
): Promise<NationalResult> {
  await ensureSchema(db.driver, db.database, model); // the indexes every write is anchored on
  const graph = nationalGraph(options, await readContext(db));
  const result = await loadSynthetic(db, graph, model, options);
  return { ...result, tasks: graph.counts.tasks, reports: graph.counts.reports };
}
