/**
 * Failure messages as plain text of bounded size: colours stripped, length capped. A message comes
 * from code the stack under test controls, so it is treated as data. The grader's report keeps
 * messages so, and so does a student repository's public-only autograding (classroom-public.ts),
 * which is why this lives in the harness.
 */

/** A report keeps at most this much of one test's message. */
const MAX_MESSAGE_CHARS = 8000;

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are exactly what is removed.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Join jest's failure messages into one plain, bounded text. */
export function cleanMessage(messages: readonly string[]): string {
  const raw = messages.join('\n\n');
  // Only the start is looked at: a hostile stack's message may be megabytes long, and all but
  // the first MAX_MESSAGE_CHARS are cut anyway (the start is longer to make room for colours).
  const looked = Math.min(raw.length, 4 * MAX_MESSAGE_CHARS);
  return capText(raw.slice(0, looked).replace(ANSI, '').trimEnd(), MAX_MESSAGE_CHARS, raw.length - looked);
}

/**
 * `text` cut to at most `max` characters, the marker that says so included; `alreadyCut`
 * characters of it were dropped before, and count in the marker. A text already cut to `max` is
 * left as it is, so that capping twice (the report, then an export) does not mark twice.
 */
export function capText(text: string, max: number, alreadyCut = 0): string {
  if (text.length <= max && alreadyCut === 0) return text;
  // The marker's own length depends on the count it shows: room for the longest it can be.
  let keep = Math.min(text.length, max - cutMarker(text.length + alreadyCut).length);
  if (keep < 0) return text.slice(0, max);
  // Never split a surrogate pair: half a character is not even valid UTF-16.
  if (keep > 0 && keep < text.length && /[\uD800-\uDBFF]/.test(text.charAt(keep - 1))) keep -= 1;
  return `${text.slice(0, keep)}${cutMarker(text.length - keep + alreadyCut)}`;
}

/** What replaces the end of a cut text. */
function cutMarker(cut: number): string {
  return `\n… (${cut} more characters cut)`;
}
