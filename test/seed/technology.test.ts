// Linking tasks and targets to the strategic technology groups by the words of their text.
import { buildModel } from "../../src/model/index.js";
import { readConfiguredSeed } from "../../src/seed/index.js";
import { matchTechnologies } from "../../src/seed/technologyRules.js";
import { config } from "../support/db.js";

describe("matchTechnologies", () => {
  test("names the group and keeps the words as written", () => {
    expect(matchTechnologies("Phát triển công nghiệp bán dẫn và trí tuệ nhân tạo (AI)")).toEqual([
      { group: "1131/QĐ-TTg#1", matched: ["trí tuệ nhân tạo", "AI"] },
      { group: "1131/QĐ-TTg#6", matched: ["bán dẫn"] },
    ]);
  });
  test("5G is group 4; satellites group 10; cybersecurity group 7", () => {
    expect(matchTechnologies("phủ sóng 5G kết hợp Internet vệ tinh").map((m) => m.group)).toEqual(["1131/QĐ-TTg#4", "1131/QĐ-TTg#10"]);
    expect(matchTechnologies("bảo đảm an ninh mạng").map((m) => m.group)).toEqual(["1131/QĐ-TTg#7"]);
  });
  test("the Vietnamese word 'ai' (who) is not AI, and words match whole", () => {
    expect(matchTechnologies("ai làm việc gì")).toEqual([]);
    expect(matchTechnologies("chipset")).toEqual([]);
    expect(matchTechnologies("CHIP")).toEqual([]);
  });
});

test("the seed links tasks to groups, INFERRED, with the matched words and their quote", () => {
  const graph = readConfiguredSeed(config);
  const derived = graph.relationships.filter((r) => r.relType === "CONCERNS" && r.props.kind === "INFERRED");
  expect(derived.length).toBeGreaterThan(20);
  for (const r of derived) {
    const words = r.props.matched as string[];
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect((r.props.quote as string).toLowerCase()).toContain(w.toLowerCase());
  }
  const unverified = derived.filter((r) => ["1131/QĐ-TTg#7", "1131/QĐ-TTg#8", "1131/QĐ-TTg#9", "1131/QĐ-TTg#10", "1131/QĐ-TTg#11"].includes(r.toId));
  for (const r of unverified) expect(r.props.trust).toBe("UNVERIFIED");
  expect(buildModel().nodeTypes.get("Task")!.relationships.some((r) => r.relType === "CONCERNS")).toBe(true);
});
