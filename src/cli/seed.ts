// `npm run seed`: validates the seed, then loads it into the database in one transaction and
// prints counts per type. It loads when the seed files changed or the graph differs from what
// the last load recorded (saying why); `--force` reloads anyway. With the service running it
// uses the service's own Neo4j (src/db/connect.ts: only if it is this project's).
import { Command } from "commander";

import { loadConfig } from "../config/index.js";
import { openDatabase } from "../db/connect.js";
import { ensureSchema } from "../db/migrations.js";
import { buildModel } from "../model/index.js";
import { readConfiguredSeed, SeedValidationError } from "../seed/index.js";
import { loadSeed } from "../seed/load.js";
import { fail } from "./output.js";

const program = new Command("seed").option("--force", "reload even if the seed has not changed").parse();
const config = loadConfig();
const model = buildModel();

try {
  const graph = readConfiguredSeed(config); // validate before any database is touched
  const db = await openDatabase(config, console.log, { attach: "ours" });
  try {
    await ensureSchema(db.driver, db.database, model);
    const result = await loadSeed(db.driver, db.database, graph, model, { force: program.opts().force });
    console.log(result.loaded ? `Seed loaded into ${db.uri} (${result.reason}):` : `Seed unchanged in ${db.uri} (use --force to reload):`);
    for (const [type, n] of Object.entries(result.counts)) console.log(`  ${type.padEnd(18)} ${n}`);
    console.log(`  ${"relationships".padEnd(18)} ${result.relationships}`);
    if (result.foreign) console.warn(`Note: ${result.foreign}.`);
  } catch (err) {
    throw db.explain(err);
  } finally {
    await db.close();
  }
} catch (err) {
  fail(err instanceof SeedValidationError ? err.message : err);
}
