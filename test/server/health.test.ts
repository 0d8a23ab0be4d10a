// What /health answers for each state of the database (src/server/health.ts); the states
// themselves come from the supervisor, whose restarts test/db/local.test.ts checks on a real
// Neo4j, and the live route is checked in test/server/http.test.ts.
import { healthAnswer } from "../../src/server/health.js";
import type { DatabaseState } from "../../src/db/supervisor.js";

const server = { version: "5.26.0", edition: "community", apoc: "5.26.0" } as never;
const state = (s: Partial<DatabaseState>): DatabaseState => ({ status: "ready", since: "2026-12-01T00:00:00.000Z", restarts: 0, supervised: true, ...s });

test("ready when the probe answers and the supervisor has Neo4j up", () => {
  expect(healthAnswer({ server }, state({ restarts: 2 }), true)).toEqual({ http: 200, body: { status: "ready", neo4j: "5.26.0", apoc: "5.26.0", restarts: 2 } });
  expect(healthAnswer({ server }, undefined, true)).toEqual({ http: 200, body: { status: "ready", neo4j: "5.26.0", apoc: "5.26.0" } });
});

test("degraded while restarting, saying what in a word and when it tries again; the error text (with paths) stays out", () => {
  const restarting = state({ status: "degraded", problem: "restarting", restarts: 1, nextRestartAt: "2026-12-01T00:00:01.000Z", lastError: "died: signal SIGKILL (/work/.neo4j/data)" });
  const answer = healthAnswer({ server }, restarting, false);
  expect(answer).toEqual({ http: 503, body: { status: "degraded", problem: "restarting", since: restarting.since, restarts: 1, nextRestartAt: "2026-12-01T00:00:01.000Z" } });
  expect(JSON.stringify(answer)).not.toMatch(/neo4j\/data|SIGKILL/);
});

test("degraded when the probe fails though nothing supervises (NEO4J_URI), or the supervisor has not noticed yet", () => {
  expect(healthAnswer({ server }, undefined, false)).toEqual({ http: 503, body: { status: "degraded", problem: "not-answering" } });
  expect(healthAnswer({ server }, state({}), false)).toEqual({ http: 503, body: { status: "degraded", problem: "not-answering", restarts: 0 } });
});

test("stopping is not ready", () => {
  expect(healthAnswer({ server }, state({ status: "stopping" }), true).http).toBe(503);
});
