// Each HTTP request to /graphql or /export is one unit of work with an id, answered as
// X-Request-Id and put in the metadata of every transaction it runs (the gateway does that
// from the request's Db). When the client closes the connection before its response is
// finished, the request is cancelled: its signal fires, so it leaves any queue it waits in and
// the gateway starts no new statement for it, and its transactions still running in Neo4j
// are terminated. The id is made here, never taken from the client: a client that chose ids
// could cancel someone else's work.
import { randomUUID } from "node:crypto";
import type { RequestHandler, Response } from "express";

import { logger } from "../config/logger.js";
import { statementsRunning, terminateRequest, type Db, type Lane } from "../db/gateway.js";

/** What the request pieces know of a request, kept in `res.locals`. */
export interface RequestLocals {
  requestId: string;
  signal: AbortSignal;
  /** a shipped operation of queries/ (exact document) or anything else (src/server/admission.ts) */
  kind?: "shipped" | "adhoc";
  /** the share of the pool the request's statements take connections from */
  lane?: Lane;
}

export const requestOf = (res: Response): RequestLocals => res.locals as RequestLocals;

/** The request's Db: the service's, carrying the request's id, signal and lane. */
export function requestDb<T extends Db>(base: T, res: Response): T {
  const { requestId, signal, lane } = requestOf(res);
  return { ...base, requestId, signal, lane };
}

/** How long a cancelled request's statements are looked for: a statement sent just before may reach Neo4j after the first look. */
const RETRY_MS = 100;
const TRIES = 50;

/** Terminates a request's running transactions, looking again while a statement of it is still under way. */
export async function cancelRequest(db: Db, requestId: string): Promise<void> {
  try {
    for (let i = 0; i < TRIES && statementsRunning(requestId) > 0; i++) {
      const terminated = await terminateRequest(db, requestId);
      if (terminated > 0) logger.info({ requestId, terminated }, "client went away: its transactions terminated");
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  } catch (err) {
    logger.warn({ err, requestId }, "could not terminate the transactions of a cancelled request");
  }
}

/** Gives the request its id and signal, and cancels it when its client goes before the response is finished. */
export function requestScope(db: Db): RequestHandler {
  return (_req, res, next) => {
    const requestId = randomUUID();
    const controller = new AbortController();
    Object.assign(res.locals, { requestId, signal: controller.signal } satisfies RequestLocals);
    res.setHeader("X-Request-Id", requestId);
    res.once("close", () => {
      if (res.writableFinished) return;
      controller.abort();
      void cancelRequest(db, requestId);
    });
    next();
  };
}
