/**
 * The name a packet script's test goes by: its file name, which a student opens, and the case it
 * checks, which the first sentence of its opening comment states (a file name alone, such
 * as "window.pkt", says too little in a list of failures).
 */

/** Longer first sentences are cut at a word, so that a list of tests stays readable. */
const MAX_CASE_LENGTH = 120;

/** `file: <first sentence of its opening comment>`, e.g. "boundaries.pkt: One datagram per recvfrom, whatever the buffer: datagrams are never merged or split". */
export function scriptTestName(file: string, source: string): string {
  const comment: string[] = [];
  for (const line of source.split('\n')) {
    if (!line.startsWith('//')) break;
    comment.push(line.slice(2).trim());
  }
  const text = comment.join(' ').trim();
  if (text === '') throw new Error(`${file}: a script opens with a // comment that says the case it checks (its test is named after it)`);
  return `${file}: ${firstSentence(text)}`;
}

/** Its first sentence: up to the first full stop followed by a space or the end. */
function firstSentence(text: string): string {
  const end = /[.](\s|$)/.exec(text);
  const sentence = end ? text.slice(0, end.index) : text;
  if (sentence.length <= MAX_CASE_LENGTH) return sentence;
  const cut = sentence.lastIndexOf(' ', MAX_CASE_LENGTH);
  return `${sentence.slice(0, cut > 0 ? cut : MAX_CASE_LENGTH)}…`;
}
