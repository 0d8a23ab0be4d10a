// Agency and person ids: ASCII slugs of the Vietnamese names.
import { slug } from "../../src/seed/slug.js";

test.each([
  ["Bộ Khoa học và Công nghệ", "bo-khoa-hoc-va-cong-nghe"],
  ["Bộ Lao động – Thương binh và Xã hội", "bo-lao-dong-thuong-binh-va-xa-hoi"],
  ["Ban Tuyên giáo và Dân vận Trung ương", "ban-tuyen-giao-va-dan-van-trung-uong"],
  ["Đài Tiếng nói Việt Nam", "dai-tieng-noi-viet-nam"],
  ["Tô Lâm", "to-lam"],
  ["Các bộ, ngành, địa phương", "cac-bo-nganh-dia-phuong"],
])("%s → %s", (name, expected) => {
  expect(slug(name)).toBe(expected);
});

test("decomposed and composed Vietnamese give the same slug", () => {
  expect(slug("Hà Nội".normalize("NFD"))).toBe(slug("Hà Nội".normalize("NFC")));
});
