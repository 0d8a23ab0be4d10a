// `npm run test:faults`: the service as users run it (`npm start` in a process of its own, on
// a throw-away Neo4j home), under the faults of issue 9: every abusive request refused or
// bounded; twenty of them at a time beside named operations, whose latency must stay within
// twice its latency alone; a minute of mixed load with no error and flat memory; the seed
// loader killed mid-transaction, leaving the graph unchanged; Neo4j killed mid-request, the
// service recovering by itself within 10 s of it being back. Prints the figures (and, with
// --markdown, writes them for the README); exits 1 when a criterion fails. Not part of
// `npm test`: it takes a few minutes and measures time, which tests do not.
import fs from "node:fs";
import { Command, InvalidArgumentError } from "commander";

import { createDriver } from "../db/driver.js";
import { localCredentials } from "../db/localNeo4j.js";
import { namedOperations } from "../graphql/operations.js";
import { ABUSES, anyAbuse, flood, outageFilter, sendAbuse, summarise, timeNamed, type AbuseResult } from "../faults/abusive.js";
import { killLoaderMidTransaction, killNeo4jMidRequest } from "../faults/crash.js";
import { mixedLoad } from "../faults/load.js";
import { startService } from "../faults/service.js";
import { fail } from "./output.js";

const whole = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
};
const o = new Command("test:faults")
  .option("--load-seconds <s>", "seconds of the mixed load", whole, 60)
  .option("--connections <n>", "clients of the mixed load", whole, 4)
  .option("--runs <n>", "timed requests of each named operation, alone and under the flood", whole, 20)
  .option("--markdown <file>", "also write the figures as markdown (for the README)")
  .parse()
  .opts<{ loadSeconds: number; connections: number; runs: number; markdown?: string }>();

const say = (line: string) => console.log(line);
const ms = (x: number) => `${Math.round(x)}`;
const table = (head: string[], rows: string[][]) => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
};
const md = (head: string[], rows: string[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`)].join("\n");

/** The operations timed alone and under the flood: a trace page, the dashboard, a workload, a search. */
const TIMED = ["TraceDirective", "Dashboard", "AgencyWorkload", "SearchPolicies"];

async function main() {
  const failures: string[] = [];
  const markdown: string[] = [];
  const section = (title: string, head: string[], rows: string[][]) => {
    say(`\n${title}\n${table(head, rows)}`);
    markdown.push(`**${title}**\n\n${md(head, rows)}\n`);
  };
  const service = await startService({}, say);
  const creds = localCredentials(service.home);
  const driver = createDriver({ uri: `bolt://127.0.0.1:${service.boltPort}`, user: creds.user, password: creds.password });
  try {
    // 1. each abusive request alone
    const results: AbuseResult[] = [];
    for (const a of ABUSES) results.push(await sendAbuse(service.base, a));
    for (const r of results) {
      if (!r.refused) failures.push(`not refused: ${r.name} (${r.status} ${r.code})`);
      if (r.leaked) failures.push(`leaked internals: ${r.name}`);
    }
    section("Abusive requests, one at a time", ["request", "HTTP", "code", "ms", "refused", "nothing leaked"],
      results.map((r) => [r.name, String(r.status), r.code, ms(r.ms), r.refused ? "yes" : "NO", r.leaked ? "NO" : "yes"]));

    // 2. beside named operations (sent from 127.0.0.2, another client): the outage's twenty
    // nested filters at once, every second (the criterion), then every abusive request of the
    // list in a closed loop, twenty in flight (reported: a flood, met by the rate limit on
    // refusals). Each phase comes from an address of its own, so each meets the limits afresh.
    const ops = namedOperations().filter((op) => TIMED.includes(op.name));
    const phases = [
      { label: "the outage's 20 nested filters, sent at once every second", next: outageFilter, flood: { localAddress: "127.0.0.3", everyMs: 1000 }, criterion: true },
      { label: "every abusive request above, 20 in flight without pause", next: anyAbuse, flood: { localAddress: "127.0.0.4" }, criterion: false },
    ];
    for (const phase of phases) {
      const rows: string[][] = [];
      let sent = 0;
      let limited = 0;
      for (const op of ops) {
        const body = { query: op.text, operationName: op.name };
        await timeNamed(service.base, body, 3); // warm
        const alone = summarise(await timeNamed(service.base, body, o.runs));
        const timing = timeNamed(service.base, body, o.runs);
        const [flooded, f] = await Promise.all([timing.then(summarise), flood(service.base, 20, timing, phase.next, phase.flood)]);
        sent += f.sent;
        limited += f.limited;
        for (const n of f.notRefused) failures.push(`beside ${phase.label}, not refused: ${n}`);
        const ratio = flooded.p50 / alone.p50;
        if (phase.criterion && ratio > 2) failures.push(`${op.name}: p50 ${ratio.toFixed(2)}× its latency alone beside ${phase.label}`);
        rows.push([op.name, ms(alone.p50), ms(alone.p95), ms(flooded.p50), ms(flooded.p95), `${ratio.toFixed(2)}×`, `${f.sent} (${f.limited} rate-limited)`]);
      }
      section(`Named operations alone and beside ${phase.label} (${o.runs} timed requests each; ${sent} abusive requests, ${limited} of them answered 429 by a rate limit; ${phase.criterion ? "criterion: p50 within 2×" : "reported, not a criterion"})`,
        ["operation", "alone p50 ms", "alone p95 ms", "beside p50 ms", "beside p95 ms", "p50 ratio", "abusive requests"], rows);
    }

    // 3. a minute of mixed load
    say(`\nmixed load: ${o.connections} clients, ${o.loadSeconds} s …`);
    const load = await mixedLoad(service, o.loadSeconds, o.connections);
    if (load.errors > 0) failures.push(`mixed load: ${load.errors} errors (${load.messages.join("; ")})`);
    if (!load.flat) failures.push(`mixed load: the service's memory grew from ${ms(load.service.first)} to ${ms(load.service.last)} MiB`);
    section(`Mixed load: every named operation in turn, ${load.connections} clients, ${load.seconds.toFixed(0)} s`,
      ["requests", "req/s", "p50 ms", "p99 ms", "errors", "service RSS MiB (10–20 s → last 10 s, peak)", "Neo4j RSS MiB (10–20 s → last 10 s, peak)", "flat"],
      [[String(load.requests), load.perSecond.toFixed(1), ms(load.p50), ms(load.p99), String(load.errors),
        `${ms(load.service.first)} → ${ms(load.service.last)} (${ms(load.service.peak)})`, `${ms(load.neo4j.first)} → ${ms(load.neo4j.last)} (${ms(load.neo4j.peak)})`, load.flat ? "yes" : "NO"]]);

    // 4. the seed loader killed mid-transaction
    const count = async (cypher: string) => Number((await driver.executeQuery(cypher)).records[0]!.get("n"));
    const writing = async () => {
      // the loader's one write transaction (src/seed/load.ts names it seed.load), once it has written
      const { records } = await driver.executeQuery("SHOW TRANSACTIONS YIELD metaData, status WHERE metaData.operation = 'seed.load' RETURN count(*) AS n");
      return Number(records[0]!.get("n")) > 0;
    };
    const killed = await killLoaderMidTransaction(service, count, writing);
    if (!killed.unchanged) failures.push(`loader killed: the graph changed from ${killed.before} to ${killed.after}`);
    if (!killed.serviceAnswers) failures.push("loader killed: the service stopped answering");
    section("The seed loader (`npm run seed -- --force`) killed with SIGKILL inside its transaction",
      ["killed after ms", "graph before", "graph after", "unchanged"], [[ms(killed.killedAfterMs), killed.before, killed.after, killed.unchanged ? "yes" : "NO"]]);

    // 5. Neo4j killed mid-request
    await driver.close();
    const crash = await killNeo4jMidRequest(service, say);
    if (crash.recoveryMs > 10_000) failures.push(`Neo4j kill: answered again ${ms(crash.recoveryMs)} ms after Neo4j was back (over 10 s)`);
    if (crash.whileDown.maxMs > 3_000) failures.push(`Neo4j kill: a request took ${ms(crash.whileDown.maxMs)} ms to fail while Neo4j was down`);
    if (crash.whileDown.codes.some((c) => !/SERVICE_UNAVAILABLE/.test(c))) failures.push(`Neo4j kill: answers while down were ${crash.whileDown.codes.join(", ")}`);
    section("Neo4j killed (SIGKILL) while a trace runs",
      ["request in flight", "requests while down", "slowest failure ms", "restarted after ms", "answering again after Neo4j was back, ms", "/health while down", "/health after"],
      [[`${crash.inFlight.status} ${crash.inFlight.code} in ${ms(crash.inFlight.ms)} ms`, `${crash.whileDown.n}: ${crash.whileDown.codes.join(", ") || "none"}`, ms(crash.whileDown.maxMs),
        ms(crash.restartMs), ms(crash.recoveryMs), crash.health.down, crash.health.after]]);
  } finally {
    await driver.close().catch(() => undefined);
    await service.stop();
  }
  if (o.markdown) fs.writeFileSync(o.markdown, markdown.join("\n"));
  if (failures.length) {
    say(`\n${failures.length} criteria failed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
    process.exit(1);
  }
  say("\nEvery criterion met.");
  process.exit(0);
}

main().catch(fail);
