// Which failed answers carry a service status (src/graphql/httpStatus.ts); the faults suite
// (npm run test:faults) sees the 503 live while Neo4j is down.
import { serviceStatus } from "../../src/graphql/httpStatus.js";

const err = (code: string) => ({ message: code, extensions: { code } });

test("nothing answered because the database is down or the question ran out of time: 503 or 504", () => {
  expect(serviceStatus({ data: null, errors: [err("SERVICE_UNAVAILABLE")] })).toBe(503);
  expect(serviceStatus({ data: { trace: null }, errors: [err("SERVICE_UNAVAILABLE")] })).toBe(503);
  expect(serviceStatus({ errors: [err("QUERY_TIMEOUT")] })).toBe(504);
  expect(serviceStatus({ data: { a: null, b: null }, errors: [err("QUERY_TIMEOUT"), err("SERVICE_UNAVAILABLE")] })).toBe(504);
});

test("an answer with some data, or a failure that is the request's, keeps its status", () => {
  expect(serviceStatus({ data: { trace: { totalTasks: 1 }, dashboard: null }, errors: [err("SERVICE_UNAVAILABLE")] })).toBeUndefined();
  expect(serviceStatus({ data: { trace: null }, errors: [err("NOT_FOUND")] })).toBeUndefined();
  expect(serviceStatus({ data: { trace: { totalTasks: 1 } } })).toBeUndefined();
});
