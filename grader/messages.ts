/**
 * Failure messages as the report keeps them: plain text of bounded size, and the evidence files
 * they name. A message comes from code the submission controls, so it is treated as data: colours
 * stripped, length capped, and only paths under `artifacts/` believed.
 */

/** A report keeps at most this much of one test's message. */
const MAX_MESSAGE_CHARS = 8000;

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are exactly what is removed.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Join jest's failure messages into one plain, bounded text. */
export function cleanMessage(messages: readonly string[]): string {
  const text = messages.join('\n\n').replace(ANSI, '').trimEnd();
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}\n… (cut: ${text.length} characters in all)`;
}

/**
 * The evidence files a message names, in `pcap:   artifacts/….pcap` lines (harness/checks/evidence.ts).
 * Only relative paths inside `artifacts/` count: a message a submission forged cannot point an
 * instructor's tools at `/etc/passwd`.
 */
export function artifactsIn(message: string): string[] {
  const found = [...message.matchAll(/^\s*pcap:\s+(\S+)/gm)].map((match) => match[1] ?? '');
  return [...new Set(found.filter((file) => file.startsWith('artifacts/') && !file.split('/').includes('..')))];
}

/** The first non-empty line of a message (what a summary shows). */
export function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}
