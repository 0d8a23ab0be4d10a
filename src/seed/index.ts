// The seed pipeline: read YAML → validate into one graph → (load.ts) write it in one transaction.
import type { Config } from "../config/index.js";
import { buildModel, type SchemaModel } from "../model/index.js";
import { QuoteIndex } from "./quotes.js";
import { listSeedFiles, readSeedFile } from "./read.js";
import type { SeedGraph } from "./graph.js";
import { validateSeed } from "./validate.js";

export { SeedValidationError } from "./validate.js";
export type { SeedGraph } from "./graph.js";

/** Reads and validates every seed file under `seedDir`; throws SeedValidationError listing file:line problems. */
export function readSeed(seedDir: string, sharedDir: string, model: SchemaModel = buildModel()): SeedGraph {
  const files = listSeedFiles(seedDir).map((f) => readSeedFile(f, seedDir));
  return validateSeed(files, model, { quotes: new QuoteIndex(sharedDir) });
}

export const readConfiguredSeed = (config: Pick<Config, "SEED_DIR" | "SHARED_DIR">) => readSeed(config.SEED_DIR, config.SHARED_DIR);
