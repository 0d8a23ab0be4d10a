// The rules of a write, without a database: what a report may say, and who may write it given
// what the graph holds on the report's date.
import { decide, parseIndicator, parseProgress, scopedKey, type Facts } from "../../src/reports/rules.js";
import type { Identity } from "../../src/auth/index.js";

const reporter: Identity = { subject: "local:bo-khoa-hoc-va-cong-nghe", role: "REPORTER", agencyId: "bo-khoa-hoc-va-cong-nghe" };
const curator: Identity = { subject: "local:curator", role: "CURATOR", agencyId: null };
const bkhcn = { id: "bo-khoa-hoc-va-cong-nghe", nameVi: "Bộ Khoa học và Công nghệ" };
const btttt = { id: "bo-thong-tin-va-truyen-thong", nameVi: "Bộ Thông tin và Truyền thông" };

const facts = (over: Partial<Facts> = {}): Facts => ({
  subject: { id: "03/NQ-CP#1", titleVi: "…" }, start: "2025-01-14",
  owners: [{ assigned: btttt, holders: [bkhcn] }], agency: bkhcn, repeat: null, ...over,
});
const input = { reportedOn: "2025-09-01" };

describe("parseProgress", () => {
  const ok = { taskId: "03/NQ-CP#1", status: "IN_PROGRESS", reportedOn: "2025-09-01" };
  test("takes a report and trims its texts", () => {
    expect(parseProgress({ ...ok, note: "  Đang thực hiện  ", percent: 40 }, "2026-01-01")).toMatchObject({ note: "Đang thực hiện", percent: 40 });
  });
  test.each([
    [{ reportedOn: "2026-01-02" }, /in the future.*2026-01-01/],
    [{ reportedOn: "2025-02-30" }, /reportedOn/],
    [{ percent: 101 }, /percent: 0–100/],
    [{ percent: 2.5 }, /percent: a whole number/],
    [{ status: "DONE", percent: 40 }, /DONE report is 100 percent/],
    [{ status: "NOT_STARTED", percent: 10 }, /NOT_STARTED report is 0 percent/],
    [{ status: "FINISHED" }, /status/],
    [{ note: "x".repeat(2001) }, /note: at most 2000/],
    [{ note: "a\u202eb" }, /note: no control or bidi/],
    [{ evidence: { url: "javascript:alert(1)" } }, /evidence.url: an http\(s\) URL/],
    [{ evidence: { file: "/etc/passwd" } }, /unknown field file/],
    [{ owner: "x" }, /unknown field owner/],
    [{ taskId: " 03/NQ-CP#1" }, /taskId/],
  ])("refuses %j", (bad, message) => {
    expect(() => parseProgress({ ...ok, ...bad }, "2026-01-01")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", message: expect.stringMatching(message) }));
  });
  test("a figure: a finite value, an http(s) source", () => {
    expect(parseIndicator({ targetId: "57-NQ/TW#T14", value: 3.1, reportedOn: "2025-12-31", sourceUrl: "https://x.vn/a" }, "2026-01-01")).toMatchObject({ value: 3.1 });
    expect(() => parseIndicator({ targetId: "57-NQ/TW#T14", value: 1e16, reportedOn: "2025-12-31" }, "2026-01-01")).toThrow(/value/);
  });
});

describe("decide", () => {
  test("the agency holding the role on the date may write, for itself", () => {
    expect(decide("task", input, "03/NQ-CP#1", facts(), reporter)).toEqual({ kind: "write", agencyId: bkhcn.id });
  });
  test("another agency may not, and is told whose task it is", () => {
    const other: Identity = { subject: "x", role: "REPORTER", agencyId: "bo-cong-an" };
    expect(() => decide("task", input, "03/NQ-CP#1", facts({ agency: { id: "bo-cong-an", nameVi: "Bộ Công an" } }), other))
      .toThrow(expect.objectContaining({ code: "FORBIDDEN", message: expect.stringContaining("led or coordinated on 2025-09-01 by Bộ Khoa học và Công nghệ (bo-khoa-hoc-va-cong-nghe)") }));
  });
  test("the predecessor, succeeded by then, may not", () => {
    const old: Identity = { subject: "x", role: "REPORTER", agencyId: btttt.id };
    expect(() => decide("task", input, "03/NQ-CP#1", facts({ agency: { ...btttt, dissolvedOn: "2025-03-01" } }), old)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
  test("an agency dissolved by the date may not, even where it still holds the role", () => {
    const gone: Identity = { subject: "x", role: "REPORTER", agencyId: "binh-duong" };
    const f = facts({ owners: [{ assigned: { id: "binh-duong", nameVi: "Bình Dương" }, holders: [{ id: "binh-duong", nameVi: "Bình Dương" }] }], agency: { id: "binh-duong", nameVi: "Bình Dương", dissolvedOn: "2025-07-01" } });
    expect(decide("task", { reportedOn: "2025-06-30" }, "03/NQ-CP#1", f, gone)).toEqual({ kind: "write", agencyId: "binh-duong" });
    expect(() => decide("task", { reportedOn: "2025-07-01" }, "03/NQ-CP#1", f, gone)).toThrow(/dissolved on 2025-07-01/);
  });
  test("a reporter writes for its own agency only; a curator for any, or none", () => {
    expect(() => decide("task", { ...input, agencyId: "bo-cong-an" }, "03/NQ-CP#1", facts(), reporter)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(decide("task", input, "03/NQ-CP#1", facts({ agency: null }), curator)).toEqual({ kind: "write", agencyId: null });
    expect(decide("task", { ...input, agencyId: "bo-cong-an" }, "03/NQ-CP#1", facts({ owners: [], agency: { id: "bo-cong-an", nameVi: "Bộ Công an" } }), curator)).toEqual({ kind: "write", agencyId: "bo-cong-an" });
    expect(() => decide("task", { ...input, agencyId: "khong-co" }, "03/NQ-CP#1", facts({ agency: null }), curator)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
  test("no such task: NOT_FOUND; before it existed: BAD_USER_INPUT", () => {
    expect(() => decide("task", input, "03/NQ-CP#999", facts({ subject: null }), curator)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => decide("task", { reportedOn: "2025-01-13" }, "03/NQ-CP#1", facts(), curator)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", message: expect.stringContaining("2025-01-14") }));
  });
  test("a repeat returns the first write; the key used for another subject is refused", () => {
    expect(decide("task", { ...input, idempotencyKey: "k" }, "03/NQ-CP#1", facts({ repeat: { id: "report:7", subjectId: "03/NQ-CP#1" } }), reporter)).toEqual({ kind: "repeat", id: "report:7" });
    expect(() => decide("task", { ...input, idempotencyKey: "k" }, "03/NQ-CP#1", facts({ repeat: { id: "report:7", subjectId: "03/NQ-CP#2" } }), reporter)).toThrow(/already used/);
  });
  test("a correction supersedes a report on the same task that nothing supersedes yet", () => {
    const c = { ...input, supersedes: "report:3" };
    expect(decide("task", c, "03/NQ-CP#1", facts({ supersedes: { id: "report:3", taskId: "03/NQ-CP#1", supersededBy: null } }), curator).kind).toBe("write");
    expect(() => decide("task", c, "03/NQ-CP#1", facts({ supersedes: null }), curator)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => decide("task", c, "03/NQ-CP#1", facts({ supersedes: { id: "report:3", taskId: "03/NQ-CP#2", supersededBy: null } }), curator)).toThrow(/same task/);
    expect(() => decide("task", c, "03/NQ-CP#1", facts({ supersedes: { id: "report:3", taskId: "03/NQ-CP#1", supersededBy: "report:5" } }), curator)).toThrow(/already superseded by "report:5"/);
  });
  test("idempotency keys are per identity", () => {
    expect(scopedKey(reporter, "k")).not.toBe(scopedKey(curator, "k"));
    expect(scopedKey(reporter, undefined)).toBeNull();
  });
});
