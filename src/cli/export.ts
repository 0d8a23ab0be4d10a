// `npm run export -- --from 57-NQ/TW --depth 2 --format graphml -o r57.graphml`: writes a
// selection to a file with a progress bar and a summary. The file appears only when complete.
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { PassThrough } from "node:stream";
import { SingleBar, Presets } from "cli-progress";
import { Command, Option } from "commander";

import { loadConfig } from "../config/index.js";
import { openDatabase } from "../db/connect.js";
import { FORMATS } from "../export/formats/index.js";
import { prepareExport } from "../export/write.js";
import { buildModel } from "../model/index.js";
import { fail } from "./output.js";

const list = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);
const program = new Command("export")
  .description("Export a subgraph (or, without --from, the whole graph) to a file")
  .option("--from <ids>", "seed ids, comma-separated", list)
  .option("--depth <n>", "hops from the seeds (0-6)", "1")
  .addOption(new Option("--format <format>", "file format").choices(Object.keys(FORMATS)).makeOptionMandatory())
  .requiredOption("-o, --out <file>", "file to write")
  .option("--node-types <labels>", "only these node types", list)
  .option("--exclude-node-types <labels>", "leave out these node types", list)
  .option("--rel-types <types>", "only these relationship types", list)
  .option("--exclude-rel-types <types>", "leave out these relationship types", list)
  .option("--as-of <date>", "compute task status as of this date (YYYY-MM-DD)")
  .option("--no-provenance", "leave out sources and quotes")
  .option("--max-nodes <n>", "refuse selections with more nodes")
  .option("--max-relationships <n>", "refuse selections with more relationships")
  .parse();

async function main() {
  const o = program.opts();
  const config = loadConfig();
  const db = await openDatabase(config, () => undefined);
  const partial = `${o.out}.partial`;
  try {
    const job = await prepareExport(db, buildModel(), {
      seeds: o.from, depth: o.depth, nodeTypes: o.nodeTypes, excludeNodeTypes: o.excludeNodeTypes,
      relationshipTypes: o.relTypes, excludeRelationshipTypes: o.excludeRelTypes, asOf: o.asOf,
      provenance: o.provenance, maxNodes: o.maxNodes, maxRelationships: o.maxRelationships,
    }, o.format);
    const bar = new SingleBar({ format: "{bar} {percentage}% | {value}/{total} nodes and relationships", stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    bar.start(job.nodes + job.relationships, 0);
    const started = Date.now();
    const file = fs.createWriteStream(partial);
    const through = new PassThrough();
    const piping = pipeline(through, file);
    await job.write(through, (p) => bar.update(p.nodes + p.relationships));
    through.end();
    await piping;
    bar.stop();
    fs.renameSync(partial, o.out);
    const size = fs.statSync(o.out).size;
    console.log(`Wrote ${o.out} (${job.format.id}): ${job.nodes} nodes, ${job.relationships} relationships, ${(size / 1024).toFixed(0)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    await db.close();
  }
}

main().catch(fail);
