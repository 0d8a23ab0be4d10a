// No N+1: per-parent fields of the trace go through one DataLoader round trip per request,
// however many tasks the page holds; a task's status as of a date, one per date asked.
import { statusOf } from "../../src/cypher/fragments.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { database } from "../support/db.js";

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

test("Task.status of a page of tasks costs one round trip per date asked, and is the status Cypher computes", async () => {
  const context = t.context();
  const res = await t.app.apollo.executeOperation({
    query: `{ tasks(where: { id: { startsWith: "71/NQ-CP#" } }, sort: [{ id: ASC }], limit: 50) {
      id reported: status(asOf: "2025-05-24") later: status(asOf: "2025-06-01") again: status(asOf: "2025-05-24") } }`,
  }, { contextValue: context });
  if (res.body.kind !== "single") throw new Error("expected a single result");
  expect(res.body.singleResult.errors).toBeUndefined();
  const tasks = (res.body.singleResult.data as { tasks: { id: string; reported: string; later: string; again: string }[] }).tasks;
  expect(tasks).toHaveLength(37);
  expect(context.loaders.roundTrips).toBe(2);
  const inCypher = async (asOf: string) => Object.fromEntries((await t.driver.executeQuery(
    `MATCH (t:Task) WHERE t.id STARTS WITH '71/NQ-CP#' RETURN t.id AS id, ${statusOf("t")} AS status`, { asOf }, { database },
  )).records.map((r) => [r.get("id") as string, r.get("status") as string]));
  const [reported, later] = [await inCypher("2025-05-24"), await inCypher("2025-06-01")];
  expect(Object.fromEntries(tasks.map((x) => [x.id, x.reported]))).toEqual(reported);
  expect(Object.fromEntries(tasks.map((x) => [x.id, x.later]))).toEqual(later);
  for (const x of tasks) expect(x.again).toBe(x.reported);
  // the dates differ where a deadline of 31/05/2025 passed with the task still in progress
  expect(tasks.some((x) => x.reported === "IN_PROGRESS" && x.later === "OVERDUE")).toBe(true);
});
