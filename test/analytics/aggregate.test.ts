// The longest chain of unfinished dependent tasks, as a pure function of ids and edges.
import { longestChain } from "../../src/analytics/aggregate.js";

const open = [
  { id: "law", deadline: "2025-06-30" },
  { id: "decree", deadline: "2025-12-31" },
  { id: "circular", deadline: "2026-03-31" },
  { id: "side", deadline: "2026-06-30" },
];

test("is the longest chain, first to do first, with how late its end is", () => {
  const edges: [string, string][] = [["decree", "law"], ["circular", "decree"], ["side", "done"]];
  const c = longestChain(open, edges, "2026-04-10");
  expect(c.ids).toEqual(["law", "decree", "circular"]);
  expect(c.daysLate).toBe(10);
});

test("edges to tasks outside the open set are ignored; no tasks, no chain", () => {
  expect(longestChain(open, [["side", "done"]], "2026-04-10").ids).toHaveLength(1);
  expect(longestChain([], [], "2026-04-10")).toEqual({ ids: [], daysLate: null });
});

test("ties go to the chain whose end is latest", () => {
  const c = longestChain(open, [["decree", "law"], ["side", "circular"]], "2026-04-10");
  expect(c.ids).toEqual(["law", "decree"]);
});

test("has no bound on length, is linear, and survives a cycle", () => {
  const n = 50_000;
  const tasks = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, deadline: null }));
  const edges = Array.from({ length: n - 1 }, (_, i) => [`t${i + 1}`, `t${i}`] as [string, string]);
  const started = Date.now();
  const c = longestChain(tasks, edges, "2026-01-01");
  expect(c.ids).toHaveLength(n);
  expect(c.ids[0]).toBe("t0");
  expect(Date.now() - started).toBeLessThan(5_000); // a quadratic version takes minutes
  expect(longestChain(tasks.slice(0, 3), [["t0", "t1"], ["t1", "t2"], ["t2", "t0"]], "2026-01-01").ids.length).toBeLessThanOrEqual(3);
});
