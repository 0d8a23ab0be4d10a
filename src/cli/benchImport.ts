// `npm run bench:import [-- --rows 100000]`: how fast a bulk import is, measured the way an agency
// runs it. In a throw-away Neo4j (a temporary store on a free port, with the heap and page cache
// `npm start` gives the local one, deleted at the end) it loads the real seed and the synthetic
// national graph (src/synthetic, as gen:national does), writes a CSV of progress reports on
// synthetic tasks to a temporary folder — each dated on or after its task's start (mostly on
// quarter ends), naming a lead agency as a curator may, with notes that need quoting, evidence,
// corrections of synthetic reports and a few repeated rows — and imports it through
// importReports, the function `npm run import:reports` runs. It prints rows/s and the time of each
// phase, and whether the criterion (10^5 rows in under a minute) is met. The synthetic
// data never leaves the throw-away database. --national-uri reuses a `gen:national --keep`
// Neo4j instead (what the import wrote is deleted from it afterwards).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";

import { todayInVietnam } from "../args/index.js";
import { loadConfig } from "../config/index.js";
import { taskStart, todayOf } from "../cypher/fragments.js";
import { checkServer } from "../db/compat.js";
import { BULK_LOAD_RETRIES, createDriver } from "../db/driver.js";
import { read, write, type Db } from "../db/gateway.js";
import { freePort, localCredentials, memoryCaps, startLocalNeo4j, type LocalNeo4j } from "../db/localNeo4j.js";
import { ensureSchema } from "../db/migrations.js";
import { buildModel } from "../model/index.js";
import { COLUMNS } from "../reports/import.js";
import { REPORTS_LOAD } from "../reports/queries.js";
import { readConfiguredSeed } from "../seed/index.js";
import { loadSeed } from "../seed/load.js";
import { generateNational, SYNTHETIC_LOAD } from "../synthetic/index.js";
import { describeSummary, identityOf, importReports, progressOn } from "./importReports.js";
import { CliError, fail } from "./output.js";

const whole = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
};
const size = (v: string) => {
  if (!/^\d+[kmg]$/i.test(v)) throw new InvalidArgumentError("expected a size such as 2g or 512m");
  return v;
};
const program = new Command("bench:import")
  .description("Import a generated CSV of progress reports into a throw-away national graph, and time it")
  .option("--rows <n>", "rows of the file", whole, 100_000)
  .option("--random-seed <n>", "seed of the file's PRNG (same seed, same file)", whole, 10)
  .option("--national-uri <uri>", "a gen:national --keep Neo4j to use instead of a throw-away one")
  .option("--heap <size>", "heap of the throw-away Neo4j (default NEO4J_HEAP, as npm start runs the local one); one transaction may use half", size)
  .option("--page-cache <size>", "page cache of the throw-away Neo4j (default NEO4J_PAGE_CACHE)", size)
  .parse();
const o = program.opts<{ rows: number; randomSeed: number; nationalUri?: string; heap?: string; pageCache?: string }>();

/** The criterion: 10^5 rows in under a minute. */
const CRITERION = { rows: 100_000, seconds: 60 };
const nf = new Intl.NumberFormat("en-US");
const say = (line: string) => console.log(line);

/** mulberry32: small, seeded, good enough to shuffle a benchmark's file. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

interface SyntheticTask { id: string; start: string; deadline: string | null; plan: string | null; lead: string | null; report: string | null }

/** Every synthetic task with its start, its plan, a lead agency holding the role after the ministries' succession, and one report nothing supersedes. */
const TASKS = `
  MATCH (t:Task {load: $load})
  CALL (t) {
    OPTIONAL MATCH (t)-[:LED_BY]->(a:Agency)
    ${todayOf("a", "holders")}
    RETURN [h IN holders | h.id][0] AS lead LIMIT 1
  }
  RETURN t.id AS id, toString(${taskStart("t")}) AS start, toString(t.deadline) AS deadline,
    COLLECT { MATCH (t)-[:PART_OF]->+(d:Document) RETURN d.id LIMIT 1 }[0] AS plan, lead,
    COLLECT { MATCH (t)<-[:REPORTS_ON]-(r:ProgressReport) WHERE NOT EXISTS { (r)<-[:SUPERSEDES]-() } RETURN r.id ORDER BY r.id LIMIT 1 }[0] AS report
  ORDER BY id`;

const QUARTER_ENDS = ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"];
const NOTES = [
  "Đang triển khai theo kế hoạch",
  "Đã ban hành kế hoạch, đang tổ chức thực hiện",
  "Chưa bố trí được kinh phí, đề nghị bổ sung",
  "Hoàn thành, đã báo cáo UBND tỉnh",
  "Đang lấy ý kiến các sở, ngành; dự kiến trình trong quý tới",
  'Số liệu "sơ bộ", sẽ cập nhật sau khi tổng hợp',
  "Kết quả:\n- đã tập huấn cán bộ;\n- đã số hoá hồ sơ",
];

const cell = (v: string | number | undefined) => {
  const s = v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The CSV of `rows` reports on `tasks`, as a monitoring system would export them. */
function reportFile(tasks: SyntheticTask[], rows: number, seed: number, today: string): { csv: string; repeats: number; corrections: number } {
  const rnd = random(seed);
  const lines = [COLUMNS.join(",")];
  const superseded = new Set<string>();
  const written: string[] = [];
  let repeats = 0;
  let corrections = 0;
  for (let i = 0; i < rows; i++) {
    // About one row in a hundred is an earlier row exported again (a repeat, by its key).
    if (written.length > 100 && rnd.chance(0.01)) {
      lines.push(rnd.pick(written));
      repeats++;
      continue;
    }
    const t = tasks[i % tasks.length]!;
    const from = t.start > "2025-03-01" ? t.start : "2025-03-01"; // after the ministries' succession: the lead holds the role
    const quarters = QUARTER_ENDS.filter((q) => q >= from && q <= today);
    const on = quarters.length && rnd.chance(0.7) ? rnd.pick(quarters) : addDays(from, rnd.int(0, Math.max(0, daysBetween(from, today))));
    const late = t.deadline !== null && t.deadline < on;
    const r = rnd.next();
    const status = r < 0.15 ? "DONE" : r < 0.3 ? "NOT_STARTED" : late && r < 0.45 ? "OVERDUE" : "IN_PROGRESS";
    const percent = status === "DONE" ? 100 : status === "NOT_STARTED" ? (rnd.chance(0.5) ? 0 : undefined) : rnd.int(5, 95);
    const correct = t.report !== null && !superseded.has(t.report) && rnd.chance(0.05);
    if (correct) { superseded.add(t.report!); corrections++; }
    const line = [
      t.id, status, on, percent,
      rnd.chance(0.6) ? rnd.pick(NOTES) : undefined,
      rnd.chance(0.2) ? `https://baocao.example.gov.vn/${t.id}/${i}` : undefined,
      t.plan && rnd.chance(0.05) ? t.plan : undefined,
      correct ? t.report! : undefined,
      `bench-${seed}-${i}`,
      t.lead ?? undefined,
    ].map(cell).join(",");
    lines.push(line);
    written.push(line);
  }
  return { csv: `${lines.join("\r\n")}\r\n`, repeats, corrections };
}

async function main() {
  const config = loadConfig();
  const model = buildModel();
  const today = todayInVietnam();
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => { for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined); cleanups.length = 0; };
  process.once("SIGINT", () => { void cleanup().then(() => process.exit(130)); });
  process.once("SIGTERM", () => { void cleanup().then(() => process.exit(143)); });

  try {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "policy-graph-bench-import-"));
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    let db: Db;
    if (o.nationalUri) {
      const credentials = config.NEO4J_PASSWORD ? { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD } : localCredentials(config.NEO4J_HOME);
      const driver = createDriver({ uri: o.nationalUri, ...credentials });
      cleanups.push(() => driver.close());
      db = { driver, database: config.NEO4J_DATABASE };
      const [g] = await read(db, "bench.checkTarget", "OPTIONAL MATCH (g:SeedMeta {key: 'synthetic'}) RETURN g.seedLoadedBy AS by, g.status AS status");
      if (g?.get("by") !== "gen:national" || g.get("status") !== "complete") {
        throw new CliError(`${o.nationalUri} holds no complete graph of gen:national: bench:import writes only into a throw-away database (leave out --national-uri to make one).`);
      }
      cleanups.push(() => deleteImported(db));
      say(`National graph at ${o.nationalUri} (gen:national --keep)`);
    } else {
      const dataDir = path.join(folder, "store");
      fs.mkdirSync(dataDir);
      const heap = o.heap ?? config.NEO4J_HEAP;
      const pageCache = o.pageCache ?? config.NEO4J_PAGE_CACHE;
      const neo: LocalNeo4j = await startLocalNeo4j({ home: config.NEO4J_HOME, dataDir, port: await freePort(), heap, pageCache, log: () => undefined });
      cleanups.push(() => neo.stop());
      const driver = createDriver({ uri: neo.uri, user: neo.user, password: neo.password }, BULK_LOAD_RETRIES);
      cleanups.push(() => driver.close());
      db = { driver };
      const server = await checkServer(driver);
      const asStart = heap === config.NEO4J_HEAP && pageCache === config.NEO4J_PAGE_CACHE;
      say(`Throw-away Neo4j ${server.version} at ${neo.uri} (heap ${heap}, page cache ${pageCache}${asStart ? ", as npm start runs the local one" : ""}; one transaction may use ${nf.format(Math.floor(parseInt(memoryCaps(heap).perTransaction, 10) / 1024))} MiB)`);
      await ensureSchema(driver, undefined, model);
      await write(db, "synthetic.markSeed", "MERGE (m:SeedMeta {key: 'synthetic'}) SET m.seedLoadedBy = 'gen:national'");
      await loadSeed(driver, undefined, readConfiguredSeed(config), model);
      say("Seed loaded; generating the national graph (src/synthetic defaults) …");
      const national = await generateNational(db, {}, model);
      say(`  ${nf.format(national.tasks)} tasks, ${nf.format(national.nodes)} nodes and ${nf.format(national.relationships)} relationships in ${national.seconds.toFixed(1)} s`);
    }

    const tasks = (await read(db, "bench.syntheticTasks", TASKS, { load: SYNTHETIC_LOAD, asOf: "2025-03-01" }, 600_000)).map((r) => r.toObject() as SyntheticTask);
    if (!tasks.length) throw new CliError("The database holds no synthetic tasks");
    const { csv, repeats, corrections } = reportFile(tasks, o.rows, o.randomSeed, today);
    const file = path.join(folder, "reports.csv");
    fs.writeFileSync(file, csv);
    say(`File ${file}: ${nf.format(o.rows)} rows on ${nf.format(Math.min(o.rows, tasks.length))} of ${nf.format(tasks.length)} synthetic tasks ` +
      `(${nf.format(corrections)} corrections, ${nf.format(repeats)} rows repeated), ${nf.format(Buffer.byteLength(csv))} bytes`);

    // The CLI's own path: the identity of --as-curator, then importReports.
    const identity = await identityOf({ asCurator: true }, { ...config, NEO4J_URI: undefined });
    // Other work on the machine slows every phase: the load average is printed beside the figures.
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(", ");
    say(`${os.cpus().length} cores; load average before the import ${load()}`);
    const started = performance.now();
    const summary = await importReports(async () => db, identity, { file, today }, progressOn(process.stderr)).catch((err: unknown) => {
      say(`Criterion (${nf.format(CRITERION.rows)} rows in under ${CRITERION.seconds} s): NOT met: the import failed after ${((performance.now() - started) / 1000).toFixed(1)} s`);
      throw err;
    });
    say(describeSummary(summary));

    const [check] = await read(db, "bench.check", "MATCH (r:ProgressReport {requestId: $id}) RETURN count(r) AS n", { id: summary.requestId });
    const found = Number(check!.get("n"));
    if (found !== summary.written) throw new Error(`The import says ${summary.written} reports were written, the graph holds ${found}`);
    const total = summary.ms.total / 1000;
    const rate = summary.rowsRead / total;
    say(`\n${nf.format(summary.rowsRead)} rows in ${total.toFixed(1)} s: ${nf.format(Math.round(rate))} rows/s ` +
      `(reading ${(summary.ms.reading / 1000).toFixed(1)} s, judging ${(summary.ms.judging / 1000).toFixed(1)} s, writing ${(summary.ms.writing / 1000).toFixed(1)} s); ` +
      `${nf.format(found)} reports in the graph with the import's request id; load average after it ${load()}`);
    const projected = (CRITERION.rows / rate);
    const met = projected < CRITERION.seconds;
    say(`Criterion (${nf.format(CRITERION.rows)} rows in under ${CRITERION.seconds} s): ${met ? "met" : "NOT met"}` +
      (summary.rowsRead === CRITERION.rows ? ` (${total.toFixed(1)} s)` : ` (${projected.toFixed(1)} s at this rate; measured on ${nf.format(summary.rowsRead)} rows)`));
  } finally {
    await cleanup();
  }
}

/** What the import wrote into a kept gen:national database, so that the next run starts as this one did. */
async function deleteImported(db: Db) {
  for (const label of ["ProgressReport", "AuditEntry"]) {
    for (;;) {
      const [r] = await write(db, "bench.deleteImported", `MATCH (n:${label} {load: $load}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`, { load: REPORTS_LOAD });
      if (Number(r!.get("n")) === 0) break;
    }
  }
  await write(db, "bench.deleteImported", "MATCH (m:SeedMeta {key: $load}) DELETE m", { load: REPORTS_LOAD });
}

main().then(() => process.exit(0), fail);
