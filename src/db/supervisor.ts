// Supervision of the database the service runs on. It owns two things:
//   - the local Neo4j child's life after its first start: when it dies unexpectedly it is
//     started again, after 0.5 s, then 1, 2, 4 … up to 30 s between attempts, the backoff
//     starting over once a restarted Neo4j has stayed up for a minute. A deliberate stop
//     (stop(), on SIGINT/SIGTERM) restarts nothing. The driver is not recreated: it
//     reconnects by itself once Bolt answers again.
//   - the state the HTTP layer reads (/health): ready, degraded (restarting, or not answering
//     a probe) or stopping, with the last error in words (never driver text) and the count of
//     restarts. A server given by NEO4J_URI, or a local one another process runs, is only
//     probed.
// How a request fails meanwhile is the driver's and the gateway's business (driver.ts: short
// retries, so SERVICE_UNAVAILABLE comes within about a second).
import type { Exit, LocalNeo4j } from "./localNeo4j.js";

export type DatabaseStatus = "ready" | "degraded" | "stopping";

/** What is wrong while degraded, as a word a client may see (lastError, with paths, is for the operator and the log). */
export type DatabaseProblem = "restarting" | "restart-failed" | "not-answering";

export interface DatabaseState {
  status: DatabaseStatus;
  /** while degraded: what is wrong, in a word */
  problem?: DatabaseProblem;
  /** when the status last changed (ISO 8601) */
  since: string;
  /** what went wrong last, in words (it may name the store's path: for logs and operators); kept after recovery, as a record */
  lastError?: string;
  /** times the local Neo4j was started again after dying */
  restarts: number;
  /** while degraded and a restart is scheduled: when it will be tried (ISO 8601) */
  nextRestartAt?: string;
  /** true when this process runs the Neo4j and restarts it; false when it only probes it */
  supervised: boolean;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** up this long after a restart, and the next failure starts the backoff over */
  healthyMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, healthyMs: 60_000 };

/** The wait before restart attempt `attempt` (0 for the first after a death): doubling, capped. */
export function restartDelay(attempt: number, backoff: Pick<Backoff, "initialMs" | "maxMs"> = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
}

/** How a process ended, in words. */
export const describeExit = (exit: Exit) =>
  exit.signal ? `the local Neo4j was killed (${exit.signal})` : `the local Neo4j exited with code ${exit.code}`;

export interface SupervisorOptions {
  /** the local Neo4j this process started, if any: watched and restarted */
  local?: LocalNeo4j;
  /** starts it again (on the same store and port) */
  restart?: () => Promise<LocalNeo4j>;
  /** answers when the database does (e.g. RETURN 1); rejects otherwise */
  probe: () => Promise<void>;
  /** progress in words; "warn" for a death, a failed restart, a failed probe */
  log: (line: string, level?: "info" | "warn") => void;
  backoff?: Partial<Backoff>;
  /** probe interval while ready, and while degraded */
  probeEveryMs?: { ready: number; degraded: number };
  /** a probe not answered by then has failed */
  probeTimeoutMs?: number;
}

export interface Supervisor {
  state(): DatabaseState;
  /** the local Neo4j running now, if this process runs one */
  local(): LocalNeo4j | undefined;
  /** calls fn on every change of state; returns what stops it */
  onChange(fn: (s: DatabaseState) => void): () => void;
  /** a deliberate stop: no restart; stops the local Neo4j if ours */
  stop(): Promise<void>;
}

const errorWords = (err: unknown) => {
  const e = err as { code?: unknown; message?: unknown };
  // An AppError's message is ours, written for people; a driver error gives only its code.
  if (e && typeof e === "object" && (e as Error).name === "AppError" && typeof e.message === "string") return e.message;
  return typeof e?.code === "string" ? e.code : "no answer";
};

export function createSupervisor(opts: SupervisorOptions): Supervisor {
  const backoff: Backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const every = opts.probeEveryMs ?? { ready: 5_000, degraded: 1_000 };
  const probeTimeoutMs = opts.probeTimeoutMs ?? 3_000;
  const supervised = opts.local !== undefined && opts.restart !== undefined;
  const listeners = new Set<(s: DatabaseState) => void>();

  let child = opts.local;
  let status: DatabaseStatus = "ready";
  let problem: DatabaseProblem | undefined;
  let since = new Date();
  let lastError: string | undefined;
  let restarts = 0;
  let attempt = 0;
  let nextRestartAt: Date | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let healthyTimer: NodeJS.Timeout | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;
  let stopping = false;

  const state = (): DatabaseState => ({
    status, since: since.toISOString(), restarts, supervised,
    ...(problem && status === "degraded" ? { problem } : {}),
    ...(lastError ? { lastError } : {}),
    ...(nextRestartAt && status === "degraded" ? { nextRestartAt: nextRestartAt.toISOString() } : {}),
  });
  const set = (next: DatabaseStatus, error?: string, what?: DatabaseProblem) => {
    if (error) lastError = error;
    problem = next === "degraded" ? what ?? problem : undefined;
    if (next === status) return;
    status = next;
    since = new Date();
    const s = state();
    for (const l of listeners) l(s);
  };

  const watch = (c: LocalNeo4j) => {
    clearTimeout(healthyTimer);
    healthyTimer = setTimeout(() => { attempt = 0; }, backoff.healthyMs);
    healthyTimer.unref();
    void c.exited.then((exit) => {
      if (stopping || child !== c) return;
      child = undefined;
      clearTimeout(healthyTimer);
      const why = describeExit(exit);
      opts.log(`${why}; starting it again`, "warn");
      set("degraded", why, "restarting");
      scheduleRestart();
    });
  };

  const scheduleRestart = () => {
    if (stopping || !opts.restart) return;
    const delay = restartDelay(attempt++, backoff);
    nextRestartAt = new Date(Date.now() + delay);
    restartTimer = setTimeout(() => {
      restarting = (async () => {
        const started = Date.now();
        try {
          const c = await opts.restart!();
          if (stopping) {
            await c.stop();
            return;
          }
          child = c;
          restarts++;
          nextRestartAt = undefined;
          watch(c);
          opts.log(`the local Neo4j is running again (restart ${restarts}, ${((Date.now() - started) / 1000).toFixed(1)} s to start)`);
          probeSoon(0);
        } catch (err) {
          if (stopping) return;
          const why = `a restart of the local Neo4j failed: ${errorWords(err)}`;
          opts.log(why, "warn");
          set("degraded", why, "restart-failed");
          scheduleRestart();
        } finally {
          restarting = undefined;
        }
      })();
    }, delay);
    restartTimer.unref();
  };

  const probeOnce = async () => {
    if (stopping) return;
    if (supervised && !child) return; // dead or restarting: already degraded, and the restart says when it is back
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        opts.probe(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("timeout")), probeTimeoutMs); }),
      ]);
      if (stopping) return;
      if (status === "degraded") opts.log("Neo4j answers again");
      set("ready");
    } catch (err) {
      if (stopping || (supervised && !child)) return;
      const why = (err as Error).message === "timeout"
        ? `Neo4j did not answer a probe within ${probeTimeoutMs / 1000} s`
        : `Neo4j did not answer a probe (${errorWords(err)})`;
      if (status === "ready") opts.log(why, "warn");
      set("degraded", why, "not-answering");
    } finally {
      clearTimeout(timer);
    }
  };
  const probeSoon = (ms: number) => {
    clearTimeout(probeTimer);
    if (stopping) return;
    probeTimer = setTimeout(() => {
      void probeOnce().finally(() => probeSoon(status === "ready" ? every.ready : every.degraded));
    }, ms);
    probeTimer.unref();
  };

  if (child) watch(child);
  probeSoon(every.ready);

  return {
    state,
    local: () => child,
    onChange: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop: async () => {
      if (stopping) return;
      stopping = true;
      set("stopping");
      clearTimeout(restartTimer);
      clearTimeout(healthyTimer);
      clearTimeout(probeTimer);
      await restarting;
      await child?.stop();
    },
  };
}
