// The id rule for agencies and people: ASCII slug of the official Vietnamese name.
// "Bộ Khoa học và Công nghệ" → "bo-khoa-hoc-va-cong-nghe" (diacritics dropped, đ → d).
import { stripDiacritics } from "../text/vietnamese.js";

export function slug(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
