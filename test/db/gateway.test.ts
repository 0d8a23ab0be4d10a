// The gateway: every statement is bounded in time, named in Neo4j's transaction metadata,
// heard by listeners, and a database failure comes back as a coded error.
import type { Driver } from "neo4j-driver";

import { Neo4jError } from "neo4j-driver";

import { databaseError, onStatement, read, type Statement } from "../../src/db/gateway.js";
import { database, testDriver } from "../support/db.js";

let driver: Driver;
const db = () => ({ driver, database });
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

test("a statement over its timeout is stopped by Neo4j: QUERY_TIMEOUT", async () => {
  const started = Date.now();
  await expect(read(db(), "probe.sleep", "CALL apoc.util.sleep(10000) RETURN 1", {}, 300)).rejects.toMatchObject({ code: "QUERY_TIMEOUT" });
  expect(Date.now() - started).toBeLessThan(8000);
});

test("a running statement is named by its operation in the transaction metadata", async () => {
  const running = read(db(), "probe.named", "CALL apoc.util.sleep(1500) RETURN 1");
  await new Promise((r) => setTimeout(r, 400));
  const { records } = await driver.executeQuery("SHOW TRANSACTIONS YIELD metaData, currentQuery RETURN metaData, currentQuery", {}, { database });
  await running;
  const mine = records.map((r) => r.get("metaData") as Record<string, unknown>).find((m) => m.operation === "probe.named");
  expect(mine).toEqual({ app: "policy-graph", operation: "probe.named" });
});

test("listeners hear every statement with its parameters; whole numbers go as integers", async () => {
  const heard: Statement[] = [];
  const stop = onStatement((s) => heard.push(s));
  const [r] = await read(db(), "probe.limit", "UNWIND range(1, 10) AS i RETURN collect(i)[0..$n] AS xs", { n: 3 });
  stop();
  await read(db(), "probe.after", "RETURN 1");
  expect(r!.get("xs")).toEqual([1, 2, 3]);
  expect(heard.map((s) => s.operation)).toEqual(["probe.limit"]);
});

test("a busy pool, an unreachable server: SERVICE_UNAVAILABLE; other errors pass through", () => {
  const pool = new Neo4jError("Connection acquisition timed out in 10000 ms.", "N/A", "50N42", "error: general processing exception");
  expect(databaseError(pool, "probe")).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  expect(databaseError(new Neo4jError("gone", "ServiceUnavailable", "08000", "connection exception"), "probe")).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  const plain = new Error("a bug");
  expect(databaseError(plain, "probe")).toBe(plain);
});
