// The rules of a write, as pure functions: what a report or figure may say (parseProgress,
// parseIndicator), and, given what the graph holds about its subject on the report's date
// (Facts), whether this identity may write it and what to write (decide). The mutation and the
// bulk import both go through here, so a row of a file is judged exactly like a request.
import { z } from "zod";

import type { Identity } from "../auth/index.js";
import { IsoDate, todayInVietnam } from "../args/index.js";
import { AppError } from "../errors/index.js";

export const TASK_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "DONE", "OVERDUE", "UNKNOWN"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const MAX_TEXT = 2_000;
const MAX_ID = 500;
const MAX_KEY = 200;

/** Text a person wrote: no control characters (tabs and newlines are fine), no bidi overrides. */
const text = (max: number) =>
  z.string().max(max, `at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s), "no control or bidi characters")
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, "not empty");
const id = z.string().min(1, "not empty").max(MAX_ID, `at most ${MAX_ID} characters`).refine((s) => s.trim() === s && !/[\u0000-\u001f]/.test(s), "an id without spaces around it or control characters");
const url = z.string().max(MAX_TEXT, `at most ${MAX_TEXT} characters`).refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}, "an http(s) URL");
const date = IsoDate;
const optional = <T extends z.ZodTypeAny>(t: T) => t.nullish().transform((v) => v ?? undefined);

export const ProgressInput = z.object({
  taskId: id,
  status: z.enum(TASK_STATUSES),
  reportedOn: date,
  percent: optional(z.number().int("a whole number").min(0, "0–100").max(100, "0–100")),
  note: optional(text(MAX_TEXT)),
  evidence: optional(z.object({ documentId: optional(id), url: optional(url) }).strict()),
  supersedes: optional(id),
  idempotencyKey: optional(text(MAX_KEY)),
  agencyId: optional(id),
}).strict().superRefine((v, ctx) => {
  if (v.status === "DONE" && v.percent !== undefined && v.percent !== 100) {
    ctx.addIssue({ code: "custom", path: ["percent"], message: `a DONE report is 100 percent complete, not ${v.percent}` });
  }
  if (v.status === "NOT_STARTED" && v.percent !== undefined && v.percent !== 0) {
    ctx.addIssue({ code: "custom", path: ["percent"], message: `a NOT_STARTED report is 0 percent complete, not ${v.percent}` });
  }
});
export type ProgressInput = z.output<typeof ProgressInput>;

export const IndicatorInput = z.object({
  targetId: id,
  value: z.number().finite("a finite number").refine((n) => Math.abs(n) <= 1e15, "within ±10^15"),
  unit: optional(text(100)),
  reportedOn: date,
  period: optional(text(100)),
  sourceUrl: optional(url),
  note: optional(text(MAX_TEXT)),
  idempotencyKey: optional(text(MAX_KEY)),
  agencyId: optional(id),
}).strict();
export type IndicatorInput = z.output<typeof IndicatorInput>;

/** One sentence per problem, naming the field: "percent: 0–100". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const at = i.path.join(".");
    const message = i.code === "unrecognized_keys" ? `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.join(", ")}` : i.message;
    return at ? `${at}: ${message}` : message;
  });
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_USER_INPUT", `The report is invalid: ${describeIssues(parsed.error).join("; ")}`, { problems: describeIssues(parsed.error) });
  return parsed.data;
}

export const parseProgress = (input: unknown, today = todayInVietnam()): ProgressInput => notInFuture(parse(ProgressInput, input), today);
export const parseIndicator = (input: unknown, today = todayInVietnam()): IndicatorInput => notInFuture(parse(IndicatorInput, input), today);

function notInFuture<T extends { reportedOn: string }>(input: T, today: string): T {
  if (input.reportedOn > today) {
    throw new AppError("BAD_USER_INPUT", `reportedOn ${input.reportedOn} is in the future: a report says what held on a day that has come (today in Viet Nam is ${today})`, { argument: "reportedOn" });
  }
  return input;
}

/** An agency as the facts name it. */
export interface AgencyName { id: string; nameVi: string }

/** What the graph holds about a report's subject on the report's date (read in the write's transaction). */
export interface Facts {
  /** the task or target; null when there is none with that id */
  subject: { id: string; titleVi: string } | null;
  /** the day it came into being (its meeting or document), when known */
  start: string | null;
  /** the agencies that own it on the report's date: leads and coordinators (tasks) or monitors (targets), each role with whoever holds it then */
  owners: { assigned: AgencyName; holders: AgencyName[] }[];
  /** the reporter's agency, when the identity has one: null when the graph has no such agency */
  agency: (AgencyName & { dissolvedOn?: string | null }) | null;
  /** the report to supersede, when asked: its task and the report that already supersedes it */
  supersedes?: { id: string; taskId: string; supersededBy: string | null } | null;
  /** the evidence document, when asked: null when there is none */
  evidence?: { id: string } | null;
  /** the report or figure already written with this identity's idempotency key */
  repeat?: { id: string; subjectId: string } | null;
}

export type Decision =
  | { kind: "repeat"; id: string }
  | { kind: "write"; agencyId: string | null };

const names = (agencies: AgencyName[]) => agencies.map((a) => `${a.nameVi} (${a.id})`).join(", ");

/**
 * Whether `identity` may write this report about `subject`, and for which agency. Throws the
 * refusal: NOT_FOUND (no such task, report or document), BAD_USER_INPUT (a date before the task
 * existed, a correction of another task's report), FORBIDDEN (not the owner's, saying whose it is).
 */
export function decide(
  what: "task" | "target",
  input: { reportedOn: string; agencyId?: string; supersedes?: string; idempotencyKey?: string },
  subjectId: string,
  facts: Facts,
  identity: Identity,
): Decision {
  if (!facts.subject) throw new AppError("NOT_FOUND", `No ${what} with id "${subjectId}"`, { id: subjectId });
  if (facts.repeat) {
    if (facts.repeat.subjectId !== subjectId) {
      throw new AppError("BAD_USER_INPUT", `idempotencyKey "${input.idempotencyKey}" was already used for ${what} "${facts.repeat.subjectId}" (${facts.repeat.id}); use a new key for a new report`, { argument: "idempotencyKey" });
    }
    return { kind: "repeat", id: facts.repeat.id };
  }
  if (facts.start && input.reportedOn < facts.start) {
    throw new AppError("BAD_USER_INPUT", `reportedOn ${input.reportedOn} is before ${what} "${subjectId}" existed (it was given on ${facts.start})`, { argument: "reportedOn" });
  }
  if (input.supersedes !== undefined) {
    const old = facts.supersedes;
    if (!old) throw new AppError("NOT_FOUND", `No report with id "${input.supersedes}" to supersede`, { id: input.supersedes });
    if (old.taskId !== subjectId) throw new AppError("BAD_USER_INPUT", `report "${old.id}" is about task "${old.taskId}", not "${subjectId}": a correction supersedes a report on the same task`, { argument: "supersedes" });
    if (old.supersededBy) throw new AppError("BAD_USER_INPUT", `report "${old.id}" is already superseded by "${old.supersededBy}": supersede that one`, { argument: "supersedes" });
  }
  if (facts.evidence === null) throw new AppError("NOT_FOUND", "No document with the id given as evidence", { argument: "evidence.documentId" });

  const owners = facts.owners.flatMap((o) => o.holders);
  const ownerText = owners.length
    ? `${what === "task" ? "it is led or coordinated" : "it is monitored"} on ${input.reportedOn} by ${names(dedupe(owners))}`
    : `no agency ${what === "task" ? "leads or coordinates" : "monitors"} it on ${input.reportedOn}`;
  if (identity.role === "CURATOR") {
    if (input.agencyId !== undefined && !facts.agency) throw new AppError("NOT_FOUND", `No agency with id "${input.agencyId}"`, { id: input.agencyId });
    return { kind: "write", agencyId: input.agencyId ?? null };
  }
  // A reporter writes for its own agency only.
  if (input.agencyId !== undefined && input.agencyId !== identity.agencyId) {
    throw new AppError("FORBIDDEN", `A reporter of ${identity.agencyId} reports for its own agency, not for "${input.agencyId}"`, { agencyId: identity.agencyId });
  }
  if (!facts.agency) throw new AppError("FORBIDDEN", `The token's agency "${identity.agencyId}" is not an agency of the graph`, { agencyId: identity.agencyId });
  if (facts.agency.dissolvedOn && facts.agency.dissolvedOn <= input.reportedOn) {
    throw new AppError("FORBIDDEN", `${facts.agency.nameVi} (${facts.agency.id}) was dissolved on ${facts.agency.dissolvedOn} and may not report on ${input.reportedOn}: ${ownerText}`, { agencyId: identity.agencyId });
  }
  if (!owners.some((a) => a.id === identity.agencyId)) {
    throw new AppError("FORBIDDEN", `${facts.agency.nameVi} (${facts.agency.id}) may not report on ${what} "${subjectId}": ${ownerText}`, {
      agencyId: identity.agencyId, owners: dedupe(owners).map((a) => a.id),
    });
  }
  return { kind: "write", agencyId: identity.agencyId };
}

function dedupe(agencies: AgencyName[]): AgencyName[] {
  const seen = new Map<string, AgencyName>();
  for (const a of agencies) seen.set(a.id, a);
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The key a repeat is found by: the same key from another identity is another write. */
export const scopedKey = (identity: Identity, key: string | undefined) => (key === undefined ? null : `${identity.subject}\u001f${key}`);
