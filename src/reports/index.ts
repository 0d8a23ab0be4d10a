// The living graph: reports of progress and figures written by the agencies that own the work
// (or by curators), each in one transaction with its audit entry (write.ts, by the rules of
// rules.ts), and what dashboards and curators read of the writes: the changes since a time, and
// the audit log. Every as-of answer of the other capabilities follows the reports through the
// shared fragments (src/cypher/fragments.ts, reportOf).
import neo4j from "neo4j-driver";

import { read, type Db } from "../db/gateway.js";
import { badInput } from "../errors/index.js";
import type { AuditEntry, AuditPage, Change, Changes } from "../graphql/generated/types.js";
import { audit, CHANGES, REPORTS_LOAD } from "./queries.js";

const iso = (v: unknown): string | null => (v == null ? null : neo4j.isDateTime(v as object) ? new Date((v as { toString(): string }).toString()).toISOString() : String(v));
const page = (total: number, offset: number, limit: number) => ({ total, offset, limit, hasNextPage: offset + limit < total });

export async function changes(db: Db, a: { since: string; offset: number; limit: number }): Promise<Changes> {
  const since = parseTime(a.since, "since");
  const [r] = await read(db, "reports.changes", CHANGES, { key: REPORTS_LOAD, since, offset: a.offset, limit: a.limit });
  const items = (r!.get("items") as Record<string, unknown>[]).map((c) => ({ ...c, sequence: Number(c.sequence), at: iso(c.at) }) as Change);
  return {
    since: since.toString(), lastSequence: Number(r!.get("lastSequence")), lastWriteAt: iso(r!.get("lastWriteAt")),
    ...page(Number(r!.get("total")), a.offset, a.limit), items,
  };
}

export async function auditLog(db: Db, a: { since: string | null; agencyId: string | null; offset: number; limit: number }): Promise<AuditPage> {
  const since = a.since === null ? null : parseTime(a.since, "since");
  const [r] = await read(db, "reports.audit", audit(since !== null, a.agencyId !== null), { since, agencyId: a.agencyId, offset: a.offset, limit: a.limit });
  const items = (r!.get("items") as Record<string, unknown>[]).map((e) => ({
    ...e, sequence: Number(e.sequence), at: iso(e.at), agencyId: e.agencyId ?? null, requestId: e.requestId ?? null, subjectId: e.subjectId ?? null,
  }) as AuditEntry);
  return { ...page(Number(r!.get("total")), a.offset, a.limit), items };
}

/** A DateTime argument (the scalar hands it over as text or a driver value) as a driver DateTime. */
function parseTime(value: string, name: string) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw badInput(`${name} must be a time (ISO 8601, e.g. 2026-12-01T08:00:00Z), got "${value.slice(0, 40)}"`, { argument: name });
  return neo4j.types.DateTime.fromStandardDate(d);
}
