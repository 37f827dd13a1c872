/**
 * The name a packet script's test goes by: its file name, which a student opens, and the case it
 * checks, which the script's opening comment states in its first clause (a file name alone, such
 * as "window.pkt", says too little in a list of failures).
 */

/** Longer first clauses are cut at a word, so that a list of tests stays readable. */
const MAX_CASE_LENGTH = 120;

/** `file: <first clause of its opening comment>`, e.g. "errno.pkt: Calls that make no sense in the socket's state fail with the errno Linux gives". */
export function scriptTestName(file: string, source: string): string {
  const comment: string[] = [];
  for (const line of source.split('\n')) {
    if (!line.startsWith('//')) break;
    comment.push(line.slice(2).trim());
  }
  const text = comment.join(' ').trim();
  if (text === '') throw new Error(`${file}: a script opens with a // comment that says the case it checks (its test is named after it)`);
  return `${file}: ${firstClause(text)}`;
}

/** Its first sentence: up to the first full stop followed by a space or the end. */
function firstClause(text: string): string {
  const end = /[.](\s|$)/.exec(text);
  const clause = end ? text.slice(0, end.index) : text;
  if (clause.length <= MAX_CASE_LENGTH) return clause;
  const cut = clause.lastIndexOf(' ', MAX_CASE_LENGTH);
  return `${clause.slice(0, cut > 0 ? cut : MAX_CASE_LENGTH)}…`;
}
