// The Lucene query built from the user's folded text: every word required, abbreviations as
// any of their alternatives, nothing the user types read as query syntax.
import { escapeLucene, luceneQuery } from "../../src/search/lucene.js";

test("every word is required and the whole text is a boosted phrase", () => {
  expect(luceneQuery("to lam")).toBe('+to +lam "to lam"^2');
  expect(luceneQuery("to")).toBe("+to");
});

test("an abbreviation or expansion matches any of its alternatives", () => {
  expect(luceneQuery("bo cong an")).toBe('+("bo cong an" OR "ministry of public security" OR bca) "bo cong an"^2');
  expect(luceneQuery("kh cn")).toBe('+("kh cn" OR khcn OR "khoa hoc va cong nghe" OR "khoa hoc cong nghe") "kh cn"^2');
  expect(luceneQuery("nq57 muc tieu")).toBe(
    '+(nq57 OR "nq 57" OR "57 nq tw" OR "nghi quyet 57" OR "nghi quyet so 57" OR "resolution 57") +muc +tieu "nq57 muc tieu"^2',
  );
});

test("lenient: long words may be one edit away, the last word may be a prefix", () => {
  expect(luceneQuery("chuyenn doi s", true)).toBe('+chuyenn~1 +doi +(s OR s*) "chuyenn doi s"^2');
});

test("query syntax is escaped", () => {
  expect(escapeLucene('a+b-c!(d){e}[f]^"g"~h*i?j:k\\l/m&&n||o')).toBe('a\\+b\\-c\\!\\(d\\)\\{e\\}\\[f\\]\\^\\"g\\"\\~h\\*i\\?j\\:k\\\\l\\/m\\&\\&n\\|\\|o');
});
