// The pure rules of HTTP caching and persisted queries (src/graphql/cacheControl.ts,
// persisted.ts): which requests a shared cache may keep, and which hash a request names.
import { mayCache } from "../../src/graphql/cacheControl.js";
import { byHash, persistedHashOf, sha256 } from "../../src/graphql/persisted.js";
import { shippedDocuments } from "../../src/server/admission.js";

test("only a GET of a query without credentials may be kept by a shared cache", () => {
  expect(mayCache({ method: "GET", authorization: false, operation: "query" })).toBe(true);
  expect(mayCache({ method: "POST", authorization: false, operation: "query" })).toBe(false);
  expect(mayCache({ method: "GET", authorization: true, operation: "query" })).toBe(false);
  expect(mayCache({ method: "GET", authorization: false, operation: "mutation" })).toBe(false);
  expect(mayCache({ method: "GET", authorization: false, operation: undefined })).toBe(false); // not parsed, or refused
});

test("the hash a request names: GET's JSON text or POST's object; anything else, none", () => {
  const hash = sha256("query A { __typename }");
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(persistedHashOf(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))).toBe(hash);
  expect(persistedHashOf({ persistedQuery: { version: 1, sha256Hash: hash } })).toBe(hash);
  for (const bad of [undefined, null, "not json", "{}", { persistedQuery: { sha256Hash: 3 } }, ["x"]]) expect(persistedHashOf(bad)).toBeUndefined();
});

test("every shipped document is known by its own hash", () => {
  const shipped = shippedDocuments();
  const hashes = byHash(shipped);
  expect(hashes.size).toBe(shipped.size);
  for (const [hash, text] of hashes) expect(sha256(text)).toBe(hash);
});
