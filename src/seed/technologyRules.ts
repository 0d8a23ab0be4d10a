// Which words of a text name which strategic technology group of 1131/QĐ-TTg. Curated: a
// task or target whose own text contains one of these words CONCERNS the group (kind
// INFERRED, the words recorded). Matching is on whole words and ignores case, except for
// words marked `exact` ("AI" — "ai" is the Vietnamese for "who"). A word inside one of the
// rule's `unless` phrases does not count: automating administrative procedures or military
// command is not robotics. How well the rules do is measured against a hand-labelled sample
// (src/seed/technologyPrecision.ts, `npm run seed:report`).
export interface TechnologyRule {
  group: string;
  words: string[];
  exact?: string[];
  /** phrases in which the rule's words name something else */
  unless?: string[];
}

export const TECHNOLOGY_RULES: TechnologyRule[] = [
  { group: "1131/QĐ-TTg#1", words: ["trí tuệ nhân tạo", "bản sao số", "thực tế ảo", "thực tế tăng cường", "mô hình ngôn ngữ lớn", "trợ lý ảo"], exact: ["AI"] },
  { group: "1131/QĐ-TTg#2", words: ["điện toán đám mây", "điện toán lượng tử", "công nghệ lượng tử", "dữ liệu lớn", "trung tâm dữ liệu"], exact: ["Big Data"],
    // a system built "on the infrastructure of the National Data Centre" is hosted there, not about it
    unless: ["trên hạ tầng của trung tâm dữ liệu"] },
  { group: "1131/QĐ-TTg#3", words: ["chuỗi khối", "blockchain", "tài sản số", "tài sản mã hóa", "tiền mã hóa", "truy xuất nguồn gốc"] },
  { group: "1131/QĐ-TTg#4", words: ["mạng di động thế hệ", "mạng di động 5G", "ORAN"], exact: ["5G", "6G"] },
  { group: "1131/QĐ-TTg#5", words: ["robot", "rô bốt", "tự động hóa"],
    unless: ["tự động hóa thủ tục hành chính", "tự động hóa chỉ huy"] },
  { group: "1131/QĐ-TTg#6", words: ["bán dẫn", "vi mạch", "chíp"], exact: ["chip"] },
  { group: "1131/QĐ-TTg#7", words: ["an ninh mạng", "an toàn thông tin mạng", "tấn công mạng", "gián điệp mạng", "lỗ hổng bảo mật"] },
  { group: "1131/QĐ-TTg#8", words: ["vật liệu tiên tiến", "vật liệu mới", "năng lượng nguyên tử", "năng lượng tái tạo", "năng lượng mới", "năng lượng sạch", "năng lượng xanh"] },
  { group: "1131/QĐ-TTg#9", words: ["công nghệ sinh học", "y sinh"] },
  { group: "1131/QĐ-TTg#10", words: ["công nghệ vũ trụ", "công nghiệp vũ trụ", "hàng không vũ trụ", "không gian vũ trụ", "vệ tinh", "máy bay không người lái"], exact: ["UAV"] },
  { group: "1131/QĐ-TTg#11", words: ["biển sâu", "đất hiếm", "lòng đất", "không gian ngầm", "tài nguyên khoáng sản"] },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordPattern = (word: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word.normalize("NFC"))}(?![\\p{L}\\p{N}])`, flags);

const COMPILED = TECHNOLOGY_RULES.map((rule) => ({
  group: rule.group,
  patterns: [...rule.words.map((w) => wordPattern(w, "iu")), ...(rule.exact ?? []).map((w) => wordPattern(w, "u"))],
  unless: (rule.unless ?? []).map((w) => wordPattern(w, "giu")),
}));

/** The groups a text names, each with the words (as written in the text) that name it. Pure. */
export function matchTechnologies(text: string): { group: string; matched: string[] }[] {
  const t = text.normalize("NFC");
  const out: { group: string; matched: string[] }[] = [];
  for (const { group, patterns, unless } of COMPILED) {
    // blank the exceptions out (same length, so no new word boundary joins two words)
    const rest = unless.reduce((s, p) => s.replace(p, (m) => " ".repeat(m.length)), t);
    const matched = [...new Set(patterns.map((p) => p.exec(rest)?.[0]).filter((m): m is string => m !== undefined))];
    if (matched.length) out.push({ group, matched });
  }
  return out;
}
