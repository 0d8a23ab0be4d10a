// The status rule computed in Cypher (src/cypher/fragments.ts statusOf) agrees with the pure
// rule (src/trace/status.ts) for every seeded task, on dates around reports and deadlines.
import type { Driver } from "neo4j-driver";

import { fulfilledOn, statusOf } from "../../src/cypher/fragments.js";
import { statusAsOf, type TaskStatus } from "../../src/trace/status.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
const seen = new Set<TaskStatus>();
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

test.each(["2025-01-01", "2025-05-24", "2025-07-01", "2025-12-31", "2026-04-01"])("as of %s", async (asOf) => {
  const { records } = await driver.executeQuery(
    `MATCH (t:Task) RETURN t.id AS id, toString(t.deadline) AS deadline, t.status AS status, toString(t.statusAsOf) AS statusAsOf,
       toString(${fulfilledOn("t")}) AS fulfilledOn, ${statusOf("t")} AS inCypher`,
    { asOf }, { database },
  );
  expect(records.length).toBeGreaterThan(300);
  const disagreements = records
    .map((r) => r.toObject() as { id: string; deadline: string | null; status: TaskStatus; statusAsOf: string | null; fulfilledOn: string | null; inCypher: TaskStatus })
    .filter((t) => statusAsOf(t, asOf) !== t.inCypher);
  expect(disagreements).toEqual([]);
  for (const r of records) seen.add(r.get("inCypher") as TaskStatus);
});

test("the dates exercise every status the rule can give", () => {
  expect([...seen].sort()).toEqual(["DONE", "IN_PROGRESS", "OVERDUE", "UNKNOWN"]);
});
