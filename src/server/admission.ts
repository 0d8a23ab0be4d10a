// Admission: who may use the connection pool (20 connections, src/db/driver.ts), and how
// much of it, so that no client and no kind of work can hold it all.
// - A request is *shipped* when its document is exactly one of the operations of queries/
//   (the text, not the operation name, which anyone can send), or names one by its hash alone
//   (a persisted query, src/graphql/persisted.ts); anything else, and every export, is *ad-hoc*.
// - Ad-hoc work shares ADMISSION_SHARED_CONNECTIONS connections (the CPUs, 2 to 12, of the
//   20 by default: it is Neo4j's CPU that slow ad-hoc work takes from the rest): that many
//   ad-hoc requests run at once, their statements hold at most that many connections between
//   them (the lane the gateway takes permits from; an export holds one for its whole stream),
//   and ADMISSION_SHARED_QUEUE more may wait. The rest of the pool is always there for the
//   shipped operations, which take connections from the whole of it.
// - Each client (IP) may have ADMISSION_PER_CLIENT requests running and
//   ADMISSION_PER_CLIENT_QUEUE waiting, shipped and ad-hoc counted apart, so a client's
//   ad-hoc flood does not queue its own named operations either.
// Beyond a queue the answer is 429 TOO_MANY_REQUESTS with Retry-After, at once. A request
// whose client goes away while it waits leaves the queue.
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator } from "express-rate-limit";

import type { Config } from "../config/index.js";
import type { Lane } from "../db/gateway.js";
import { namedOperations } from "../graphql/operations.js";
import { byHash, persistedHashOf } from "../graphql/persisted.js";
import { refuse, type Shape } from "./refuse.js";
import { requestOf } from "./requests.js";

export type AdmissionLimits = Pick<Config, "ADMISSION_SHARED_CONNECTIONS" | "ADMISSION_SHARED_QUEUE" | "ADMISSION_PER_CLIENT" | "ADMISSION_PER_CLIENT_QUEUE">;

/** Seconds a refused client is told to wait: a running request ends (or times out) and frees its place. */
export const RETRY_AFTER_SECONDS = 2;

type Release = () => void;

/** Places: `capacity` held at once, `queue` more waiting in order; beyond that, none. */
export class Slots {
  private held = 0;
  private readonly waiting: { give(release: Release): void; leave(): void }[] = [];

  constructor(readonly capacity: number, readonly queue: number) {}

  get running(): number { return this.held; }
  get queued(): number { return this.waiting.length; }

  /** A place, now or once one frees; null when the queue is full. Rejects if the signal fires first. */
  enter(signal?: AbortSignal): Promise<Release> | null {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.held < this.capacity) {
      this.held++;
      return Promise.resolve(this.release());
    }
    if (this.waiting.length >= this.queue) return null;
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter = {
        give: (release: Release) => { signal?.removeEventListener("abort", onAbort); resolve(release); },
        leave: onAbort,
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next.give(this.release()); // the place passes on
      else this.held--;
    };
  }
}

/** The exact documents of queries/: a request sending one of them is a shipped operation. */
export function shippedDocuments(): Set<string> {
  return new Set(namedOperations({ mutations: true }).map((op) => op.text));
}

const paramsOf = (req: Request): { query?: unknown; extensions?: unknown } => (req.method === "GET" ? req.query : (req.body as { query?: unknown; extensions?: unknown } | undefined) ?? {});

export interface Admission {
  /** for /graphql, once the body is parsed: shipped or ad-hoc, by the exact document */
  classify: RequestHandler;
  /** for /graphql, once classified: admits the request in its class */
  graphql: RequestHandler;
  /** for GET /export: ad-hoc work holding one connection of the shared lane while it streams */
  export: RequestHandler;
  /** what is running and waiting now (tests, logs) */
  state(): { sharedRunning: number; sharedQueued: number; laneHeld: number; laneQueued: number; clients: number };
}

export function createAdmission(limits: AdmissionLimits, shipped = shippedDocuments()): Admission {
  const shared = new Slots(limits.ADMISSION_SHARED_CONNECTIONS, limits.ADMISSION_SHARED_QUEUE);
  // the queue in front of the lane is the shared queue above: the lane itself never refuses
  const laneSlots = new Slots(limits.ADMISSION_SHARED_CONNECTIONS, Number.POSITIVE_INFINITY);
  const lane: Lane = { acquire: (signal) => laneSlots.enter(signal)! };
  const clients = new Map<string, Slots>();
  const hashes = byHash(shipped);

  const tooMany = (res: Response, shape: Shape, message: string) => {
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    refuse(res, shape, 429, "TOO_MANY_REQUESTS", `${message}; retry after ${RETRY_AFTER_SECONDS} s`);
  };

  async function admit(req: Request, res: Response, next: (err?: unknown) => void, kind: "shipped" | "adhoc", shape: Shape, holdsLane: boolean) {
    const { signal } = requestOf(res);
    const key = `${kind} ${ipKeyGenerator(req.ip ?? "")}`;
    let client = clients.get(key);
    if (!client) clients.set(key, (client = new Slots(limits.ADMISSION_PER_CLIENT, limits.ADMISSION_PER_CLIENT_QUEUE)));
    const mine = client;
    const forget = () => { if (mine.running === 0 && mine.queued === 0 && clients.get(key) === mine) clients.delete(key); };
    const releases: Release[] = [];
    const leave = () => { for (const r of releases.splice(0).reverse()) r(); forget(); };
    const take = async (slots: Slots, full: string): Promise<boolean> => {
      const place = slots.enter(signal);
      if (!place) { leave(); tooMany(res, shape, full); return false; }
      try {
        releases.push(await place);
        return true;
      } catch {
        leave(); // the client went away while waiting: nothing to answer
        return false;
      }
    };
    const what = kind === "shipped" ? "shipped operations" : "ad-hoc documents and exports";
    if (!(await take(mine, `Too many requests from this client at once: ${limits.ADMISSION_PER_CLIENT} ${what} running and ${limits.ADMISSION_PER_CLIENT_QUEUE} waiting`))) return;
    if (kind === "adhoc") {
      const busy = `The service is busy with ad-hoc work: ${limits.ADMISSION_SHARED_CONNECTIONS} ad-hoc documents and exports running and ${limits.ADMISSION_SHARED_QUEUE} waiting (the operations of queries/ are not held up)`;
      if (!(await take(shared, busy))) return;
      if (holdsLane && !(await take(laneSlots, busy))) return;
    }
    if (signal.aborted) return leave();
    res.once("close", leave); // finished or abandoned, the places free
    Object.assign(requestOf(res), { kind, lane: kind === "adhoc" && !holdsLane ? lane : undefined });
    next();
  }

  return {
    classify: (req, res, next) => {
      const { query, extensions } = paramsOf(req);
      const hash = query === undefined ? persistedHashOf(extensions) : undefined;
      const shippedDocument = typeof query === "string" ? shipped.has(query) : hash !== undefined && hashes.has(hash);
      requestOf(res).kind = shippedDocument ? "shipped" : "adhoc";
      next();
    },
    graphql: (req, res, next) => void admit(req, res, next, requestOf(res).kind ?? "adhoc", "graphql", false),
    export: (req, res, next) => void admit(req, res, next, "adhoc", "export", true),
    state: () => ({ sharedRunning: shared.running, sharedQueued: shared.queued, laneHeld: laneSlots.running, laneQueued: laneSlots.queued, clients: clients.size }),
  };
}
