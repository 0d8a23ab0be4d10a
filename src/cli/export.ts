// `npm run export -- --from 57-NQ/TW --depth 2 --format graphml -o r57.graphml`: writes a
// selection to a file with a progress bar and a summary. A regular file appears only when
// complete (written as <out>.partial, then renamed); a character device or a pipe
// (/dev/stdout, a FIFO) is written straight to, so /dev/full ends with "no space left on
// device". A folder, a block device or a socket is refused, never replaced. Bad options and a
// bad output path are refused before connecting to Neo4j.
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { SingleBar, Presets } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";

import { loadConfig } from "../config/index.js";
import { openDatabase } from "../db/connect.js";
import { FORMATS } from "../export/formats/index.js";
import { planExport, prepareExport } from "../export/write.js";
import { buildModel } from "../model/index.js";
import { cannotWrite, CliError, fail } from "./output.js";

/** A comma-separated option; one that lists nothing is refused, as leaving it out means something else. */
const list = (what: string, option: string, meaning: string) => (v: string) => {
  const items = v.split(",").map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new InvalidArgumentError(`It lists no ${what}; leave ${option} out if you mean that, it ${meaning}.`);
  return items;
};
const program = new Command("export")
  .description("Export a subgraph (or, without --from, the whole graph) to a file")
  .option("--from <ids>", "seed ids, comma-separated", list("seed ids", "--from", "exports the whole graph"))
  .option("--depth <n>", "hops from the seeds (0-6)", "1")
  .addOption(new Option("--format <format>", "file format").choices(Object.keys(FORMATS)).makeOptionMandatory())
  .requiredOption("-o, --out <file>", "file to write")
  .option("--node-types <labels>", "only these node types", list("node types", "--node-types", "keeps every node type"))
  .option("--exclude-node-types <labels>", "leave out these node types", list("node types", "--exclude-node-types", "excludes none"))
  .option("--rel-types <types>", "only these relationship types", list("relationship types", "--rel-types", "keeps every relationship type"))
  .option("--exclude-rel-types <types>", "leave out these relationship types", list("relationship types", "--exclude-rel-types", "excludes none"))
  .option("--as-of <date>", "compute task status as of this date (YYYY-MM-DD)")
  .option("--no-provenance", "leave out sources and quotes")
  .option("--max-nodes <n>", "refuse selections with more nodes")
  .option("--max-relationships <n>", "refuse selections with more relationships")
  .parse();

interface Target {
  /** the path to write: the file itself (symbolic links followed), or the device or pipe */
  file: string;
  /** a character device or a pipe is written straight to; a regular file through <file>.partial */
  direct: boolean;
}

const code = (err: unknown) => (err as { code?: unknown }).code;

/** Where the export goes, checked before anything is read: never a folder, a block device or a socket. */
function outputTarget(out: string): Target {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(out);
  } catch (err) {
    if (code(err) !== "ENOENT" && code(err) !== "ENOTDIR") throw cannotWrite(out, err);
  }
  if (stat?.isCharacterDevice() || stat?.isFIFO()) return { file: out, direct: true };
  if (stat?.isDirectory()) throw new CliError(`Cannot write ${out}: it is a folder; name a file in it`);
  if (stat && !stat.isFile()) throw new CliError(`Cannot write ${out}: it is ${stat.isBlockDevice() ? "a block device" : "a socket"}, not a file`);
  const file = stat ? fs.realpathSync(out) : out;
  const folder = path.dirname(file);
  let dir: fs.Stats;
  try {
    dir = fs.statSync(folder);
  } catch (err) {
    throw code(err) === "ENOENT" ? new CliError(`Cannot write ${out}: the folder ${folder} does not exist`) : cannotWrite(out, err);
  }
  if (!dir.isDirectory()) throw new CliError(`Cannot write ${out}: ${folder} is not a folder`);
  const partial = fs.lstatSync(`${file}.partial`, { throwIfNoEntry: false });
  if (partial && !partial.isFile() && !partial.isSymbolicLink()) throw new CliError(`Cannot write ${out}: ${file}.partial is in the way and is not a file`);
  try {
    // the .partial is created in the folder, and the existing file, if any, is replaced: both need write permission
    fs.accessSync(folder, fs.constants.W_OK);
    if (stat) fs.accessSync(file, fs.constants.W_OK);
  } catch (err) {
    throw cannotWrite(out, err);
  }
  return { file, direct: false };
}

async function main() {
  const o = program.opts();
  const model = buildModel();
  const plan = planExport(model, {
    seeds: o.from, depth: o.depth, nodeTypes: o.nodeTypes, excludeNodeTypes: o.excludeNodeTypes,
    relationshipTypes: o.relTypes, excludeRelationshipTypes: o.excludeRelTypes, asOf: o.asOf,
    provenance: o.provenance, maxNodes: o.maxNodes, maxRelationships: o.maxRelationships,
  }, o.format);
  const target = outputTarget(o.out);
  const partial = target.direct ? undefined : `${target.file}.partial`;
  let created = false;
  const removePartial = () => { if (partial && created) fs.rmSync(partial, { force: true }); };
  const interrupted = () => { removePartial(); process.exit(130); };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);

  const config = loadConfig();
  const db = await openDatabase(config, () => undefined, { attach: "ours" });
  const bar = new SingleBar({ format: "{bar} {percentage}% | {value}/{total} nodes and relationships", stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  try {
    const job = await prepareExport(db, model, plan);
    bar.start(job.nodes + job.relationships, 0);
    const started = Date.now();
    if (partial) fs.rmSync(partial, { force: true }); // a stale one from a killed run
    const file = fs.createWriteStream(partial ?? target.file, { flags: partial ? "wx" : "w" });
    file.once("open", () => { created = true; });
    const closed = finished(file); // rejects on the first write error (ENOSPC, EIO, EPIPE…)
    const writing = job.write(file, (p) => bar.update(p.nodes + p.relationships));
    writing.catch(() => undefined); // if the file fails first, the writer's own failure is not the story
    try {
      await Promise.race([writing, closed]);
      file.end();
      await closed;
    } catch (err) {
      file.destroy();
      throw cannotWrite(o.out, file.errored ?? err);
    } finally {
      bar.stop();
    }
    if (partial) {
      try {
        fs.renameSync(partial, target.file);
      } catch (err) {
        throw cannotWrite(o.out, err);
      }
    }
    const summary = `Wrote ${o.out} (${job.format.id}): ${job.nodes} nodes, ${job.relationships} relationships, ${(file.bytesWritten / 1024).toFixed(0)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    // written to a device or a pipe (maybe /dev/stdout itself), the summary must not mix into the data
    if (target.direct) console.error(summary);
    else console.log(summary);
  } catch (err) {
    removePartial();
    throw err;
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch(fail);
