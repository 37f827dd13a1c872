/**
 * The first line of a failed `expect`: what was checked, what it should have been and what it was,
 *
 *     lab.sys.recvfrom(fd, 4).truncated: expected false, got true (datagrams.test.ts:37)
 *
 * instead of jest's `expect(received).toEqual(expected) // deep equality`, which is all a summary
 * showed of a failure: a student read the name of a matcher, not what broke. The rest of jest's
 * message (its diff) stays under it.
 */
import { setMessage } from './error-message';
import { failingExpect, type FailingExpect } from './failing-expect';
import { firstDifference } from './first-difference';
import { showValue } from './show-value';

// eslint-disable-next-line no-control-regex -- ANSI colour codes are what is removed.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Give a failed `expect`'s error the first line that names its check; any other error is left as it is. */
export function nameTheCheck(error: unknown): void {
  if (!(error instanceof Error) || !('matcherResult' in error)) return;
  try {
    const headline = checkHeadline(error, error.matcherResult);
    const rest = error.message.indexOf('\n');
    setMessage(error, rest < 0 ? headline : `${headline}${error.message.slice(rest)}`);
  } catch {
    // A value the stack under test made may throw when looked at: the message stays jest's.
  }
}

/** What a matcher tells of its result: `toBe` and the `toEqual`s give both values, the others only a message. */
interface MatcherResult {
  readonly actual?: unknown;
  readonly expected?: unknown;
}

function checkHeadline(error: Error, result: unknown): string {
  // Only the frames: the message before them may hold lines that look like one (a diff of text).
  const stack = error.stack ?? '';
  const head = `${error.name}: ${error.message}`;
  const site = failingExpect(stack.startsWith(head) ? stack.slice(head.length) : stack);
  const subject = site?.subject ?? 'the checked value';
  const where = site ? ` (${site.file}:${site.line})` : '';
  return `${subject}${outcome(error.message, site, (result ?? {}) as MatcherResult)}${where}`;
}

/** `.truncated: expected false, got true`, or the best the matcher's message allows. */
function outcome(message: string, site: FailingExpect | undefined, result: MatcherResult): string {
  if (site?.negated) return `: expected anything but ${'expected' in result ? showValue(result.expected) : site.args}`;
  if ('actual' in result && 'expected' in result) {
    const difference = firstDifference(result.actual, result.expected);
    if (difference) {
      const more = difference.more > 0 ? ` (and ${difference.more} more ${difference.more === 1 ? 'difference' : 'differences'})` : '';
      return `${difference.path}: expected ${showValue(difference.expected)}, got ${showValue(difference.actual)}${more}`;
    }
  }
  const plain = message.replace(ANSI, '').split('\n');
  // `Expected: > 5` / `Received:   3`, `Expected length: 3` / `Received length: 2`.
  const expected = labelled(plain, 'Expected');
  const received = labelled(plain, 'Received');
  if (expected !== undefined && received !== undefined) return `: expected ${expected}, got ${received}`;
  // A diff (`toMatchObject`): its first removed and added lines.
  const removed = plain.find((line) => /^- (?!Expected)/.test(line));
  const added = plain.find((line) => /^\+ (?!Received)/.test(line));
  if (removed && added) return field(removed.slice(2), added.slice(2));
  return site ? `: failed ${site.matcher}(${site.args})` : ': failed';
}

/** The text after `Expected:` (or `Expected length:` → `length 3`) on the first line so labelled. */
function labelled(lines: readonly string[], label: string): string | undefined {
  const match = lines.map((line) => new RegExp(`^${label}( [a-z ]+)?: +(.*)$`).exec(line)).find(Boolean);
  return match ? `${match[1] ? `${match[1].trim()} ` : ''}${match[2]}` : undefined;
}

/** `"UdpInCsumErrors": 1,` against `"UdpInCsumErrors": 0,` → `.UdpInCsumErrors: expected 1, got 0`. */
function field(removed: string, added: string): string {
  const entry = /^\s*"?([\w$]+)"?: (.*?),?$/;
  const [e, a] = [entry.exec(removed), entry.exec(added)];
  if (e && a && e[1] === a[1]) return `.${e[1]}: expected ${e[2]}, got ${a[2]}`;
  return `: expected ${removed.trim()}, got ${added.trim()}`;
}
