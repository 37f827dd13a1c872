/**
 * The asynchronous door through which the harness reaches a kernel. A kernel may live in this
 * process (the local port) or in a child process under the grader (so that untrusted code never
 * shares a JavaScript realm with the judge); tests cannot tell the difference.
 *
 * Every call carries the current time, and every reply carries what the call caused: the packets
 * the kernel transmitted and its next timer deadline; nothing else crosses. Calls made together may
 * travel together (a kernel in its own process gets them in one message), and are answered in order.
 */
import type { Syscall } from '../contract';
import type { PortError } from './port-errors';

/** What a call into a kernel caused, besides its result. */
export interface Effects {
  /** Packets the kernel handed to `env.transmit`, in order. */
  readonly transmitted: Uint8Array[];
  /** The kernel's `nextDeadline()` after the call. */
  readonly nextDeadline: number | undefined;
}

/** The result of a call: its value, or the error it threw, serialized. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: PortError };

/**
 * A reply from a port. `took` is for a repeated send (KernelPort.repeatSend): what each call before
 * the last took, when there was more than one; `outcome` is the last call's.
 */
export type Reply = Effects & { readonly outcome: Outcome; readonly took?: readonly number[] };

/** A kernel behind an asynchronous, message-shaped interface. */
export interface KernelPort {
  /**
   * Call one syscall with its arguments at virtual (or wall-clock) time `nowMs`. `aside` marks a
   * call that changes nothing and whose reply nobody waits for yet (a kernel's counters read when a
   * wait begins): a kernel in its own process may hold it back to travel with the next request.
   */
  call(nowMs: number, method: Syscall, args: readonly unknown[], aside?: boolean): Promise<Reply>;
  /**
   * `send(fd, data)` as a blocking send repeats it, in one request: again with what is left while a
   * call takes only part of it. It stops at the first call that takes all that is left, throws
   * (EAGAIN when the send buffer is full) or returns anything else; the reply's outcome is that
   * call's. A kernel in its own process is then asked once, not once for what fits and again to
   * find the buffer full.
   */
  repeatSend(nowMs: number, fd: number, data: Uint8Array): Promise<Reply>;
  /** Hand the kernel one packet from the link. */
  receive(nowMs: number, packet: Uint8Array): Promise<Reply>;
  /** Tell the kernel its deadline has come. */
  tick(nowMs: number): Promise<Reply>;
  /** Release the kernel (and its process, if it has one). */
  dispose(): Promise<void>;
}

/** The reply of a call whose kernel or process is gone, for `reason`: every later call gets it too. */
export function lostReply(reason: string): Reply {
  return { outcome: { ok: false, error: { kind: 'lost', message: reason } }, transmitted: [], nextDeadline: undefined };
}
