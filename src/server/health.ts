// GET /health: ready or degraded, for load balancers and the people watching them. Ready means
// the database answered a trivial query just now (2 s at most) and, when this process runs the
// local Neo4j, its supervisor has it up. Degraded (503) says what is wrong in a word
// (restarting, restart-failed, not-answering), since when, and the restart count; the error
// itself, which may name paths, stays in the server's log.
import type express from "express";

import type { Database } from "../db/connect.js";
import type { DatabaseState } from "../db/supervisor.js";

export type HealthDb = Pick<Database, "driver" | "database" | "server"> & { state?: () => DatabaseState };

export interface Health { status: "ready" | "degraded" | "stopping"; [key: string]: unknown }

/** The answer, from the supervisor's state (if any) and whether the probe answered. Pure. */
export function healthAnswer(db: Pick<HealthDb, "server">, state: DatabaseState | undefined, probed: boolean): { http: number; body: Health } {
  const restarts = state ? { restarts: state.restarts } : {};
  if (state && state.status !== "ready") {
    return {
      http: 503,
      body: { status: state.status, problem: state.problem, since: state.since, ...restarts, ...(state.nextRestartAt ? { nextRestartAt: state.nextRestartAt } : {}) },
    };
  }
  if (!probed) return { http: 503, body: { status: "degraded", problem: "not-answering", ...restarts } };
  return { http: 200, body: { status: "ready", neo4j: db.server.version, apoc: db.server.apoc, ...restarts } };
}

export function healthRoute(db: HealthDb): express.RequestHandler {
  return async (_req, res) => {
    const state = db.state?.();
    let probed = false;
    if (!state || state.status === "ready") {
      probed = await db.driver
        .executeQuery("RETURN 1", {}, { database: db.database, transactionConfig: { timeout: 2_000, metadata: { app: "policy-graph", operation: "health" } } })
        .then(() => true, () => false);
    }
    const { http, body } = healthAnswer(db, state, probed);
    res.status(http).set("Cache-Control", "no-store").json(body);
  };
}
