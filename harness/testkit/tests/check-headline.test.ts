/**
 * The first line of a failed expect names what was checked: each case fails a real `expect` and
 * reads the first line of its message after nameTheCheck.
 */
import { nameTheCheck } from '../check-headline';

/** Where a check is, as a first line ends: this file and a line of it. */
const PLACE = / \(check-headline\.test\.ts:\d+\)$/;

/** The first line of the failure `check` throws, named, without its place (checked once, below). */
function headline(check: () => void): string {
  try {
    check();
  } catch (error) {
    nameTheCheck(error);
    const first = (error as Error).message.split('\n')[0] ?? '';
    expect(first).toMatch(PLACE);
    return first.replace(PLACE, '');
  }
  throw new Error('the check passed');
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const recvfrom = (fd: number, max: number) => ({ data: bytes('hello').subarray(0, max), from: { address: '10.0.0.2', port: 5000 + fd }, truncated: true });
const counters = { IpInReceives: 2, UdpInCsumErrors: 0, UdpInDatagrams: 2 };
const pending = 1;
const EPOLLIN = 1;

describe('the first line of a failed expect', () => {
  it('names the field of the checked value that differs, with both values', () => {
    expect(headline(() => expect(recvfrom(3, 4)).toEqual({ data: bytes('hell'), from: { address: '10.0.0.2', port: 5003 }, truncated: false }))).toBe(
      'recvfrom(3, 4).truncated: expected false, got true',
    );
  });

  it('says how many more places differ, and shows bytes with their count', () => {
    expect(headline(() => expect(recvfrom(3, 5)).toEqual({ data: bytes('next'), from: { address: '10.0.0.3', port: 5003 }, truncated: false }))).toBe(
      'recvfrom(3, 5).data: expected 4 bytes "next", got 5 bytes "hello" (and 2 more differences)',
    );
  });

  it('names a plain value by its source, `await` left out', async () => {
    const message = await (async () => {
      try {
        expect(await Promise.resolve(pending)).toBe(0);
      } catch (error) {
        nameTheCheck(error);
        return (error as Error).message.split('\n')[0];
      }
    })();
    expect(message).toMatch(/^Promise\.resolve\(pending\): expected 0, got 1 \(check-headline\.test\.ts:\d+\)$/);
  });

  it('shows arrays whole when their lengths differ', () => {
    expect(headline(() => expect(['first', 'third']).toEqual(['first', 'second', 'third']))).toBe(
      `['first', 'third']: expected ["first", "second", "third"], got ["first", "third"]`,
    );
  });

  it('reads matchers without values from their message: comparisons, lengths, object subsets', () => {
    expect(headline(() => expect(counters.IpInReceives).toBeGreaterThan(5))).toBe('counters.IpInReceives: expected > 5, got 2');
    expect(headline(() => expect([1, 2]).toHaveLength(3))).toBe('[1, 2]: expected length 3, got length 2');
    expect(headline(() => expect(counters).toMatchObject({ UdpInCsumErrors: 1 }))).toBe('counters.UdpInCsumErrors: expected 1, got 0');
  });

  it('says what a negated check refused', () => {
    expect(headline(() => expect(pending & EPOLLIN).not.toBe(1))).toBe('pending & EPOLLIN: expected anything but 1');
  });

  it('keeps the rest of jest\'s message (its diff) under the new first line', () => {
    try {
      expect({ a: 1 }).toEqual({ a: 2 });
    } catch (error) {
      nameTheCheck(error);
      expect((error as Error).message).toMatch(/^\{ a: 1 \}\.a: expected 2, got 1 \(check-headline\.test\.ts:\d+\)\n\n- Expected/);
      expect((error as Error).stack).toMatch(/^Error: \{ a: 1 \}\.a: expected 2, got 1/);
    }
  });

  it('ends with the file and line of the expect', () => {
    const line = Number(/:(\d+):\d+\)?$/m.exec(new Error().stack?.split('\n')[1] ?? '')?.[1]) + 2;
    try {
      expect(pending).toBe(0);
    } catch (error) {
      nameTheCheck(error);
      expect((error as Error).message.split('\n')[0]).toBe(`pending: expected 0, got 1 (check-headline.test.ts:${line})`);
    }
  });

  it('finds the expect from the stack\'s frames, not from a line of the message that looks like one', () => {
    const text = 'first line\n    at /nowhere/forged.ts:1:1';
    // jest's message quotes the value on lines of their own: `Expected: not "first line` then `    at /nowhere/…`.
    expect(headline(() => expect(text).not.toBe(text))).toBe('text: expected anything but "first line\\n    at /nowhere/forged.ts:1:1"');
  });

  it('leaves errors that are not a failed expect as they are', () => {
    const error = new Error('not implemented (m1: the checksum)');
    nameTheCheck(error);
    expect(error.message).toBe('not implemented (m1: the checksum)');
  });
});
