/**
 * Scores that GitHub Classroom's grading reporter adds up without floating-point dust. The
 * reporter adds the tests' scores one by one, from 0, in floating point, and prints the total
 * Classroom records: scores of 0.1 and 0.025 come to `Points 99.99999999999994/100`.
 *
 * Here the running totals (the decimal totals so far, as sumPoints rounds them) are rounded to
 * one grid: the spacing of doubles at the final total. Every running total on that grid is a
 * double, so is every step from one to the next, and so is every sum the reporter makes: it adds
 * exactly, and ends on the final total, which is on the grid. A test's score then differs from
 * its points by less than that spacing (1e-14 of a point for totals under 100).
 */
import { sumPoints } from '../score';

/** `points` (each ≥ 0), as the scores to give the reporter, in the same order. */
export function reporterScores(points: readonly number[]): number[] {
  let decimal = 0;
  const running = points.map((score) => (decimal = sumPoints([decimal, score])));
  if (decimal === 0) return points.map(() => 0);
  const grid = spacingAt(decimal);
  let reached = 0;
  return running.map((total) => {
    const onGrid = Math.round(total / grid) * grid;
    const step = onGrid - reached;
    reached = onGrid;
    return step;
  });
}

/** The gap between `value` (> 0) and the next double up: a power of two. */
function spacingAt(value: number): number {
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0]! += 1n;
  return new Float64Array(bits.buffer)[0]! - value;
}
