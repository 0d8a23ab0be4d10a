// `npm run gen:national`: a synthetic national graph (34 provinces, their communes' plans,
// ~100k tasks, over 10^6 nodes and relationships) for load tests and the bench. Safe by
// default: it starts a throw-away Neo4j of its own (a temporary store on a free port, deleted
// at the end), loads the real seed there too (so the named operations have 57-NQ/TW and the
// real ministries to work on; --no-seed skips it), then the synthetic graph. --keep leaves that
// Neo4j running until Ctrl-C and prints its bolt URI; --uri writes into a given server instead,
// refused when it holds a seed that gen:national did not load itself (unless --force).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";

import { loadConfig } from "../config/index.js";
import { checkServer } from "../db/compat.js";
import { BULK_LOAD_RETRIES, createDriver } from "../db/driver.js";
import { read, write, type Db } from "../db/gateway.js";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../db/localNeo4j.js";
import { ensureSchema } from "../db/migrations.js";
import { buildModel } from "../model/index.js";
import { readConfiguredSeed, SeedValidationError } from "../seed/index.js";
import { loadSeed } from "../seed/load.js";
import { DEFAULT_BATCH_SIZE, generateNational, NATIONAL_DEFAULTS, type LoadProgress, type NationalResult } from "../synthetic/index.js";
import { checkOptions, type NationalOptions } from "../synthetic/national.js";
import { fail } from "./output.js";

const whole = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
};
const size = (v: string) => {
  if (!/^\d+[kmg]$/i.test(v)) throw new InvalidArgumentError("expected a size such as 2g or 512m");
  return v;
};
const D = NATIONAL_DEFAULTS;
const program = new Command("gen:national")
  .description("Generate a synthetic national graph into a throw-away Neo4j (or --uri)")
  .option("--provinces <n>", "provinces and centrally-run cities (1-34)", whole, D.provinces)
  .option("--communes <n>", "communes in all, spread over the provinces", whole, D.communes)
  .option("--tasks-per-commune <n>", "tasks of each commune plan", whole, D.tasksPerCommune)
  .option("--tasks-per-province <n>", "tasks of each province plan", whole, D.tasksPerProvince)
  .option("--ministries <n>", "synthetic central ministries (at least 2)", whole, D.ministries)
  .option("--tasks-per-ministry <n>", "tasks of each ministry's programme", whole, D.tasksPerMinistry)
  .option("--sections <n>", "sections of each province plan", whole, D.sectionsPerProvincePlan)
  .option("--random-seed <n>", "seed of the generator's PRNG (same seed, same graph)", whole, D.randomSeed)
  .option("--batch-size <n>", "rows per write transaction", whole, DEFAULT_BATCH_SIZE)
  .option("--no-seed", "do not load the real seed first")
  .option("--uri <uri>", "write into this Neo4j (NEO4J_USER/NEO4J_PASSWORD) instead of a throw-away one (which has this project's password, NEO4J_HOME/auth.json)")
  .option("--database <name>", "database on --uri")
  .option("--force", "write into --uri even when it holds a seed gen:national did not load")
  .option("--keep", "keep the throw-away Neo4j running, printing its bolt URI, until Ctrl-C")
  .option("--heap <size>", "heap of the throw-away Neo4j", size, "2g")
  .option("--page-cache <size>", "page cache of the throw-away Neo4j", size, "1g")
  .parse();

const o = program.opts<{
  provinces: number; communes: number; tasksPerCommune: number; tasksPerProvince: number; ministries: number;
  tasksPerMinistry: number; sections: number; randomSeed: number; batchSize: number; seed: boolean;
  uri?: string; database?: string; force?: boolean; keep?: boolean; heap: string; pageCache: string;
}>();

const nf = new Intl.NumberFormat("en-US");
const perSecond = (n: number, s: number) => nf.format(Math.round(n / Math.max(s, 1e-3)));

/** A database holding the real seed is the service's, unless gen:national put the seed there. */
async function refuseRealDatabase(db: Db, uri: string) {
  const [r] = await read(db, "synthetic.checkTarget",
    "OPTIONAL MATCH (s:SeedMeta {key: 'seed'}) OPTIONAL MATCH (g:SeedMeta {key: 'synthetic'}) RETURN s IS NOT NULL AS seeded, g.seedLoadedBy AS by");
  if (r?.get("seeded") === true && r.get("by") !== "gen:national" && !o.force) {
    throw `${uri} holds the real seed (loaded by npm start or npm run seed): gen:national does not write synthetic data into the service's database. ` +
      "Leave out --uri to use a throw-away Neo4j, or pass --force if this database is really a scratch copy.";
  }
}

async function main() {
  const config = loadConfig();
  const options: NationalOptions = {
    provinces: o.provinces, communes: o.communes, tasksPerCommune: o.tasksPerCommune, tasksPerProvince: o.tasksPerProvince,
    ministries: o.ministries, tasksPerMinistry: o.tasksPerMinistry, sectionsPerProvincePlan: o.sections, randomSeed: o.randomSeed,
  };
  checkOptions(options);
  if (o.batchSize < 1) throw "--batch-size must be at least 1";
  const model = buildModel();
  const seed = o.seed ? readConfiguredSeed(config) : null; // validated before any database is touched

  let local: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = o.uri;
  if (!uri) {
    if (config.NEO4J_URI) console.log("NEO4J_URI is not used: gen:national writes into a throw-away Neo4j of its own (--uri writes into a given one).");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-national-"));
    local = await startLocalNeo4j({ home: config.NEO4J_HOME, dataDir, port: await freePort(), heap: o.heap, pageCache: o.pageCache, log: console.log });
    uri = local.uri;
  }
  // The throw-away Neo4j has this project's password; --uri's server takes NEO4J_USER/NEO4J_PASSWORD.
  const credentials = local ? { user: local.user, password: local.password } : { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD };
  const driver = createDriver({ uri, ...credentials }, BULK_LOAD_RETRIES);
  const db: Db = { driver, database: o.uri ? o.database ?? config.NEO4J_DATABASE : undefined };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await driver.close();
    await local?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const stopOnSignal = () => { void close().then(() => process.exit(130)); };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  let result: NationalResult;
  try {
    await checkServer(driver, db.database);
    if (o.uri) await refuseRealDatabase(db, uri);
    await ensureSchema(driver, db.database, model);
    if (seed) {
      await write(db, "synthetic.markSeed", "MERGE (m:SeedMeta {key: 'synthetic'}) SET m.seedLoadedBy = 'gen:national'");
      const loaded = await loadSeed(driver, db.database, seed, model);
      console.log(loaded.loaded ? `Seed loaded: ${graphSize(loaded.counts)} nodes` : "Seed unchanged");
    }

    const bar = new SingleBar({ format: "{bar} {percentage}% | {value}/{total} nodes and relationships", stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    let started = false;
    const onProgress = (p: LoadProgress) => {
      if (!started) { bar.start(p.total, 0); started = true; }
      bar.update(p.nodes + p.relationships);
    };
    try {
      result = await generateNational(db, { ...options, batchSize: o.batchSize, onProgress }, model);
    } finally {
      if (started) bar.stop();
    }
  } catch (err) {
    await close();
    throw err;
  }
  const items = result.nodes + result.relationships;
  console.log(
    `Synthetic national graph loaded into ${uri}: ${nf.format(result.tasks)} tasks (${nf.format(result.reports)} progress reports on them), ${nf.format(result.nodes)} nodes and ` +
    `${nf.format(result.relationships)} relationships in ${result.seconds.toFixed(1)} s\n` +
    `  nodes (each with its citation): ${result.nodeSeconds.toFixed(1)} s, ${perSecond(result.nodes, result.nodeSeconds)} nodes/s\n` +
    `  other relationships: ${result.relationshipSeconds.toFixed(1)} s, ${perSecond(result.relationships - (result.nodes - 1), result.relationshipSeconds)} relationships/s\n` +
    `  overall: ${perSecond(items, result.seconds)} nodes and relationships/s`,
  );
  if (local && o.keep) {
    console.log(`Throw-away Neo4j kept at ${uri} (store ${dataDir}). Ctrl-C stops it and deletes the store.`);
    console.log(`  e.g. npm run bench -- --national-uri ${uri}   (auth on: the password is in ${config.NEO4J_HOME}/auth.json, which the bench reads)`);
    await new Promise<never>(() => setInterval(() => undefined, 1 << 30)); // until a signal stops it (stopOnSignal)
  }
  await close();
}

const graphSize = (counts: Record<string, number>) => nf.format(Object.values(counts).reduce((a, b) => a + b, 0));

main().then(() => process.exit(0), (err: unknown) => fail(err instanceof SeedValidationError ? err.message : err));
