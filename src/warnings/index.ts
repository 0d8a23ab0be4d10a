// Early warnings (cảnh báo sớm): what needs attention as of a date — unfinished tasks due
// soon that no one has reported on, overdue tasks, tasks whose owner is gone with no
// successor, targets behind their straight line, work waiting on overdue work — each with
// its reason and today's owners; and a target's progress against its figures. Counted and
// paged in Neo4j (queries.ts), reasons in words (reasons.ts), the target rule pure (progress.ts).
import { args as parse } from "../args/index.js";
import { answer } from "../db/answers.js";
import { read, type Db } from "../db/gateway.js";
import { badInput, notFound } from "../errors/index.js";
import type { AgencyRef, TaskRef } from "../trace/index.js";
import { targetProgress, type Figure, type TargetProgress } from "./progress.js";
import { AGENCY_EXISTS, DOCUMENT_EXISTS, TARGET_FIGURES, WARNINGS_PAGE, WARNING_KINDS, warningsQuery, type WarningKind } from "./queries.js";
import { reasonOf, type OffTrack, type Orphan } from "./reasons.js";

export { WARNING_KINDS, type WarningKind } from "./queries.js";
export { targetProgress, type TargetProgress } from "./progress.js";

export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 2000;

export interface Ref { id: string; titleVi: string | null; titleEn: string | null }
export interface Warning { kind: WarningKind; reason: string; task: TaskRef | null; target: Ref | null; owners: AgencyRef[] }
export interface WarningPage {
  asOf: string;
  total: number;
  offset: number;
  limit: number;
  hasNextPage: boolean;
  countsByKind: { kind: WarningKind; count: number }[];
  items: Warning[];
}

export interface WarningsArgs {
  asOf?: string | null;
  agencyId?: string | null;
  documentId?: string | null;
  dueWithinDays?: number | null;
  silentDays?: number | null;
  kinds?: readonly WarningKind[] | null;
  offset?: number | null;
  limit?: number | null;
}

/** The day `n` days after `date` (before, when n < 0). */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The arguments checked, with the windows they make. */
export function warningsParams(a: WarningsArgs) {
  const asOf = parse.asOf(a.asOf);
  const dueWithinDays = parse.int("dueWithinDays", a.dueWithinDays, 30, 0, 366);
  const silentDays = parse.int("silentDays", a.silentDays, 90, 1, 3660);
  const offset = parse.offset(a.offset);
  const limit = parse.int("limit", a.limit, PAGE_DEFAULT, 1, PAGE_MAX);
  if (a.kinds && a.kinds.length === 0) throw badInput("kinds must name at least one kind (leave it out for every kind)", { argument: "kinds" });
  for (const k of a.kinds ?? []) if (!WARNING_KINDS.includes(k)) throw badInput(`kinds: unknown kind "${String(k)}"`, { argument: "kinds" });
  const kinds = WARNING_KINDS.filter((k) => !a.kinds || a.kinds.includes(k));
  return {
    asOf, dueWithinDays, silentDays, offset, limit, kinds,
    agencyId: a.agencyId ?? null, documentId: a.documentId ?? null,
    dueBy: addDays(asOf, dueWithinDays), silentSince: addDays(asOf, -silentDays),
  };
}

interface PageRow { rank: number; id: string; facts: ({ orphans?: Orphan[] } & Partial<OffTrack>) | null }
interface TaskRow { id: string; task: TaskRef; owners: AgencyRef[]; lastReport: { on: string; status: string } | null; blockers: { id: string; deadline: string | null }[] }
interface TargetRow { id: string; target: Ref; owners: AgencyRef[] }

/** Every warning as of asOf in the scope asked: the total, the count of each kind asked, and one page. */
export async function warnings(db: Db, args: WarningsArgs): Promise<WarningPage> {
  const p = warningsParams(args);
  if (p.agencyId !== null && (await read(db, "warnings.agency", AGENCY_EXISTS, { id: p.agencyId })).length === 0) throw notFound("agency", p.agencyId);
  if (p.documentId !== null && (await read(db, "warnings.document", DOCUMENT_EXISTS, { id: p.documentId })).length === 0) {
    throw notFound("document, section, task or event", p.documentId);
  }
  const key = ["warnings", p.asOf, p.agencyId ?? "", p.documentId ?? "", p.dueWithinDays, p.silentDays, p.kinds.join(","), p.offset, p.limit].join("|");
  return answer(db, key, () => computeWarnings(db, p));
}

const TARGET_RANK = WARNING_KINDS.indexOf("TARGET_OFF_TRACK");
const BLOCKED_RANK = WARNING_KINDS.indexOf("BLOCKED_BY_OVERDUE");

async function computeWarnings(db: Db, p: ReturnType<typeof warningsParams>): Promise<WarningPage> {
  const scope = { agency: p.agencyId !== null, document: p.documentId !== null };
  const name = `warnings.${scope.agency ? (scope.document ? "agency_and_document" : "agency") : scope.document ? "document" : "all"}`;
  const [r] = await read(db, name, warningsQuery(scope), {
    asOf: p.asOf, dueBy: p.dueBy, silentSince: p.silentSince, agencyId: p.agencyId, documentId: p.documentId,
    ranks: p.kinds.map((k) => WARNING_KINDS.indexOf(k)), offset: p.offset, limit: p.limit,
  });
  const total = Number(r?.get("total") ?? 0);
  const counts = new Map(((r?.get("counts") ?? []) as { rank: number; count: number }[]).map((c) => [Number(c.rank), Number(c.count)]));
  const page = ((r?.get("page") ?? []) as PageRow[]).map((row) => ({ ...row, rank: Number(row.rank) }));

  const isTarget = (row: PageRow) => row.rank === TARGET_RANK;
  const [views] = page.length === 0 ? [] : await read(db, "warnings.page", WARNINGS_PAGE, {
    asOf: p.asOf,
    taskIds: [...new Set(page.filter((x) => !isTarget(x)).map((x) => x.id))],
    blockedIds: page.filter((x) => x.rank === BLOCKED_RANK).map((x) => x.id),
    targetIds: page.filter(isTarget).map((x) => x.id),
  });
  // read in the same answer as the page: the graph grows by writes only, so every id is there
  const tasks = new Map(((views?.get("tasks") ?? []) as TaskRow[]).map((t) => [t.id, t]));
  const targets = new Map(((views?.get("targets") ?? []) as TargetRow[]).map((g) => [g.id, g]));

  const items = page.map((row): Warning => {
    const kind = WARNING_KINDS[row.rank]!;
    if (isTarget(row)) {
      const g = targets.get(row.id)!;
      const reason = reasonOf(kind, { asOf: p.asOf, silentSince: p.silentSince, deadline: null, lastReport: null, offTrack: row.facts as OffTrack });
      return { kind, reason, task: null, target: g.target, owners: g.owners };
    }
    const t = tasks.get(row.id)!;
    const reason = reasonOf(kind, {
      asOf: p.asOf, silentSince: p.silentSince, deadline: t.task.deadline, lastReport: t.lastReport, orphans: row.facts?.orphans, blockers: t.blockers,
    });
    return { kind, reason, task: t.task, target: null, owners: t.owners };
  });
  return {
    asOf: p.asOf, total, offset: p.offset, limit: p.limit, hasNextPage: p.offset + items.length < total,
    countsByKind: p.kinds.map((kind) => ({ kind, count: counts.get(WARNING_KINDS.indexOf(kind)) ?? 0 })),
    items,
  };
}

/** Target.progress of many targets at once, as of one date (one round trip: the resolver's DataLoader batches). */
export async function targetsProgress(db: Db, asOf: string, ids: readonly string[]): Promise<TargetProgress[]> {
  const records = await read(db, "targetProgress.figures", TARGET_FIGURES, { ids, asOf });
  const byId = new Map(records.map((r) => [r.get("id") as string, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return targetProgress(asOf, {
      targetValue: (r?.get("targetValue") as number | null) ?? null,
      year: r?.get("year") == null ? null : Number(r.get("year")),
      figures: ((r?.get("figures") ?? []) as Figure[]).map((f) => ({ ...f, sequence: Number(f.sequence) })),
      undated: Number(r?.get("undated") ?? 0),
    });
  });
}
