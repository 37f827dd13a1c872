import type { Timing } from '../../language/ast';
import { arrivalWindow, baseTime, formatSeconds, returnWindow, startTime, type Leeway } from '../../runner/timing';

const at = (us: number, relative = false): Timing => ({ kind: 'at', relative, us });
const tolerance = (toleranceUs: number): Leeway => ({ toleranceUs, clockSlackUs: 0 });

describe('timing windows', () => {
  it('an absolute time ignores the base; a relative one adds to it', () => {
    expect(startTime(at(100_000), 50_000)).toBe(100_000);
    expect(startTime(at(100_000, true), 50_000)).toBe(150_000);
    expect(startTime({ kind: 'any' }, 50_000)).toBeUndefined();
  });

  it('an exact time gets the tolerance on both sides', () => {
    expect(arrivalWindow(at(100_000, true), 20_000, tolerance(4_000))).toEqual({ fromUs: 116_000, toUs: 124_000, text: 'at 0.120 s (±4 ms)' });
    expect(arrivalWindow(at(0), 0, tolerance(0))).toEqual({ fromUs: 0, toUs: 0, text: 'at 0.000 s' });
  });

  it('a range is exact, with both ends from the same base, ends included', () => {
    const range: Timing = { kind: 'range', relative: true, fromUs: 0, toUs: 40_000 };
    expect(arrivalWindow(range, 1_000_000, tolerance(4_000))).toEqual({ fromUs: 1_000_000, toUs: 1_040_000, text: 'between 1.000 s and 1.040 s' });
    expect(arrivalWindow({ kind: 'range', relative: false, fromUs: 100_000, toUs: 200_000 }, 1_000_000, tolerance(4_000))).toMatchObject({ fromUs: 100_000, toUs: 200_000 });
  });

  it("a real-time backend's clock slack widens every window, ranges too, and says so", () => {
    const slack: Leeway = { toleranceUs: 4_000, clockSlackUs: 20_000 };
    expect(arrivalWindow(at(100_000), 0, slack)).toEqual({ fromUs: 76_000, toUs: 124_000, text: 'at 0.100 s (±4 ms, ±20 ms clock slack)' });
    const range: Timing = { kind: 'range', relative: false, fromUs: 100_000, toUs: 200_000 };
    expect(arrivalWindow(range, 0, slack)).toEqual({ fromUs: 80_000, toUs: 220_000, text: 'between 0.100 s and 0.200 s (±20 ms clock slack)' });
    const blocking: Timing = { kind: 'blocking', relative: false, startUs: 0, endUs: 250_000 };
    expect(returnWindow(blocking, 0, { toleranceUs: 0, clockSlackUs: 20_000 })).toEqual({ fromUs: 230_000, toUs: 270_000, text: 'at 0.250 s (±20 ms clock slack)' });
  });

  it('* is any time', () => {
    expect(arrivalWindow({ kind: 'any' }, 5, tolerance(4_000))).toEqual({ fromUs: -Infinity, toUs: Infinity, text: 'at any time' });
  });

  it('a blocking call starts at its start and must return as long after it actually started as the script says', () => {
    const blocking: Timing = { kind: 'blocking', relative: true, startUs: 0, endUs: 100_000 };
    expect(startTime(blocking, 300_000)).toBe(300_000);
    expect(returnWindow(blocking, 300_000, tolerance(4_000))).toEqual({ fromUs: 396_000, toUs: 404_000, text: 'at 0.400 s (±4 ms)' });
    // Started 7 ms late: due 7 ms late.
    expect(returnWindow({ kind: 'blocking', relative: false, startUs: 200_000, endUs: 700_000 }, 207_000, tolerance(0))).toMatchObject({ fromUs: 707_000, toUs: 707_000 });
    expect(returnWindow(at(0), 0, tolerance(4_000))).toBeUndefined();
  });

  it('the next + counts from when the previous line actually happened; an inbound after an inbound from its scheduled time', () => {
    expect(baseTime(false, undefined)).toBe(0);
    expect(baseTime(true, undefined)).toBe(0);
    expect(baseTime(false, { actualUs: 103_000 })).toBe(103_000);
    expect(baseTime(true, { actualUs: 103_000 })).toBe(103_000);
    const inbound = { actualUs: 103_000, inboundScheduledUs: 100_000 };
    expect(baseTime(true, inbound)).toBe(100_000);
    expect(baseTime(false, inbound)).toBe(103_000);
  });

  it('prints seconds with at least milliseconds and at most microseconds', () => {
    expect(formatSeconds(0)).toBe('0.000 s');
    expect(formatSeconds(100_000)).toBe('0.100 s');
    expect(formatSeconds(1_234_500)).toBe('1.2345 s');
    expect(formatSeconds(3_000_001)).toBe('3.000001 s');
  });
});
