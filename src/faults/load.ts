// A minute of ordinary use: every named operation of queries/ in turn, from several clients on
// loopback (autocannon), while the service's memory is sampled each second. An error is any
// answer that is not 2xx, or has GraphQL errors, or no data, or a connection that failed.
// Memory is flat when the last ten seconds' resident size is within 20% of that of the ten
// seconds after a first ten of warming up (caches, compiled code, the heap finding its size).
import autocannon from "autocannon";

import { answerCheck } from "../bench/load.js";
import { namedOperations } from "../graphql/operations.js";
import type { Service } from "./service.js";

export interface LoadRun {
  seconds: number; connections: number; requests: number; perSecond: number; p50: number; p99: number; errors: number; messages: string[];
  /** MiB: the service's RSS averaged over seconds 10–20 and the last ten seconds, and its peak; Neo4j's likewise */
  service: { first: number; last: number; peak: number };
  neo4j: { first: number; last: number; peak: number };
  flat: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function mixedLoad(s: Service, seconds: number, connections: number): Promise<LoadRun> {
  const bodies = namedOperations().map((op) => JSON.stringify({ query: op.text, operationName: op.name }));
  const samples: { service: number; neo4j: number }[] = [];
  const neoPid = s.neo4jPid();
  const sampler = setInterval(() => samples.push({ service: s.rss(s.pid), neo4j: neoPid ? s.rss(neoPid) : NaN }), 1000);
  const messages = new Set<string>();
  const answered = answerCheck(messages, 160);
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({
      url: `${s.base}/graphql`, method: "POST", connections, duration: seconds, timeout: 60,
      headers: { "content-type": "application/json" },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
      verifyBody: answered,
    }, (err, r) => (err ? reject(err) : resolve(r)));
  }).finally(() => clearInterval(sampler));
  const window = Math.min(10, Math.floor(samples.length / 3));
  const range = (pick: (x: { service: number; neo4j: number }) => number) => ({
    first: mean(samples.slice(window, 2 * window).map(pick)), last: mean(samples.slice(-window).map(pick)), peak: Math.max(...samples.map(pick)),
  });
  const service = range((x) => x.service);
  const neo4j = range((x) => x.neo4j);
  return {
    seconds: result.duration, connections, requests: result.requests.total, perSecond: result.requests.total / result.duration,
    p50: result.latency.p50, p99: result.latency.p99,
    errors: result.non2xx + result.mismatches + result.errors + result.timeouts, messages: [...messages],
    service, neo4j, flat: service.last <= service.first * 1.2,
  };
}
