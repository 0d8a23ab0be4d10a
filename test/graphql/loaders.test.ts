// No N+1: per-parent fields of the trace go through one DataLoader round trip per request,
// however many tasks the page holds.
import type { Driver } from "neo4j-driver";

import { checkServer } from "../../src/db/compat.js";
import { createLoaders } from "../../src/graphql/loaders.js";
import { createApp, type App } from "../../src/server/app.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
let app: App;
beforeAll(async () => {
  driver = testDriver();
  app = await createApp({ db: { driver, database, uri: "test", server: await checkServer(driver, database) }, maxQueryDepth: 12 });
});
afterAll(async () => {
  await app.stop();
  await driver.close();
});

async function roundTripsFor(limit: number) {
  const loaders = createLoaders(driver, database);
  const res = await app.apollo.executeOperation(
    { query: "query($n: Int) { trace(id: \"57-NQ/TW\", limit: $n) { tasks { id sources { quote } } } }", variables: { n: limit } },
    { contextValue: { executionContext: driver, sessionConfig: { database }, loaders } },
  );
  if (res.body.kind !== "single") throw new Error("expected a single result");
  expect(res.body.singleResult.errors).toBeUndefined();
  const tasks = (res.body.singleResult.data as { trace: { tasks: { sources: unknown[] }[] } }).trace.tasks;
  expect(tasks).toHaveLength(limit);
  for (const t of tasks) expect(t.sources.length).toBeGreaterThan(0);
  return loaders.roundTrips;
}

test("citations of 5 tasks and of 100 tasks cost the same single round trip", async () => {
  expect(await roundTripsFor(5)).toBe(1);
  expect(await roundTripsFor(100)).toBe(1);
});
