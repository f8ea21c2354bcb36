/**
 * Escaping for the XML and HTML formatters. Everything a report carries may come from the checked
 * repository (file names, manifest values, licence lines), so every piece of it goes through here.
 */

/**
 * Characters XML 1.0 does not allow at all, not even as character references: C0 controls other than
 * tab, LF and CR, lone surrogates, and U+FFFE/U+FFFF. A parser refuses the whole document over one of
 * them, so they are removed.
 */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/** Text content of an element (also safe for HTML text). */
export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value in double quotes. Tabs and line breaks become character references, because a
 * parser normalises literal ones in attributes to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** HTML text or a double-quoted HTML attribute value. */
export function escapeHtml(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
