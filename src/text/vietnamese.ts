// Vietnamese without diacritics: the one folding that ids (slugs), deadline parsing, duplicate
// detection and search all build on. Pure.

/**
 * "Bộ Công an" → "Bo Cong an". NFKD also turns compatibility forms (full-width letters,
 * ligatures) into plain ones; đ has no decomposition, and ð/Ð are its look-alikes in copied text.
 */
export function stripDiacritics(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").replace(/[đĐðÐ]/g, "d");
}
