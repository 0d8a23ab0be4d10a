// Deadline forms of the source texts → last day of the period, and whether the work recurs.
import { parseDeadline } from "../../src/seed/deadline.js";

describe("parseDeadline", () => {
  test.each([
    ["6/2025", "2025-06-30", false],
    ["06/2025", "2025-06-30", false],
    ["2/2024", "2024-02-29", false],
    ["Tháng 10/2025", "2025-10-31", false],
    ["tháng 12/2025", "2025-12-31", false],
    ["trong tháng 01 năm 2025", "2025-01-31", false],
    ["Quý II/2025", "2025-06-30", false],
    ["Quý IV/2025", "2025-12-31", false],
    ["2025", "2025-12-31", false],
    ["Năm 2026", "2026-12-31", false],
    ["trong năm 2025", "2025-12-31", false],
    ["2025 - 2026", "2026-12-31", false],
    ["2025-2030", "2030-12-31", false],
    ["31/3/2026", "2026-03-31", false],
    ["trước 31/3/2026", "2026-03-31", false],
    ["Trước ngày 31/03/2026", "2026-03-31", false],
    ["2025 và những năm tiếp theo", "2025-12-31", true],
    ["Thường xuyên", null, true],
    ["THƯỜNG XUYÊN", null, true],
    ["Hằng năm", null, true],
    ["Nhiệm vụ thường xuyên", null, true],
    ["định kỳ 6 tháng", null, true],
    ["", null, false],
  ])("%s → %s", (text, deadline, recurring) => {
    expect(parseDeadline(text)).toEqual({ deadline, recurring });
  });

  test.each(["sớm", "31/2/2026", "13/2025", "2026 - 2025", "Quý V/2025"])("%s is not a deadline it can read", (text) => {
    expect(parseDeadline(text)).toBeNull();
  });

  test("no text means no deadline", () => {
    expect(parseDeadline(undefined)).toEqual({ deadline: null, recurring: false });
  });
});
