// `npm run seed:report`: the data-quality report of the seed (no database needed).
// `--json` prints it as JSON for scripts and tests.
import { Command } from "commander";

import { loadConfig } from "../config/index.js";
import { readConfiguredSeed, SeedValidationError } from "../seed/index.js";
import { formatReport, seedReport } from "../seed/report.js";
import { fail } from "./output.js";

const program = new Command("seed:report").option("--json", "print the report as JSON").parse();
try {
  const report = seedReport(readConfiguredSeed(loadConfig()));
  console.log(program.opts().json ? JSON.stringify(report, null, 2) : formatReport(report));
} catch (err) {
  fail(err instanceof SeedValidationError ? err.message : err);
}
