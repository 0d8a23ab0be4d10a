// The one analysis Cypher cannot express: the longest chain of unfinished, dependent tasks
// (Cypher has no longest-path). A pure function of the open tasks' ids and the DEPENDS_ON
// edges among them, linear in their number, with no bound on the chain's length.

export interface OpenTask { id: string; deadline: string | null }
export interface Chain { ids: string[]; daysLate: number | null }

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The longest chain of `open` tasks linked by `edges` ([dependent, prerequisite]), in the
 * order the work must be done. Ties go to the chain whose end is latest on `asOf`, then to
 * the smallest end id. `daysLate` is how far past its deadline the end is on `asOf` (0 if
 * not yet due, null if it has none). Cycles (rejected at load) are broken, not followed.
 */
export function longestChain(open: OpenTask[], edges: [string, string][], asOf: string): Chain {
  const byId = new Map(open.map((t) => [t.id, t]));
  const prereqs = new Map<string, string[]>();
  for (const [a, b] of edges) if (byId.has(a) && byId.has(b)) (prereqs.get(a) ?? prereqs.set(a, []).get(a)!).push(b);
  for (const list of prereqs.values()) list.sort();
  const length = new Map<string, number>(); // longest chain ending at a task, in tasks
  const previous = new Map<string, string | null>();
  const visiting = new Set<string>();
  for (const start of [...byId.keys()].sort()) {
    if (length.has(start)) continue;
    const stack: string[] = [start];
    while (stack.length) {
      const id = stack.at(-1)!;
      if (length.has(id)) { stack.pop(); continue; }
      visiting.add(id);
      const pending = (prereqs.get(id) ?? []).filter((b) => !length.has(b) && !visiting.has(b));
      if (pending.length) { stack.push(...pending); continue; }
      let best: string | null = null;
      for (const b of prereqs.get(id) ?? []) if (length.has(b) && (best === null || length.get(b)! > length.get(best)!)) best = b;
      length.set(id, best === null ? 1 : length.get(best)! + 1);
      previous.set(id, best);
      visiting.delete(id);
      stack.pop();
    }
  }
  const lateness = (id: string) => { const d = byId.get(id)!.deadline; return d ? days(d, asOf) : Number.NEGATIVE_INFINITY; };
  let end: string | null = null;
  for (const id of [...byId.keys()].sort()) {
    if (end === null || length.get(id)! > length.get(end)! || (length.get(id) === length.get(end) && lateness(id) > lateness(end))) end = id;
  }
  const ids: string[] = [];
  for (let id = end; id !== null; id = previous.get(id) ?? null) ids.unshift(id);
  const deadline = end ? byId.get(end)!.deadline : null;
  return { ids, daysLate: deadline ? Math.max(0, days(deadline, asOf)) : null };
}
