// XML escaping, written here rather than taken from a builder: xmlbuilder2 (the streaming
// builder we tried) leaves tab, line feed and carriage return raw inside attribute values
// and carriage return raw in text, which every XML parser then normalises (to spaces, and
// CR LF to LF), so a quote with a line break would not come back as written. GEXF keeps every
// value in an attribute, so this matters. Characters XML 1.0 cannot carry at all (C0 controls
// other than tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates) become U+FFFD.

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#x9;", "\n": "&#xA;", "\r": "&#xD;",
};

/** Element content: & < > and CR escaped (LF and tab are kept as they are). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/[&<>\r]/g, (c) => ENTITIES[c]!);
}

/** An attribute value in double quotes: & < > " and tab, LF, CR escaped so they survive normalisation. */
export function xmlAttr(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/[&<>"\t\n\r]/g, (c) => ENTITIES[c]!);
}

/** `name="value" …` for the defined values. */
export function attrs(values: Record<string, string | number | undefined>): string {
  let s = "";
  for (const [k, v] of Object.entries(values)) if (v !== undefined) s += ` ${k}="${xmlAttr(String(v))}"`;
  return s;
}
