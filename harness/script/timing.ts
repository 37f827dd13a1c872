/**
 * When each line happens. A relative time (`+0.1`) counts from the previous line's time: its
 * scripted time when that was exact, or, after a window (`~`, `*`), the time the packet actually
 * came — so that one early or late packet inside its window does not shift the rest of the script.
 * A blocking call's line time is its start (the script goes on while the call blocks).
 */
import type { Timing } from './ast';

/** An inclusive window of time (µs since the script started) and how to say it. */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
  readonly text: string;
}

/** Script time as a person reads it: `0.100 s`, `1.2345 s`. */
export function formatSeconds(us: number): string {
  return `${(us / 1e6).toFixed(6).replace(/(\.\d{3}\d*?)0+$/, '$1')} s`;
}

function resolve(relative: boolean, us: number, baseUs: number): number {
  return relative ? baseUs + us : us;
}

/** When the line acts: injects its packet or starts its call. Undefined for `*`. */
export function startTime(timing: Timing, baseUs: number): number | undefined {
  switch (timing.kind) {
    case 'any':
      return undefined;
    case 'at':
      return resolve(timing.relative, timing.us, baseUs);
    case 'range':
      return resolve(timing.relative, timing.fromUs, baseUs);
    case 'blocking':
      return resolve(timing.relative, timing.startUs, baseUs);
  }
}

function around(atUs: number, toleranceUs: number): Window {
  const tolerance = toleranceUs > 0 ? ` (±${toleranceUs / 1000} ms)` : '';
  return { fromUs: atUs - toleranceUs, toUs: atUs + toleranceUs, text: `at ${formatSeconds(atUs)}${tolerance}` };
}

/** When an outbound packet of this line may arrive. A range is exact; a time has the tolerance. */
export function arrivalWindow(timing: Timing, baseUs: number, toleranceUs: number): Window {
  switch (timing.kind) {
    case 'any':
      return { fromUs: -Infinity, toUs: Infinity, text: 'at any time' };
    case 'range': {
      const fromUs = resolve(timing.relative, timing.fromUs, baseUs);
      const toUs = resolve(timing.relative, timing.toUs, baseUs);
      return { fromUs, toUs, text: `between ${formatSeconds(fromUs)} and ${formatSeconds(toUs)}` };
    }
    default:
      return around(startTime(timing, baseUs)!, toleranceUs);
  }
}

/** When a blocking call (`start...end`) must return; undefined for a call with no end time. */
export function returnWindow(timing: Timing, baseUs: number, toleranceUs: number): Window | undefined {
  return timing.kind === 'blocking' ? around(resolve(timing.relative, timing.endUs, baseUs), toleranceUs) : undefined;
}

/** The time the next line's `+` counts from, once this line happened at `actualUs`. */
export function nextBase(timing: Timing, baseUs: number, actualUs: number): number {
  return timing.kind === 'any' || timing.kind === 'range' ? actualUs : startTime(timing, baseUs)!;
}
