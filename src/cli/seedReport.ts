// `npm run seed:report`: the data-quality report of the seed (no database needed).
// `--json` prints it as JSON for scripts and tests; `--labels FILE` scores the technology rules
// against other hand-labelled pairs than test/seed/fixtures/technology-labels.yaml.
import { Command } from "commander";

import { loadConfig } from "../config/index.js";
import { readConfiguredSeed, SeedValidationError } from "../seed/index.js";
import { formatReport, seedReport } from "../seed/report.js";
import { readTechnologyLabels, TECHNOLOGY_LABELS_FILE, unknownLabelIds } from "../seed/technologyPrecision.js";
import { CliError, fail } from "./output.js";

const program = new Command("seed:report")
  .option("--json", "print the report as JSON")
  .option("--labels <file>", "hand-labelled task–technology pairs to score the rules against", TECHNOLOGY_LABELS_FILE)
  .parse();
try {
  const graph = readConfiguredSeed(loadConfig());
  let labels;
  try {
    labels = readTechnologyLabels(program.opts().labels);
  } catch (err) {
    throw new CliError(`Cannot read the technology labels: ${err instanceof Error ? err.message : String(err)}`);
  }
  const unknown = unknownLabelIds(graph, labels);
  if (unknown.length) throw new CliError(`The technology labels name what the seed does not have:\n${unknown.join("\n")}`);
  const report = seedReport(graph, labels);
  console.log(program.opts().json ? JSON.stringify(report, null, 2) : formatReport(report));
} catch (err) {
  fail(err instanceof SeedValidationError ? err.message : err);
}
