// The rule of Target.progress: a target against its figures, as a straight line from the
// baseline (its earliest figure) to the target value on the last day of the target year.
// Pure: the figures come from the database (queries.ts), the verdict and its words from here.
// The warnings' TARGET_OFF_TRACK applies the same rule in Cypher (queries.ts, offTrack);
// a test checks the two agree.

/** A dated figure that measures the target. */
export interface Figure { id: string; value: number; on: string; sequence: number }

export interface TargetFacts {
  targetValue: number | null;
  year: number | null;
  /** the target's figures with a date (any date: those after asOf are left out here) */
  figures: Figure[];
  /** figures without a date: never used, but said in the rule */
  undated: number;
}

export interface TargetProgress {
  asOf: string;
  baseline: number | null;
  baselineOn: string | null;
  targetValue: number | null;
  targetOn: string | null;
  latest: number | null;
  latestOn: string | null;
  expected: number | null;
  onTrack: boolean | null;
  rule: string;
}

const DAY_MS = 86_400_000;
/** Whole days from a to b (dates YYYY-MM-DD). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** A figure as words: at most three decimals, no trailing zeros. */
export const figure = (x: number): string => String(Number(x.toFixed(3)));

/**
 * The figures that count, one per date, oldest first: on a date with several, the one written
 * last (larger sequence, then larger id), as a correction supersedes what it corrects.
 */
export function figuresAsOf(asOf: string, figures: Figure[]): Figure[] {
  const sorted = figures.filter((f) => f.on <= asOf)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : b.sequence - a.sequence || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)));
  return sorted.filter((f, i) => i === 0 || sorted[i - 1]!.on !== f.on);
}

/**
 * The straight line: expected = baseline + (target − baseline) × elapsed / span, where elapsed
 * is the days from the baseline to the latest figure (at most span: after the target year the
 * line stands at the target) and span the days from the baseline to the end of the target year.
 * On track when the latest figure reaches the line (a target below its baseline, e.g. a rank:
 * when it is at most the line). Null when it cannot be told, with why.
 */
export function targetProgress(asOf: string, facts: TargetFacts): TargetProgress {
  const { targetValue, year } = facts;
  const targetOn = year == null ? null : `${String(year).padStart(4, "0")}-12-31`;
  const figures = figuresAsOf(asOf, facts.figures);
  const base = figures[0] ?? null;
  const last = figures.at(-1) ?? null;
  const answer = { asOf, baseline: base?.value ?? null, baselineOn: base?.on ?? null, targetValue, targetOn, latest: last?.value ?? null, latestOn: last?.on ?? null };
  const undated = facts.undated > 0 ? ` (${facts.undated} figure${facts.undated === 1 ? "" : "s"} without a date ${facts.undated === 1 ? "is" : "are"} not used)` : "";
  const cannot = (why: string): TargetProgress => ({ ...answer, expected: null, onTrack: null, rule: `cannot be told: ${why}${undated}` });

  if (targetValue == null) return cannot("the target has no value");
  if (targetOn == null) return cannot("the target has no year");
  if (figures.length < 2) {
    return cannot(figures.length === 0 ? `no figure dated on or before ${asOf}` : `one figure dated on or before ${asOf} (${figure(base!.value)} on ${base!.on}); two dates are needed`);
  }
  if (base!.on >= targetOn) return cannot(`the baseline (${base!.on}) is not before the end of the target year (${targetOn})`);

  const span = daysBetween(base!.on, targetOn);
  const elapsed = Math.min(daysBetween(base!.on, last!.on), span);
  const expected = base!.value + (targetValue - base!.value) * elapsed / span;
  const rises = targetValue >= base!.value;
  const onTrack = rises ? last!.value >= expected : last!.value <= expected;
  const line = `the straight line from the baseline ${figure(base!.value)} on ${base!.on} to the target ${figure(targetValue)} on ${targetOn} stands at ${figure(expected)} on ${last!.on}`;
  const verdict = onTrack
    ? `on track: the latest figure ${figure(last!.value)} (${last!.on}) ${rises ? "reaches" : "is at most"} ${figure(expected)}`
    : `behind: the latest figure ${figure(last!.value)} (${last!.on}) is ${rises ? "below" : "above"} ${figure(expected)}`;
  return { ...answer, expected, onTrack, rule: `${verdict}; ${line}${undated}` };
}
