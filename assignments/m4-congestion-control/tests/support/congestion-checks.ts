/**
 * The rules of congestion control (RFC 5681, RFC 6582), checked on the sender's tcpInfo read every
 * few ms of a whole run (congestion-samples.ts). A reading may come up to one sampling interval
 * after the event it shows, so every bound allows what a correct sender can do in that interval,
 * and no more than a broken one would need to pass:
 *
 * - the third duplicate ACK resends the oldest segment at once (fast retransmit), and the loss
 *   halves: ssthresh is half the flight (at least two segments);
 * - a timeout (Loss) collapses cwnd to one segment, and halves ssthresh too (unless the same data
 *   timed out before);
 * - recovery grows cwnd by one segment per further duplicate ACK at most, so never beyond ssthresh
 *   plus three plus what is in flight, and ends with cwnd back at ssthresh;
 * - congestion avoidance grows cwnd by about one segment per round trip; slow start at most
 *   doubles it per round trip;
 * - ssthresh is never below two segments.
 *
 * Each check throws an error that names the rule, the readings that break it, and their times.
 */
import { isFiniteSsthresh, type CongestionSample } from './congestion-samples';

/** Segments a sender may grow by in one sampling interval, beyond what the rule itself allows. */
const INTERVAL_SLACK_SEGMENTS = 2;

function segments(bytes: number, mss: number): string {
  if (!isFiniteSsthresh(bytes)) return 'infinite';
  const count = bytes / mss;
  return `${Number.isInteger(count) ? count : count.toFixed(1)} segments`;
}

function reading(sample: CongestionSample): string {
  const { mss } = sample;
  return `at ${(sample.timeUs / 1000).toFixed(1)} ms: ${sample.state}, cwnd ${segments(sample.cwnd, mss)}, ssthresh ${segments(sample.ssthresh, mss)}, ${segments(sample.bytesInFlight, mss)} in flight`;
}

function broken(rule: string, ...readings: readonly CongestionSample[]): Error {
  return new Error(`${rule}\n${readings.map((sample) => `  tcpInfo ${reading(sample)}`).join('\n')}`);
}

/** Where a loss response begins: the state turns to Recovery or Loss from another. */
function beginsLossResponse(before: CongestionSample, after: CongestionSample): boolean {
  return (after.state === 'recovery' || after.state === 'loss') && after.state !== before.state;
}

/** ssthresh after a loss: about half of what was in flight, and at least two segments. */
function checkHalved(before: CongestionSample, after: CongestionSample): void {
  const { mss } = after;
  if (after.state === 'loss' && before.state === 'loss') return;
  // What was in flight at the loss: at most cwnd before it, or what is outstanding now (a reading
  // in slow start may come well before the loss, with cwnd still growing).
  const flight = Math.max(before.cwnd, after.bytesInFlight);
  const most = Math.max(2 * mss, 0.55 * flight + INTERVAL_SLACK_SEGMENTS * mss);
  if (after.ssthresh > most) {
    throw broken(`a loss must halve ssthresh (RFC 5681 §3.1 and §3.2: half the data in flight, at least two segments), but after this ${after.state === 'loss' ? 'timeout' : 'fast retransmit'} ssthresh is ${segments(after.ssthresh, mss)} where no more than ${segments(flight, mss)} were in flight`, before, after);
  }
  const least = 0.45 * before.bytesInFlight - INTERVAL_SLACK_SEGMENTS * mss;
  if (after.ssthresh < least) {
    throw broken(`a loss halves ssthresh, no more (RFC 5681 equation 4: half the data in flight), but after this ${after.state === 'loss' ? 'timeout' : 'fast retransmit'} ssthresh is ${segments(after.ssthresh, mss)} where ${segments(before.bytesInFlight, mss)} were in flight just before`, before, after);
  }
}

/**
 * The start of a loss response. (How far Recovery inflates cwnd at its start, ssthresh + 3 and one
 * segment per duplicate ACK, a reading cannot tell: at 100 Mbit/s a whole window of duplicates
 * arrives between two readings. The bound on recovery's growth below, and the exact scripts, check it.)
 */
function checkEntry(before: CongestionSample, after: CongestionSample): void {
  const { mss } = after;
  checkHalved(before, after);
  if (after.state === 'recovery' && after.retransmits <= before.retransmits) {
    throw broken(`the third duplicate ACK resends the oldest unacknowledged segment at once (RFC 5681 §3.2 step 2, fast retransmit), but the sender is in recovery and has resent nothing`, before, after);
  }
  if (after.state === 'loss' && after.cwnd > 2 * mss) {
    throw broken(`a retransmission timeout must set cwnd to one segment, the loss window (RFC 5681 §3.1), but it is ${segments(after.cwnd, mss)}`, before, after);
  }
}

/** Check every rule on `samples`, taken on a path whose round trip (without queueing) is `rttMs`. */
export function checkCongestionRules(samples: readonly CongestionSample[], rttMs: number): void {
  for (let i = 1; i < samples.length; i++) {
    const [before, after] = [samples[i - 1]!, samples[i]!];
    const { mss } = after;
    if (after.ssthresh < 2 * mss) throw broken(`ssthresh is never below two segments (RFC 5681 equation 4), but it is ${segments(after.ssthresh, mss)}`, after);
    if (beginsLossResponse(before, after)) checkEntry(before, after);
    // Each duplicate ACK that inflated cwnd is a segment above the hole that arrived: still in flight.
    if (after.state === 'recovery' && after.cwnd > after.ssthresh + (3 + INTERVAL_SLACK_SEGMENTS) * mss + after.bytesInFlight) {
      throw broken(`during fast recovery cwnd grows by one segment per duplicate ACK at most (RFC 5681 §3.2 step 4): each is a segment that arrived above the hole, still in flight, so cwnd stays within ssthresh + 3 + what is in flight, but it reached ${segments(after.cwnd, mss)}`, before, after);
    }
    if (before.state === 'recovery' && after.state === 'open' && after.cwnd > after.ssthresh + INTERVAL_SLACK_SEGMENTS * mss) {
      throw broken(`the ACK that ends fast recovery brings cwnd back to ssthresh (RFC 5681 §3.2 step 6, RFC 6582 §3.2 step 3), but after recovery cwnd is ${segments(after.cwnd, mss)} with ssthresh ${segments(after.ssthresh, mss)}`, before, after);
    }
  }
  checkGrowth(samples, rttMs);
}

/** Between readings at most a round trip apart in which nothing was lost: CA and slow start growth. */
function checkGrowth(samples: readonly CongestionSample[], rttMs: number): void {
  let from = 0;
  for (let i = 1; i < samples.length; i++) {
    const now = samples[i]!;
    const { mss } = now;
    // A loss response, or a reading out of open state, starts a new stretch.
    if (now.state !== 'open' || samples[i - 1]!.state !== 'open' || now.retransmits !== samples[from]!.retransmits) {
      from = i;
      continue;
    }
    while (now.timeUs - samples[from]!.timeUs > rttMs * 1000) from++;
    const start = samples[from]!;
    const grew = now.cwnd - start.cwnd;
    if (start.cwnd >= start.ssthresh && grew > INTERVAL_SLACK_SEGMENTS * mss) {
      throw broken(`in congestion avoidance cwnd grows by about one segment per round trip (RFC 5681 §3.1), but within one round trip (${rttMs} ms) it grew by ${segments(grew, mss)}`, start, now);
    }
    if (start.cwnd < start.ssthresh && now.cwnd > 2 * start.cwnd + INTERVAL_SLACK_SEGMENTS * mss) {
      throw broken(`slow start grows cwnd by at most one segment per ACK (RFC 5681 §3.1), so it at most doubles in a round trip, but within one round trip (${rttMs} ms) it went from ${segments(start.cwnd, mss)} to ${segments(now.cwnd, mss)}`, start, now);
    }
  }
}
