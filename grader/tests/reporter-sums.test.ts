/**
 * Classroom scores the grading reporter adds up exactly (export/reporter-sums.ts): whatever the
 * points, its total in floating point is the decimal total, and no score strays from its test's
 * points by more than rounding can show.
 */
import fc from 'fast-check';
import { checkProperty } from '../../harness/testkit/property';
import { reporterScores } from '../export/reporter-sums';
import { sumPoints } from '../score';

/** How the reporter adds them (autograding-grading-reporter's notify-classroom.js): in order, from 0. */
function reporterTotal(scores: readonly number[]): number {
  let total = 0;
  for (const score of scores) total += score;
  return total;
}

/** Points as milestone.json has them: up to three decimals, from 0 to 20. */
const points = fc.integer({ min: 0, max: 20_000 }).map((thousandths) => thousandths / 1000);

describe('classroom scores', () => {
  it('add up, as the reporter adds them, to exactly the decimal total', () => {
    checkProperty(
      fc.property(fc.array(points, { maxLength: 400, size: 'max' }), (testPoints) => {
        expect(reporterTotal(reporterScores(testPoints))).toBe(sumPoints(testPoints));
      }),
    );
  });

  it('each differ from their test’s points by less than a millionth of a point', () => {
    checkProperty(
      fc.property(fc.array(points, { maxLength: 400, size: 'max' }), (testPoints) => {
        reporterScores(testPoints).forEach((score, i) => expect(Math.abs(score - testPoints[i]!)).toBeLessThan(1e-6));
      }),
    );
  });

  it('reach a total that no step from the running total before it reaches: 0.008 + 5.067 + 8.011', () => {
    // From 5.075, adding any double near 8.011 gives 13.085999999999999 or 13.086000000000002.
    expect(reporterTotal(reporterScores([0.008, 5.067, 8.011]))).toBe(13.086);
  });

  it('sum 0.1 and 0.025 points, which floating point adds to 99.99999999999994, to 100', () => {
    const testPoints = [...Array<number>(800).fill(0.1), ...Array<number>(800).fill(0.025)];
    expect(reporterTotal(testPoints)).not.toBe(100);
    expect(reporterTotal(reporterScores(testPoints))).toBe(100);
  });
});
