// Answers kept per version of the graph. The graph changes only through its loaders (the
// seed, a synthetic load) and its writes (src/reports), each of which stamps a :SeedMeta node;
// the version is those stamps. An answer computed for a version is exact for as long as the version holds, so a
// dashboard polling the same question, or an analyst paging through a trace, pays for the
// expensive part once. Identical questions asked at the same time share one computation.
// ANSWER_CACHE_ENTRIES=0 turns this off (the bench does, to time the work itself). A shared
// computation runs for the request that asked first; if that request is cancelled (its client
// went away), the others compute the answer again for themselves.
import { LRUCache } from "lru-cache";

import { loadConfig } from "../config/index.js";
import { AppError } from "../errors/index.js";
import { read, type Db } from "./gateway.js";

const GRAPH_VERSION = `
  MATCH (m:SeedMeta)
  WITH m ORDER BY m.key
  RETURN collect(m.key + '=' + coalesce(m.hash, '') + coalesce(m.loadId, '') + '/' + coalesce(m.status, '') + '@' + coalesce(toString(m.loadedAt), '') + '#' + coalesce(toString(m.writes), '')) AS version`;

/** How long a version read is trusted before it is read again (one read serves a burst of requests). */
const VERSION_TTL_MS = 1_000;

/** All the answers kept hold at most this many rows or ids in all (a trace of 10^5 tasks keeps 10^5 ids). */
const MAX_ROWS = 2_000_000;
const rows = (v: unknown): number => (Array.isArray(v) ? v.length + 1 : 1);

interface Entry { value: Promise<unknown>; size: number }
interface Store { answers: LRUCache<string, Entry>; version?: { at: number; value: Promise<string> } }
const stores = new WeakMap<Db["driver"], Store>();

const ENTRIES = loadConfig().ANSWER_CACHE_ENTRIES;

function store(db: Db): Store | null {
  const max = ENTRIES;
  if (max === 0) return null;
  let s = stores.get(db.driver);
  if (!s) stores.set(db.driver, (s = { answers: new LRUCache({ max, maxSize: MAX_ROWS, sizeCalculation: (e) => e.size }) }));
  return s;
}

async function graphVersion(db: Db, s: Store): Promise<string> {
  if (!s.version || Date.now() - s.version.at > VERSION_TTL_MS) {
    const value = read(db, "graph.version", GRAPH_VERSION).then(([r]) => `${db.database ?? ""}|${(r?.get("version") as string[] | undefined)?.join(",") ?? ""}`);
    s.version = { at: Date.now(), value };
    value.catch(() => { s.version = undefined; });
  }
  return s.version.value;
}

/**
 * This process has just written to the graph (a report): the version is read again at the next
 * question, so no answer computed before the write is served after it. (Another process's
 * write, a bulk import, is seen within VERSION_TTL_MS.)
 */
export function graphChanged(db: Db): void {
  const s = stores.get(db.driver);
  if (s) s.version = undefined;
}

/** A shared computation cancelled with another request is done again for this one (a failure is not kept, so `again` starts afresh). */
const unlessCancelled = <T>(db: Db, shared: Promise<T>, again: () => Promise<T>): Promise<T> =>
  shared.catch((err: unknown) => {
    if (err instanceof AppError && err.code === "REQUEST_CANCELLED" && !db.signal?.aborted) return again();
    throw err;
  });

/** The answer to `key` for the graph as it is now: computed once per graph version. */
export async function answer<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const s = store(db);
  if (!s) return compute();
  const k = `${await unlessCancelled(db, graphVersion(db, s), () => graphVersion(db, s))}|${key}`;
  const hit = s.answers.get(k);
  if (hit) return unlessCancelled(db, hit.value as Promise<T>, () => answer(db, key, compute));
  const value = compute();
  s.answers.set(k, { value, size: 1 });
  value.then(
    (v) => { if (s.answers.get(k)?.value === value) s.answers.set(k, { value, size: Math.min(rows(v), MAX_ROWS) }); },
    () => s.answers.delete(k), // a failure is not remembered
  );
  return value;
}
