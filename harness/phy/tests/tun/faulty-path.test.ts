/**
 * The fault injector on the TUN path (faulty-path.ts), on jest's fake timers: a held packet is
 * handed over by a timer, so virtual timer time shows exactly when it comes out. No TUN needed;
 * the interop tests show the same injector between Linux and a stack.
 */
import type { LadderEntry } from '../../../checks/ladder';
import type { ImpairmentOptions } from '../../../sim/impairments';
import { Rng } from '../../../sim/rng';
import { FaultyPath, type PathOptions } from '../../tun/faulty-path';

/** Packet `i` is 2 bytes holding `i`, so that what came out says which went in. */
const packet = (i: number): Uint8Array => Uint8Array.of(i >> 8, i & 0xff);
const indexOf = (p: Uint8Array): number => (p[0]! << 8) | p[1]!;

interface Outcome {
  /** Indices in the order they came out (a duplicate comes out twice). */
  readonly delivered: number[];
  /** Indices lost, with why. */
  readonly lost: string[];
}

/** Send `count` packets through a path made from `seed`, 1 ms apart, and let every timer run. */
function runPath(seed: number, options: PathOptions, count: number): Outcome {
  const delivered: number[] = [];
  const captured: LadderEntry[] = [];
  const path = new FaultyPath(options, new Rng(seed), (p) => delivered.push(indexOf(p)), (entry) => captured.push(entry));
  for (let i = 0; i < count; i++) {
    path.enter(packet(i), i * 1000);
    jest.advanceTimersByTime(1);
  }
  jest.runAllTimers();
  return { delivered, lost: captured.filter((entry) => entry.dropReason).map((entry) => `${indexOf(entry.packet)} ${entry.dropReason}`) };
}

const EVERYTHING: ImpairmentOptions = { loss: 0.1, reorder: { probability: 0.1, delayUs: 5000 }, duplicate: { probability: 0.05 }, corrupt: 0.02 };

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('the fault injector on the TUN path', () => {
  it('the same seed loses, reorders and duplicates the same packets; another seed others', () => {
    const first = runPath(7, { delayUs: 2000, impairments: EVERYTHING }, 500);
    expect(runPath(7, { delayUs: 2000, impairments: EVERYTHING }, 500)).toEqual(first);
    expect(first.lost.length).toBeGreaterThan(0);
    // Reordered: some packet came out after one sent later.
    expect(first.delivered.some((index, at) => at > 0 && index < first.delivered[at - 1]!)).toBe(true);
    // Duplicated: some packet came out twice.
    expect(new Set(first.delivered).size).toBeLessThan(first.delivered.length);
    const other = runPath(8, { delayUs: 2000, impairments: EVERYTHING }, 500);
    expect(other.lost).not.toEqual(first.lost);
  });

  it('loses about the share it is told to, and marks each loss in the capture', () => {
    const count = 2000;
    const { delivered, lost } = runPath(1, { impairments: { loss: 0.2 } }, count);
    // 400 expected; 4 standard deviations (sqrt(2000 * 0.2 * 0.8) ≈ 18) either side.
    expect(lost.length).toBeGreaterThanOrEqual(328);
    expect(lost.length).toBeLessThanOrEqual(472);
    expect(lost.every((entry) => entry.endsWith(' loss'))).toBe(true);
    expect(delivered.length + lost.length).toBe(count);
  });

  it('holds every packet for its delay, not a millisecond less', () => {
    const delivered: number[] = [];
    const path = new FaultyPath({ delayUs: 20_000 }, new Rng(1), (p) => delivered.push(indexOf(p)), () => undefined);
    path.enter(packet(1), 0);
    jest.advanceTimersByTime(19);
    expect(delivered).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(delivered).toEqual([1]);
  });

  it('without faults, hands a packet over at once', () => {
    const delivered: number[] = [];
    new FaultyPath({}, new Rng(1), (p) => delivered.push(indexOf(p)), () => undefined).enter(packet(3), 0);
    expect(delivered).toEqual([3]);
  });

  it('once cleared, delivers none of the packets it still held', () => {
    const delivered: number[] = [];
    const path = new FaultyPath({ delayUs: 1000 }, new Rng(1), (p) => delivered.push(indexOf(p)), () => undefined);
    path.enter(packet(1), 0);
    path.clear();
    jest.runAllTimers();
    expect(delivered).toEqual([]);
  });

  it('refuses a delay that is not whole microseconds', () => {
    expect(() => new FaultyPath({ delayUs: 1.5 }, new Rng(1), () => undefined, () => undefined)).toThrow(RangeError);
  });
});
