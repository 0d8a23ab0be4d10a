// Which words of a text name which strategic technology group of 1131/QĐ-TTg. Curated: a
// task or target whose quoted text contains one of these words CONCERNS the group (kind
// INFERRED, the words recorded). Matching is on whole words and ignores case, except for
// words marked `exact` ("AI" — "ai" is the Vietnamese for "who").
export interface TechnologyRule {
  group: string;
  words: string[];
  exact?: string[];
}

export const TECHNOLOGY_RULES: TechnologyRule[] = [
  { group: "1131/QĐ-TTg#1", words: ["trí tuệ nhân tạo", "bản sao số", "thực tế ảo", "thực tế tăng cường", "mô hình ngôn ngữ lớn", "trợ lý ảo"], exact: ["AI"] },
  { group: "1131/QĐ-TTg#2", words: ["điện toán đám mây", "điện toán lượng tử", "công nghệ lượng tử", "dữ liệu lớn", "trung tâm dữ liệu"], exact: ["Big Data"] },
  { group: "1131/QĐ-TTg#3", words: ["chuỗi khối", "blockchain", "tài sản số", "tài sản mã hóa", "tiền mã hóa", "truy xuất nguồn gốc"] },
  { group: "1131/QĐ-TTg#4", words: ["mạng di động thế hệ", "mạng di động 5G", "ORAN"], exact: ["5G", "6G"] },
  { group: "1131/QĐ-TTg#5", words: ["robot", "tự động hóa"] },
  { group: "1131/QĐ-TTg#6", words: ["bán dẫn", "vi mạch"], exact: ["chip"] },
  { group: "1131/QĐ-TTg#7", words: ["an ninh mạng", "an toàn thông tin mạng"] },
  { group: "1131/QĐ-TTg#8", words: ["vật liệu tiên tiến", "vật liệu mới", "năng lượng nguyên tử", "năng lượng tái tạo", "năng lượng mới"] },
  { group: "1131/QĐ-TTg#9", words: ["công nghệ sinh học", "y sinh"] },
  { group: "1131/QĐ-TTg#10", words: ["công nghệ vũ trụ", "công nghiệp vũ trụ", "hàng không vũ trụ", "vệ tinh", "máy bay không người lái"], exact: ["UAV"] },
  { group: "1131/QĐ-TTg#11", words: ["biển sâu", "đất hiếm", "lòng đất"] },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordPattern = (word: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word.normalize("NFC"))}(?![\\p{L}\\p{N}])`, flags);

const COMPILED = TECHNOLOGY_RULES.map((rule) => ({
  group: rule.group,
  patterns: [...rule.words.map((w) => wordPattern(w, "iu")), ...(rule.exact ?? []).map((w) => wordPattern(w, "u"))],
}));

/** The groups a text names, each with the words (as written in the text) that name it. Pure. */
export function matchTechnologies(text: string): { group: string; matched: string[] }[] {
  const t = text.normalize("NFC");
  const out: { group: string; matched: string[] }[] = [];
  for (const { group, patterns } of COMPILED) {
    const matched = [...new Set(patterns.map((p) => p.exec(t)?.[0]).filter((m): m is string => m !== undefined))];
    if (matched.length) out.push({ group, matched });
  }
  return out;
}
