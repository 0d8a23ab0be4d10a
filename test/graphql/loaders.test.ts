// No N+1: per-parent fields of the trace go through one DataLoader round trip per request,
// however many tasks the page holds.
import { startTestApp, type TestApp } from "../support/app.js";

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

async function roundTripsFor(limit: number) {
  const context = t.context();
  const res = await t.app.apollo.executeOperation(
    { query: "query($n: Int) { trace(id: \"57-NQ/TW\", limit: $n) { tasks { id sources { quote } } } }", variables: { n: limit } },
    { contextValue: context },
  );
  if (res.body.kind !== "single") throw new Error("expected a single result");
  expect(res.body.singleResult.errors).toBeUndefined();
  const tasks = (res.body.singleResult.data as { trace: { tasks: { sources: unknown[] }[] } }).trace.tasks;
  expect(tasks).toHaveLength(limit);
  for (const t of tasks) expect(t.sources.length).toBeGreaterThan(0);
  return context.loaders.roundTrips;
}

test("citations of 5 tasks and of 100 tasks cost the same single round trip", async () => {
  expect(await roundTripsFor(5)).toBe(1);
  expect(await roundTripsFor(100)).toBe(1);
});
