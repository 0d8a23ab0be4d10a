// The id rule for agencies and people: ASCII slug of the official Vietnamese name.
// "Bộ Khoa học và Công nghệ" → "bo-khoa-hoc-va-cong-nghe" (diacritics dropped, đ → d).
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
