// `npm run bench`: times the questions of queries/ against the seeded graph (the local Neo4j,
// or NEO4J_URI's), in-process through Apollo, and prints median and 95th percentile per
// operation. Timings live here, not in the tests.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Command } from "commander";
import { parse, type OperationDefinitionNode } from "graphql";

import { loadConfig, PROJECT_ROOT } from "../config/index.js";
import { openDatabase } from "../db/connect.js";
import { ensureSchema } from "../db/migrations.js";
import { createContext } from "../graphql/context.js";
import { buildModel } from "../model/index.js";
import { readConfiguredSeed } from "../seed/index.js";
import { loadSeed } from "../seed/load.js";
import { createApp } from "../server/app.js";
import { fail } from "./output.js";

const program = new Command("bench").option("-n, --runs <n>", "timed runs per operation", "20").option("--warmup <n>", "untimed runs first", "3").parse();
const runs = Number(program.opts().runs);
const warmup = Number(program.opts().warmup);
const config = loadConfig();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main() {
  const db = await openDatabase(config, () => undefined);
  try {
    const model = buildModel();
    await ensureSchema(db.driver, db.database, model);
    await loadSeed(db.driver, db.database, readConfiguredSeed(config), model);
    const app = await createApp({ db, maxQueryDepth: config.MAX_QUERY_DEPTH });
    const dir = path.join(PROJECT_ROOT, "queries");
    console.log(`Neo4j ${db.server.version} at ${db.uri}; ${runs} timed runs after ${warmup} warm-up runs per operation\n`);
    console.log(`${"operation".padEnd(28)} ${"median ms".padStart(10)} ${"p95 ms".padStart(10)} ${"loader trips".padStart(12)}`);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort()) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
      const times: number[] = [];
      let trips = 0;
      for (let i = 0; i < warmup + runs; i++) {
        const contextValue = createContext(db, op.name?.value);
        const started = performance.now();
        const res = await app.apollo.executeOperation(
          { query: text, operationName: op.name?.value },
          { contextValue },
        );
        const elapsed = performance.now() - started;
        if (res.body.kind === "single" && res.body.singleResult.errors) throw new Error(`${file}: ${res.body.singleResult.errors[0]!.message}`);
        if (i >= warmup) { times.push(elapsed); trips = contextValue.loaders.roundTrips; }
      }
      times.sort((a, b) => a - b);
      console.log(`${(op.name?.value ?? file).padEnd(28)} ${percentile(times, 0.5).toFixed(1).padStart(10)} ${percentile(times, 0.95).toFixed(1).padStart(10)} ${String(trips).padStart(12)}`);
    }
    await app.stop();
  } finally {
    await db.close();
  }
}

main().catch(fail);
