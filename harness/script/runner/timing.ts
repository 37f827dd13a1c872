/**
 * When each line happens, anchored as packetdrill anchors it. A relative time (`+0.1`) counts
 * from when the previous line actually completed: the packet went in, the packet came, the call
 * returned (or, for a call that blocks, started) — so that a harness that was late for one line,
 * on a busy machine, is not held to the script's clock for every line after it. One exception: an
 * inbound packet after an inbound packet counts from that one's scheduled time, so that a burst
 * the harness writes keeps its spacing and its lateness does not add up packet by packet. A
 * blocking call's return window counts from when the call actually started.
 *
 * On the simulator the actual times are the scheduled ones (virtual time never runs late), except
 * an outbound packet's, which may come anywhere in its tolerance or range.
 */
import type { Timing } from '../language/ast';

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

/**
 * How far off its time an event may be and still count: the script's `--tolerance_usecs`, and
 * the backend's clock slack (0 on the simulator; on a real-time backend, how much a busy machine
 * may misjudge when something happened).
 */
export interface Leeway {
  readonly toleranceUs: number;
  readonly clockSlackUs: number;
}

/** What a window adds for the clock slack: `, ±20 ms clock slack` (nothing when there is none). */
function slackText(clockSlackUs: number): string {
  return clockSlackUs > 0 ? `±${clockSlackUs / 1000} ms clock slack` : '';
}

function around(atUs: number, { toleranceUs, clockSlackUs }: Leeway): Window {
  const parts = [toleranceUs > 0 ? `±${toleranceUs / 1000} ms` : '', slackText(clockSlackUs)].filter(Boolean);
  const offUs = toleranceUs + clockSlackUs;
  return { fromUs: atUs - offUs, toUs: atUs + offUs, text: `at ${formatSeconds(atUs)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}` };
}

/** When an outbound packet of this line may arrive. A range is exact (but for clock slack); a time has the tolerance. */
export function arrivalWindow(timing: Timing, baseUs: number, leeway: Leeway): Window {
  switch (timing.kind) {
    case 'any':
      return { fromUs: -Infinity, toUs: Infinity, text: 'at any time' };
    case 'range': {
      const fromUs = resolve(timing.relative, timing.fromUs, baseUs);
      const toUs = resolve(timing.relative, timing.toUs, baseUs);
      const slack = leeway.clockSlackUs > 0 ? ` (${slackText(leeway.clockSlackUs)})` : '';
      return { fromUs: fromUs - leeway.clockSlackUs, toUs: toUs + leeway.clockSlackUs, text: `between ${formatSeconds(fromUs)} and ${formatSeconds(toUs)}${slack}` };
    }
    default:
      return around(startTime(timing, baseUs)!, leeway);
  }
}

/**
 * When a blocking call (`start...end`) that actually started at `startedUs` must return: as long
 * after that as the script says; undefined for a call with no end time.
 */
export function returnWindow(timing: Timing, startedUs: number, leeway: Leeway): Window | undefined {
  return timing.kind === 'blocking' ? around(startedUs + timing.endUs - timing.startUs, leeway) : undefined;
}

/**
 * `window` moved `lateUs` later, for a blocking call woken by a packet the harness injected that
 * late: the call returns when the packet comes, and the harness's lateness is not the stack's.
 */
export function movedBy(window: Window, lateUs: number): Window {
  return {
    fromUs: window.fromUs + lateUs,
    toUs: window.toUs + lateUs,
    text: `${window.text}, moved ${lateUs / 1000} ms later: the harness injected the packet that woke it that late`,
  };
}

/** What a line that has happened leaves for the relative times of the next. */
export interface Anchor {
  /** When it actually completed. */
  readonly actualUs: number;
  /** When it was scheduled, if it injected a packet. */
  readonly inboundScheduledUs?: number;
}

/** The time a line's relative times count from, after `previous` (none: the script's start). */
export function baseTime(inbound: boolean, previous: Anchor | undefined): number {
  if (!previous) return 0;
  return inbound && previous.inboundScheduledUs !== undefined ? previous.inboundScheduledUs : previous.actualUs;
}
