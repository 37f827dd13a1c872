/**
 * The "next step" printed at the end of `npm test`: a few lines, not another report. The stubs
 * come first, each with where it throws and how many tests wait on it, then the other failures
 * (the student's own code, or a wrong answer), then the one thing to do now.
 */
import type { StackSite } from './failures';
import type { NextStep } from './next-step';

/** At most this many stubs and this many other failures are listed; the rest are counted. */
export const MAX_STUBS = 6;
export const MAX_OTHERS = 2;
/** A test's name, a message or a stub's description is cut to this many characters: each is one line. */
const MAX_CHARS = 72;

/** The lines to print, none when nothing failed. `stackLabel` is how the stack folder is shown: `stack`. */
export function nextStepLines(step: NextStep, stackLabel: string): string[] {
  const { stubs, others } = step;
  if (stubs.length === 0 && others.length === 0) return [];
  const where = (site: StackSite | undefined): string => (site ? `${stackLabel}/${site.file}:${site.line}` : '');
  const lines = ['Next step'];
  if (stubs.length > 0) {
    lines.push("  Not implemented yet, in the handouts' order, with the tests that fail on each:");
    const shown = stubs.slice(0, MAX_STUBS);
    const width = Math.max(...shown.map((stub) => where(stub.site).length));
    for (const stub of shown) {
      lines.push(`    ${stub.milestone}  ${where(stub.site).padEnd(width)}  ${plural(stub.tests, 'test').padStart(9)}  ${cut(stub.what)}`);
    }
    if (stubs.length > MAX_STUBS) lines.push(`    and ${stubs.length - MAX_STUBS} more`);
  }
  if (others.length > 0) {
    lines.push('  Other failures:');
    for (const other of others.slice(0, MAX_OTHERS)) {
      lines.push(`    ${other.site ? `${where(other.site)}  ` : ''}${cut(other.message)}`);
      lines.push(`      ${other.tests === 1 ? '1 test' : `${other.tests} tests, the first`}: ${cut(other.firstTest)}`);
    }
    if (others.length > MAX_OTHERS) lines.push(`    and ${others.length - MAX_OTHERS} more`);
  }
  const stub = stubs[0];
  const other = others[0];
  if (stub) lines.push(`  fix first: ${where(stub.site) || stackLabel} (${stub.milestone}: ${cut(stub.what)})`);
  else if (other) lines.push(`  fix first: ${other.site ? where(other.site) : cut(other.firstTest)}`);
  return lines;
}

function cut(text: string): string {
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1)}…`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
