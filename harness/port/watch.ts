/**
 * What the watchdog of a kernel process says about a request: what the stack was doing, how long
 * it may take, and why the process is lost when it takes longer. The words are made only when a
 * report needs them, since a batch holds thousands of requests and almost all of them are answered.
 */
import type { Request } from './child-protocol';
import { describeCall } from './describe-call';

/** The wall-clock limits of one kernel's requests. */
export interface KernelLimits {
  /** How long one call, packet or tick may take, in ms. */
  readonly callTimeoutMs: number;
  /** How long creating the kernel (loading the stack) may take, in ms. */
  readonly startTimeoutMs: number;
}

/** How long `request` may take. */
export function limitOf(request: Request, limits: KernelLimits): number {
  return request.kind === 'create' ? limits.startTimeoutMs : limits.callTimeoutMs;
}

/** How many runs of the same call, among those that may be the culprit, a report names. */
const NAMED_SUSPECTS = 3;

/**
 * What the stack is doing while it answers `request`: `while loading`, `during recv(fd 3, 100)`.
 * `after` are the requests sent with it, after it, in the same batch: the process reports progress
 * only every few milliseconds, so it may be busy with any of them.
 */
export function activityOf(request: Request, after: readonly Request[] = []): string {
  if (request.kind === 'create') return 'while loading';
  return after.length === 0 ? `during ${callOf(request)}` : `during ${callOf(request)} or a call made right after it, at the same moment: ${suspects(after)}`;
}

/** Why the process is lost when `request` outlives its limit; `after` as for {@link activityOf}. */
export function lateReason(request: Request, limits: KernelLimits, after: readonly Request[] = []): string {
  if (request.kind === 'create') return `the stack under test did not finish loading within ${limits.startTimeoutMs} ms (infinite loop?)`;
  if (after.length === 0) return `the stack under test did not return from ${callOf(request)} within ${limits.callTimeoutMs} ms (infinite loop?)`;
  return (
    `the stack under test did not return within ${limits.callTimeoutMs} ms from ${callOf(request)} or from a call made right after it, ` +
    `at the same moment: ${suspects(after)} (infinite loop?)`
  );
}

/** The calls of `after` as a person reads them: runs of the same call counted, `receive() ×249`. */
function suspects(after: readonly Request[]): string {
  const runs: { call: string; times: number }[] = [];
  for (const later of after) {
    const call = later.kind === 'create' ? 'loading a kernel' : callOf(later);
    const last = runs[runs.length - 1];
    if (last?.call === call) last.times++;
    else runs.push({ call, times: 1 });
  }
  const named = runs.slice(0, NAMED_SUSPECTS).map(({ call, times }) => (times > 1 ? `${call} ×${times}` : call));
  const more = runs.slice(NAMED_SUSPECTS).reduce((sum, run) => sum + run.times, 0);
  return `${named.join(', ')}${more > 0 ? `, … (${more} more calls)` : ''}`;
}

function callOf(request: Exclude<Request, { kind: 'create' }>): string {
  return request.kind === 'call' ? describeCall(request.method, request.args) : `${request.kind}()`;
}
