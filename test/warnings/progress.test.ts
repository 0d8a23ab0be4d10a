// Target.progress, the rule without a database: the straight line from the baseline (the
// earliest figure) to the target value on the last day of the target year, each branch.
import { addDays, warningsParams } from "../../src/warnings/index.js";
import { daysBetween, figuresAsOf, targetProgress, type Figure } from "../../src/warnings/progress.js";
import { reasonOf } from "../../src/warnings/reasons.js";

const fig = (on: string, value: number, sequence = 0, id = `f-${on}-${sequence}`): Figure => ({ id, on, value, sequence });
const target = (targetValue: number | null, year: number | null, figures: Figure[], undated = 0) => ({ targetValue, year, figures, undated });

describe("the straight line", () => {
  test("a rising target ahead of the line is on track", () => {
    const p = targetProgress("2025-07-02", target(50, 2030, [fig("2025-01-01", 20), fig("2025-07-01", 30)]));
    // 181 of the 2,190 days from 2025-01-01 to 2030-12-31
    expect(p).toMatchObject({ baseline: 20, baselineOn: "2025-01-01", latest: 30, latestOn: "2025-07-01", targetValue: 50, targetOn: "2030-12-31", onTrack: true });
    expect(p.expected).toBeCloseTo(20 + 30 * 181 / 2190, 12);
    expect(p.rule).toMatch(/^on track: the latest figure 30 \(2025-07-01\) reaches 22\.479; the straight line from the baseline 20 on 2025-01-01 to the target 50 on 2030-12-31/);
  });

  test("a rising target behind the line is not", () => {
    const p = targetProgress("2025-07-02", target(30, 2030, [fig("2025-01-01", 10), fig("2025-07-01", 11)]));
    expect(p.onTrack).toBe(false);
    expect(p.expected).toBeCloseTo(11.653, 3);
    expect(p.rule).toMatch(/^behind: the latest figure 11 \(2025-07-01\) is below 11\.653/);
  });

  test("a falling target (a rank) is on track at or under the line, behind above it", () => {
    const ahead = targetProgress("2025-07-02", target(3, 2030, [fig("2025-01-01", 10), fig("2025-07-01", 9)]));
    expect(ahead.onTrack).toBe(true);
    expect(ahead.expected).toBeCloseTo(10 - 7 * 181 / 2190, 12);
    expect(ahead.rule).toMatch(/is at most 9\.421/);
    const behind = targetProgress("2025-07-02", target(3, 2030, [fig("2025-01-01", 10), fig("2025-07-01", 10)]));
    expect(behind.onTrack).toBe(false);
    expect(behind.rule).toMatch(/is above 9\.421/);
  });

  test("exactly on the line is on track, either way", () => {
    expect(targetProgress("2030-12-31", target(30, 2030, [fig("2025-01-01", 10), fig("2030-12-31", 30)])).onTrack).toBe(true);
    expect(targetProgress("2030-12-31", target(3, 2030, [fig("2025-01-01", 10), fig("2030-12-31", 3)])).onTrack).toBe(true);
    expect(targetProgress("2026-01-01", target(10, 2030, [fig("2025-01-01", 10), fig("2026-01-01", 10)]))).toMatchObject({ expected: 10, onTrack: true });
  });

  test("after the target year the line stands at the target value", () => {
    const p = targetProgress("2032-01-01", target(30, 2030, [fig("2025-01-01", 10), fig("2032-01-01", 29)]));
    expect(p.expected).toBe(30);
    expect(p.onTrack).toBe(false);
  });
});

describe("which figures count", () => {
  test("figures dated after asOf are not known on asOf", () => {
    const figures = [fig("2025-01-01", 10), fig("2025-07-01", 11), fig("2026-01-01", 40)];
    expect(targetProgress("2025-12-31", target(30, 2030, figures))).toMatchObject({ latest: 11, latestOn: "2025-07-01", onTrack: false });
    expect(targetProgress("2026-01-01", target(30, 2030, figures))).toMatchObject({ latest: 40, onTrack: true });
  });

  test("on one date the figure written last counts (larger sequence, then larger id)", () => {
    expect(figuresAsOf("2026-01-01", [fig("2025-07-01", 9, 0), fig("2025-01-01", 10), fig("2025-07-01", 10, 1)]).map((f) => f.value)).toEqual([10, 10]);
    expect(figuresAsOf("2026-01-01", [fig("2025-07-01", 9, 0, "b"), fig("2025-07-01", 8, 0, "a")]).map((f) => f.value)).toEqual([9]);
    expect(targetProgress("2025-07-02", target(3, 2030, [fig("2025-01-01", 10), fig("2025-07-01", 9, 0), fig("2025-07-01", 10, 1)])).onTrack).toBe(false);
  });
});

describe("when it cannot be told", () => {
  test("no target value", () => {
    expect(targetProgress("2025-07-02", target(null, 2030, [fig("2025-01-01", 10), fig("2025-07-01", 11)]))).toMatchObject({ onTrack: null, expected: null, rule: "cannot be told: the target has no value" });
  });
  test("no year", () => {
    expect(targetProgress("2025-07-02", target(15, null, [fig("2025-01-01", 10), fig("2025-07-01", 11)]))).toMatchObject({ onTrack: null, targetOn: null, rule: "cannot be told: the target has no year" });
  });
  test("no figure, or one date only (two figures on one day are one)", () => {
    expect(targetProgress("2025-07-02", target(30, 2030, [])).rule).toBe("cannot be told: no figure dated on or before 2025-07-02");
    const one = targetProgress("2025-07-02", target(30, 2030, [fig("2025-01-01", 10), fig("2025-01-01", 12, 1)]));
    expect(one).toMatchObject({ onTrack: null, baseline: 12, latest: 12 });
    expect(one.rule).toBe("cannot be told: one figure dated on or before 2025-07-02 (12 on 2025-01-01); two dates are needed");
  });
  test("the baseline is not before the end of the target year", () => {
    expect(targetProgress("2031-06-01", target(30, 2030, [fig("2030-12-31", 10), fig("2031-01-01", 11)])))
      .toMatchObject({ onTrack: null, rule: "cannot be told: the baseline (2030-12-31) is not before the end of the target year (2030-12-31)" });
  });
  test("figures without a date are said, not used", () => {
    expect(targetProgress("2025-07-02", target(30, 2030, [fig("2025-01-01", 10)], 2)).rule).toMatch(/two dates are needed \(2 figures without a date are not used\)$/);
    expect(targetProgress("2025-07-02", target(30, 2030, [fig("2025-01-01", 10), fig("2025-07-01", 11)], 1)).rule).toMatch(/\(1 figure without a date is not used\)$/);
  });
});

describe("dates and reasons", () => {
  test("days and windows", () => {
    expect(daysBetween("2025-01-01", "2030-12-31")).toBe(2190);
    expect(addDays("2025-07-02", 30)).toBe("2025-08-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(warningsParams({ asOf: "2025-07-02" })).toMatchObject({ dueBy: "2025-08-01", silentSince: "2025-04-03", dueWithinDays: 30, silentDays: 90, limit: 100, offset: 0 });
  });

  test("reasons say the dates and figures that decided them", () => {
    const base = { asOf: "2025-06-18", silentSince: "2025-02-01", lastReport: null };
    expect(reasonOf("DUE_SOON_UNREPORTED", { ...base, deadline: "2025-06-30" })).toBe("due 2025-06-30, in 12 days; no report at all");
    expect(reasonOf("DUE_SOON_UNREPORTED", { ...base, deadline: "2025-06-18", lastReport: { on: "2025-01-10", status: "IN_PROGRESS" } }))
      .toBe("due 2025-06-18, today; no report since 2025-02-01 (last report 2025-01-10: in progress)");
    expect(reasonOf("OVERDUE", { ...base, deadline: "2025-06-17" })).toBe("due 2025-06-17, 1 day ago, not done; no report at all");
    expect(reasonOf("OVERDUE", { ...base, deadline: null, lastReport: { on: "2025-05-24", status: "OVERDUE" } })).toBe("reported overdue on 2025-05-24 (no deadline)");
    expect(reasonOf("ORPHANED_OWNER", { ...base, deadline: null, orphans: [
      { role: "coordinating", id: "x", agency: "Bình Dương", dissolvedOn: "2025-07-01", heldBy: [] },
      { role: "lead", id: "y", agency: "Bộ A", dissolvedOn: "2025-03-01", heldBy: [{ id: "z", agency: "Bộ B", dissolvedOn: "2025-06-01" }] },
    ] })).toBe("coordinating agency Bình Dương, dissolved 2025-07-01, has no successor; lead agency Bộ A passed its role to Bộ B, dissolved 2025-06-01, has no successor");
    expect(reasonOf("TARGET_OFF_TRACK", { ...base, deadline: null, offTrack: { baseline: 10, baselineOn: "2025-01-01", latest: 11, latestOn: "2025-07-01", targetValue: 30, targetOn: "2030-12-31", expected: 11.65296803652968 } }))
      .toBe("11 on 2025-07-01 is below the 11.653 expected then on the straight line from 10 on 2025-01-01 to 30 by 2030-12-31");
    const blockers = ["#1", "#2", "#3", "#4", "#5", "#6", "#7"].map((id) => ({ id, deadline: "2025-03-31" }));
    expect(reasonOf("BLOCKED_BY_OVERDUE", { ...base, deadline: null, blockers: blockers.slice(0, 1) })).toBe("waits on 1 overdue task: #1 (due 2025-03-31)");
    expect(reasonOf("BLOCKED_BY_OVERDUE", { ...base, deadline: null, blockers })).toMatch(/^waits on 7 overdue tasks: #1 .*#5 \(due 2025-03-31\) and 2 more$/);
  });

  test("bounds refuse with BAD_USER_INPUT", () => {
    for (const bad of [{ dueWithinDays: -1 }, { dueWithinDays: 367 }, { silentDays: 0 }, { silentDays: 3661 }, { limit: 0 }, { limit: 2001 }, { offset: -1 }, { asOf: "2025-02-30" }, { kinds: [] }]) {
      expect(() => warningsParams(bad)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    }
    expect(warningsParams({ dueWithinDays: 0, silentDays: 3660, limit: 2000 })).toMatchObject({ dueWithinDays: 0, silentDays: 3660, limit: 2000 });
  });
});
