// One parser for the arguments every capability takes — dates, bounded whole numbers,
// offsets — so each is checked the same way everywhere and a bad one is BAD_USER_INPUT
// naming the argument and the bound. Pure.
import { z } from "zod";

import { badInput } from "../errors/index.js";

/** A calendar date YYYY-MM-DD that exists (2025-02-30 does not). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, "a date that exists, YYYY-MM-DD");

/** Today's date in Viet Nam (UTC+7), the default `asOf`. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export const MAX_OFFSET = 10_000_000;

function date(name: string, value: string | null | undefined, fallback?: string): string {
  const v = value ?? fallback;
  if (v === undefined || !IsoDate.safeParse(v).success) throw badInput(`${name} must be a date YYYY-MM-DD, got "${String(value)}"`, { argument: name });
  return v;
}

function int(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw badInput(`${name} must be a whole number from ${min} to ${max}, got ${String(v)}`, { argument: name, min, max });
  }
  return v;
}

export const args = {
  date,
  int,
  /** the day an answer is computed for; today in Viet Nam by default */
  asOf: (value: string | null | undefined) => date("asOf", value, todayInVietnam()),
  offset: (value: number | null | undefined) => int("offset", value, 0, 0, MAX_OFFSET),
};
