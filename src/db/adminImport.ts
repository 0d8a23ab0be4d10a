// neo4j-admin's bulk import into a fresh local store: the other half of the CSV export
// (src/export/formats/csv.ts). It runs `neo4j-admin database import full neo4j` from the jars
// the local Neo4j already uses (<home>/lib, fetched by ensureJars), as
// `java -cp '<home>/lib/*' org.neo4j.cli.AdminTool …`, so no Neo4j distribution is needed.
// A user can import an export into a fresh local Neo4j this way, and the round-trip test
// (test/export/roundtrip.test.ts) uses it to check that the export gives back the same graph.
//
// The store lands where startLocalNeo4j({ dataDir }) looks for it: the launcher builds its
// DBMS with home <dataDir>/data, so the importer runs with NEO4J_HOME=<dataDir>/data and
// writes <dataDir>/data/data/databases/neo4j (plus its transaction logs). NEO4J_CONF is
// removed from the child's environment so no other neo4j.conf redirects it.
//
// The flags are those import.txt (written next to the CSVs) names: string ids in one global
// id space, the export's array delimiter, and multi-line fields. Files must be extracted
// first: given a zip, neo4j-admin reads only its first entry.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

import { AppError } from "../errors/index.js";
import { ARRAY_DELIMITER } from "../export/formats/csv.js";
import { ensureJars } from "./localNeo4j.js";

/** The conventions of the CSV export, as neo4j-admin flags (the same as import.txt's). */
export const CSV_IMPORT_FLAGS = ["--id-type=string", `--array-delimiter=${ARRAY_DELIMITER}`, "--multiline-fields=true"];

export interface ImportCsvOptions {
  /** config.NEO4J_HOME: holds lib/ (the Neo4j jars, fetched on first use) */
  home: string;
  /** the store directory startLocalNeo4j({ dataDir }) will open; must not hold a database yet */
  dataDir: string;
  /** extracted CSV files, each with its header row (nodes-<Label>.csv, rels-<TYPE>.csv) */
  files: { nodes: string[]; relationships: string[] };
  /** the importer's output, line by line (progress included) */
  log?: (line: string) => void;
}

const DATABASE = "neo4j";
const HEAP = "512m";
const OFF_HEAP = "256m";
/** progress bars: ".......... .......... 35% ∆0ms [1s 96ms]" and, with --verbose, "[*Nodes:?? 1.004GiB----]    0 ∆    0" */
const PROGRESS = /^[-.]\.{9} |^\[.*\]\s+\d+ ∆/;

/** Bulk-imports the CSVs into <dataDir>/data as the database `neo4j`; throws an AppError with the importer's last lines if it fails. */
export async function importCsv(options: ImportCsvOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(options.dataDir);
  const files = {
    nodes: options.files.nodes.map((f) => path.resolve(f)),
    relationships: options.files.relationships.map((f) => path.resolve(f)),
  };
  if (files.nodes.length === 0) throw new AppError("BAD_USER_INPUT", "Nothing to import: no node files were given.");
  for (const file of [...files.nodes, ...files.relationships]) {
    if (!fs.existsSync(file)) throw new AppError("BAD_USER_INPUT", `Import file ${file} does not exist.`, { file });
    // --nodes=[<labels>=]<file>[,<file>…]: a comma or an equals sign in a path would be misread
    if (/[,=]/.test(file)) throw new AppError("BAD_USER_INPUT", `Import file ${file} has a "," or "=" in its path, which neo4j-admin would misread; move it.`, { file });
    if (/\.(zip|gz)$/i.test(file)) throw new AppError("BAD_USER_INPUT", `Import file ${file} is compressed: extract it first (neo4j-admin reads only one file of a zip).`, { file });
  }

  const dbmsHome = path.join(dataDir, "data");
  const store = path.join(dbmsHome, "data", "databases", DATABASE);
  if (fs.existsSync(store) && fs.readdirSync(store).length > 0) {
    throw new AppError("BAD_USER_INPUT", `${dataDir} already holds a database (${store}): import into a fresh data directory.`, { store });
  }
  const lib = ensureJars(options.home, log);
  fs.mkdirSync(dbmsHome, { recursive: true }); // neo4j-admin exits 64 if NEO4J_HOME does not exist
  const reportFile = path.join(dataDir, "import.report");

  const args = [
    `-Xmx${HEAP}`,
    "-cp", `${lib}/*`,
    "org.neo4j.cli.AdminTool",
    "database", "import", "full", DATABASE, // the name before the variadic --nodes/--relationships
    "--verbose", // on failure, the cause ("… referring to missing node zz") rather than "Error in input data"
    `--report-file=${reportFile}`,
    `--max-off-heap-memory=${OFF_HEAP}`,
    ...CSV_IMPORT_FLAGS,
    ...files.nodes.map((f) => `--nodes=${f}`),
    ...files.relationships.map((f) => `--relationships=${f}`),
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_HOME: dbmsHome };
  delete env.NEO4J_CONF;

  const child = spawn("java", args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const tail: string[] = [];
  const onLine = (line: string) => {
    log(line);
    if (line.trim() === "" || PROGRESS.test(line)) return;
    tail.push(line);
    if (tail.length > 400) tail.shift();
  };
  const closed = Promise.all([
    new Promise<void>((resolve) => readline.createInterface({ input: child.stdout! }).on("line", onLine).once("close", resolve)),
    new Promise<void>((resolve) => readline.createInterface({ input: child.stderr! }).on("line", onLine).once("close", resolve)),
  ]);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", (err) => reject(new AppError("NEO4J_UNAVAILABLE", `Could not run java for neo4j-admin import: ${err.message}`)));
    child.once("close", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : null)));
  });
  await closed;
  if (code === 0) return;

  // The deepest cause in a --verbose stack trace says what was wrong; the summary lines say where.
  const causes = tail.filter((l) => /^Caused by: /.test(l));
  const reason = (causes.at(-1) ?? tail.find((l) => /Exception|Error/.test(l)) ?? "see the output below")
    .replace(/^Caused by: (?:[\w.$]+(?:Exception|Error): )?/, "");
  const last = tail.filter((l) => !/^\s+at |^\s+\.\.\. \d+ more$/.test(l)).slice(-15);
  throw new AppError(
    "NEO4J_UNAVAILABLE",
    `neo4j-admin database import exited with code ${code}: ${reason}\nLast output:\n${last.join("\n")}\n(the report of bad entries, if any, is ${reportFile}; ${dataDir} is left as it is and is likely unusable)`,
    { exitCode: code, reason, output: last, reportFile, dataDir },
  );
}
