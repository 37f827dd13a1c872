/** Paths made safe for the HTML pages' links (text is made safe by the harness's escape-markup.ts). */

/**
 * A relative URL of path segments, each encoded whole: a name holding `/`, `#` or `?` stays one
 * segment of the path. Escape it again where it goes into an attribute.
 */
export function urlPath(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join('/');
}
