// Persisted queries: the shipped operations (the files of queries/) are known by their SHA-256
// from the start, so a dashboard may GET one by its hash alone, in Apollo's persisted-query
// protocol (extensions={"persistedQuery":{"version":1,"sha256Hash":"…"}}), with no first request
// to register it: a short URL that stays the same while the file does. Other documents register
// as Apollo's automatic persisted queries do, in an LRU in memory; an unknown hash answers
// PERSISTED_QUERY_NOT_FOUND, and the client sends the text with it.
import { createHash } from "node:crypto";

import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The shipped documents by their hash. */
export const byHash = (documents: Iterable<string>): Map<string, string> => new Map([...documents].map((d) => [sha256(d), d]));

/** The hash a request names in its persistedQuery extension (GET: JSON text; POST: an object), if any. */
export function persistedHashOf(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === "string") {
    try { value = JSON.parse(value); } catch { return undefined; }
  }
  const hash = (value as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === "string" ? hash : undefined;
}

/** Apollo Server's persistedQueries.cache: the shipped documents first, then what clients register. */
export function persistedQueryCache(shipped: Map<string, string>): KeyValueCache<string> {
  const registered = new InMemoryLRUCache<string>();
  const cache: KeyValueCache<string> = {
    get: async (hash) => shipped.get(hash) ?? registered.get(hash),
    set: (hash, text, options) => registered.set(hash, text, options),
    delete: (hash) => registered.delete(hash),
  };
  // the keys are the hashes themselves: this cache holds nothing else, so needs no prefix
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(cache);
}
