/**
 * What the watchdog of a kernel process says about a request: what the stack was doing, how long
 * it may take, and why the process is lost when it takes longer. The words are made only when a
 * report needs them, since a batch holds thousands of requests and almost all of them are answered.
 */
import type { Request } from './child-protocol';
import { describeCall } from './describe-call';

/** The limits of one kernel's requests. */
export interface KernelLimits {
  /** How long one call, packet or tick may take, in ms of wall-clock time. */
  readonly callTimeoutMs: number;
  /**
   * How much CPU time one call, packet or tick may run, in ms, where the system tells (see
   * cpu-clock.ts). A loop is caught by this limit, which load does not bring closer; the
   * wall-clock limit is left for a stack that blocks without running.
   */
  readonly callCpuMs: number;
  /** How long creating the kernel (loading the stack) may take, in ms of wall-clock time. */
  readonly startTimeoutMs: number;
}

/** How long one request may take: wall-clock ms, and CPU ms when its CPU time is limited too. */
export interface RequestLimit {
  readonly wallMs: number;
  readonly cpuMs?: number;
}

/** Which limit a request outlived. */
export type Overrun = 'wall' | 'cpu';

/** How long `request` may take. Loading has only a wall-clock limit: starting a process runs a lot. */
export function limitOf(request: Request, limits: KernelLimits): RequestLimit {
  return request.kind === 'create' ? { wallMs: limits.startTimeoutMs } : { wallMs: limits.callTimeoutMs, cpuMs: limits.callCpuMs };
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

/**
 * Why the process is lost when `request` outlives the limit `overrun` names; `after` as for
 * {@link activityOf}.
 */
export function lateReason(request: Request, limits: KernelLimits, after: readonly Request[] = [], overrun: Overrun = 'wall'): string {
  if (request.kind === 'create') return `the stack under test did not finish loading within ${limits.startTimeoutMs} ms (infinite loop?)`;
  const within = overrun === 'cpu' ? `${limits.callCpuMs} ms of CPU time` : `${limits.callTimeoutMs} ms`;
  if (after.length === 0) return `the stack under test did not return from ${callOf(request)} within ${within} (infinite loop?)`;
  return (
    `the stack under test did not return within ${within} from ${callOf(request)} or from a call made right after it, ` +
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
  if (request.kind === 'call') return describeCall(request.method, request.args);
  // A repeated send is, to the student, the send their program made.
  return request.kind === 'repeat-send' ? describeCall('send', [request.fd, request.data]) : `${request.kind}()`;
}
