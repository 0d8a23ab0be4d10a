// Answers kept per graph version: computed once while the graph is unchanged, shared by
// simultaneous askers, recomputed once a loader stamps a new version, failures not kept.
import type { Driver } from "neo4j-driver";

import { answer } from "../../src/db/answers.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
const db = () => ({ driver, database });
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

test("one computation per version, shared by simultaneous askers", async () => {
  let runs = 0;
  const compute = async () => { runs++; await new Promise((r) => setTimeout(r, 50)); return [runs]; };
  const [a, b] = await Promise.all([answer(db(), "probe.shared", compute), answer(db(), "probe.shared", compute)]);
  expect(await answer(db(), "probe.shared", compute)).toEqual([1]);
  expect([a, b, runs]).toEqual([[1], [1], 1]);
});

test("a new stamp on the graph (a load) is a new version", async () => {
  let runs = 0;
  const compute = async () => ++runs;
  expect(await answer(db(), "probe.version", compute)).toBe(1);
  await driver.executeQuery("MATCH (m:SeedMeta {key: 'seed'}) SET m.loadedAt = datetime()", {}, { database });
  await new Promise((r) => setTimeout(r, 1100)); // the version read is trusted for a second
  expect(await answer(db(), "probe.version", compute)).toBe(2);
  expect(await answer(db(), "probe.version", compute)).toBe(2);
});

test("a failure is not kept", async () => {
  let runs = 0;
  await expect(answer(db(), "probe.failure", async () => { runs++; throw new Error("boom"); })).rejects.toThrow("boom");
  expect(await answer(db(), "probe.failure", async () => ++runs)).toBe(2);
});
