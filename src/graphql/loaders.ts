// Per-request DataLoaders: any field resolved per parent goes through one of these, so a
// page of N parents costs one round trip, not N.
import DataLoader from "dataloader";

import { read, type Db } from "../db/gateway.js";
import { STATUSES } from "../reports/queries.js";
import { CITATIONS_OF } from "../trace/queries.js";
import type { CitationRef } from "./generated/types.js";

export interface Loaders {
  citations: DataLoader<string, CitationRef[]>;
  /** Task.status: a task's status as of a date, every task of a page asked in one statement per date */
  status: DataLoader<{ id: string; asOf: string }, string, string>;
  /** round trips made by the loaders in this request (read by tests and benchmarks) */
  roundTrips: number;
}

export function createLoaders(db: Db): Loaders {
  const loaders: Loaders = {
    roundTrips: 0,
    citations: new DataLoader(async (ids) => {
      loaders.roundTrips++;
      const records = await read(db, "citations", CITATIONS_OF, { ids });
      const byId = new Map(records.map((r) => [r.get("id") as string, r.get("citations") as CitationRef[]]));
      return ids.map((id) => byId.get(id) ?? []);
    }, { maxBatchSize: 1000 }),
    status: new DataLoader(async (keys) => {
      const byDate = new Map<string, string[]>();
      for (const k of keys) byDate.set(k.asOf, [...(byDate.get(k.asOf) ?? []), k.id]);
      const found = new Map<string, string>();
      for (const [asOf, ids] of byDate) {
        loaders.roundTrips++;
        for (const r of await read(db, "task.status", STATUSES, { ids: [...new Set(ids)], asOf })) found.set(`${asOf}|${r.get("id") as string}`, r.get("status") as string);
      }
      return keys.map((k) => found.get(`${k.asOf}|${k.id}`) ?? "UNKNOWN");
    }, { maxBatchSize: 1000, cacheKeyFn: (k) => `${k.asOf}|${k.id}` }),
  };
  return loaders;
}
