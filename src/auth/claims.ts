// What a verified token must say about its bearer (role, agency, subject), and how long a
// locally signed token may live. Pure: the signature and the registered claims (iss, aud,
// exp) are checked by jose before these rules see a payload.
import { z } from "zod";

export const ROLES = ["REPORTER", "CURATOR"] as const;
export type Role = (typeof ROLES)[number];

export const MAX_SUBJECT = 200;
/** an Agency id (the seed's slugs are far shorter) */
export const MAX_AGENCY = 200;

const Claims = z.object({
  sub: z.string({ error: "The token has no sub claim (who the bearer is)" })
    .min(1, "The token's sub claim is empty")
    .max(MAX_SUBJECT, `The token's sub claim is longer than ${MAX_SUBJECT} characters`),
  role: z.unknown().superRefine((role, ctx) => {
    if (role === undefined) ctx.addIssue({ code: "custom", message: `The token has no role claim (${ROLES.join(" or ")})` });
    else if (!ROLES.includes(role as Role)) ctx.addIssue({ code: "custom", message: `The token's role claim ${describe(role)} is not ${ROLES.join(" or ")}` });
  }).transform((role) => role as Role),
  agency: z.string({ error: "The token's agency claim is not an agency id (a string)" })
    .min(1, "The token's agency claim is empty")
    .max(MAX_AGENCY, `The token's agency claim is longer than ${MAX_AGENCY} characters`)
    .optional(),
});

/** A claim's value in a message: short, quoted, never the token itself. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export interface Bearer { subject: string; role: Role; agencyId: string | null }

/** The bearer a verified payload names, or the one sentence saying why it names none. */
export function bearerOf(payload: Record<string, unknown>): Bearer | { problem: string } {
  // A curator acts for no agency: whatever agency claim the provider adds is not read.
  const claims = Claims.safeParse(payload.role === "CURATOR" ? { ...payload, agency: undefined } : payload);
  if (!claims.success) return { problem: claims.error.issues[0]!.message };
  const { sub, role, agency } = claims.data;
  if (role === "REPORTER" && agency === undefined) {
    return { problem: "A REPORTER token needs an agency claim (the id of the Agency the reporter reports for)" };
  }
  return { subject: sub, role, agencyId: role === "REPORTER" ? agency! : null };
}

export const DEFAULT_LIFETIME = "8h";
export const MAX_LIFETIME_S = 30 * 86_400;
const UNIT_S = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** "8h", "90m", "30d" → seconds; anything else, or more than 30 days, is refused in one sentence. */
export function lifetimeSeconds(text: string): number | { problem: string } {
  const m = /^(\d{1,7})\s*([smhd])$/.exec(text.trim());
  const seconds = m ? Number(m[1]) * UNIT_S[m[2] as keyof typeof UNIT_S] : NaN;
  if (!m || seconds <= 0) return { problem: `A token's lifetime is a number and a unit (s, m, h or d), such as 8h or 30d; got ${describe(text)}` };
  if (seconds > MAX_LIFETIME_S) return { problem: `A token lives at most 30 days (30d); ${text.trim()} is longer` };
  return seconds;
}

/** A moment of a claim (seconds since 1970) as 2026-12-02T10:00:00Z. */
export const claimTime = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
