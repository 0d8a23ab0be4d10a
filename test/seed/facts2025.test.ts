// Facts of ../shared/facts.md that no article states (issue 12, "Missing facts"): the Steering
// Committee's sessions of 20/01, 04/03 and 25/12/2025, and the 2025 results reported at the last
// one as indicators (so they feed the dashboard's history). Checked in the loaded graph.
import type { Driver } from "neo4j-driver";

import { config, database, testDriver } from "../support/db.js";

let driver: Driver;
beforeAll(() => { driver = testDriver(); });
afterAll(() => driver.close());

it("the three sessions are events on their dates, cited from facts with the trust facts.md gives (none: UNVERIFIED)", async () => {
  const { records } = await driver.executeQuery(
    `MATCH (e:Event) WHERE e.id IN ['EV-2025-01-20', 'EV-2025-03-04', 'EV-2025-12-25']
     MATCH (e)-[c:SOURCED_FROM]->(s:Source)
     RETURN e.id AS id, toString(e.date) AS date, collect(s.id + ' ' + c.trust) AS cites ORDER BY id`, {}, { database });
  expect(records.map((r) => [r.get("id"), r.get("date"), [...r.get("cites")].sort()])).toEqual([
    ["EV-2025-01-20", "2025-01-20", ["facts UNVERIFIED"]],
    ["EV-2025-03-04", "2025-03-04", ["facts UNVERIFIED"]],
    ["EV-2025-12-25", "2025-12-25", ["facts NEWS", "facts UNVERIFIED"]],
  ]);
});

it("the 2025 results are indicators as of 25/12/2025, their values as reported, and done + not done = total", async () => {
  const { records } = await driver.executeQuery(
    `MATCH (i:Indicator) WHERE i.id STARTS WITH 'IND-' AND i.id ENDS WITH '-2025-12' AND toString(i.asOf) = '2025-12-25'
     MATCH (i)-[c:SOURCED_FROM]->(:Source {id: 'facts'})
     RETURN i.id AS id, i.value AS value, collect(DISTINCT c.trust) AS trust ORDER BY id`, {}, { database });
  const values = Object.fromEntries(records.map((r) => [r.get("id"), Number(r.get("value"))]));
  expect(values).toEqual({
    "IND-luat-2025-12": 30, "IND-nghi-dinh-2025-12": 68, "IND-thong-tu-2025-12": 60,
    "IND-nhiem-vu-hoan-thanh-2025-12": 1227, "IND-nhiem-vu-chua-hoan-thanh-2025-12": 71, "IND-nhiem-vu-tong-2025-12": 1298,
  });
  expect(values["IND-nhiem-vu-hoan-thanh-2025-12"] + values["IND-nhiem-vu-chua-hoan-thanh-2025-12"]).toBe(values["IND-nhiem-vu-tong-2025-12"]);
  for (const r of records) expect(r.get("trust")).toEqual(["NEWS"]);
});
