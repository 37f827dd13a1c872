/**
 * Text made safe for the HTML pages. Everything a page shows comes from a report, and a report
 * quotes the submission (test output, a compiler's errors, its folder's name): none of it may
 * become markup.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as HTML, safe both as an element's content and as a quoted attribute's value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/**
 * A relative URL of path segments, each encoded whole: a name holding `/`, `#` or `?` stays one
 * segment of the path. Escape it again where it goes into an attribute.
 */
export function urlPath(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join('/');
}
