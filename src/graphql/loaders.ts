// Per-request DataLoaders: any field resolved per parent goes through one of these, so a
// page of N parents costs one round trip, not N.
import DataLoader from "dataloader";

import { read, type Db } from "../db/gateway.js";
import { CITATIONS_OF } from "../trace/queries.js";
import type { CitationRef } from "./generated/types.js";

export interface Loaders {
  citations: DataLoader<string, CitationRef[]>;
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
  };
  return loaders;
}
