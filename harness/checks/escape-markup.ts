/**
 * Text made safe for markup: HTML pages and SVG drawings show text that came from a run (a test's
 * name, an address, what a submission printed), and none of it may become markup.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as HTML or XML, safe both as an element's content and as a quoted attribute's value. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
