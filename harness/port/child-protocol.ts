/**
 * The messages between the judge and a kernel process (see kernel-server.ts). One process serves
 * every isolated kernel of a test file: the submission is shipped and loaded once, and each kernel
 * is created and disposed of over this protocol.
 *
 * The judge sends batches: every request issued at one moment (the calls of one virtual instant,
 * a run of fuzzed packets) travels in one message and is answered in order, in one message or a
 * few (a long batch reports progress as it goes). The cost of isolation is per batch, not per call.
 * Messages cross Node's IPC channel with `serialization: 'advanced'` (structured clone), so packets
 * stay Uint8Arrays. The process never speaks unasked.
 */
import type { Syscall } from '../contract';
import type { Reply } from './kernel-port';

/** A `.ts` file the child may load, transpiled by the judge, or why it could not be. */
export type ShippedSource = { readonly js: string } | { readonly error: string };

/** The first message to the child: what it may load. */
export interface StartMessage {
  readonly kind: 'start';
  /** Every source file the child may load, transpiled, by real path. */
  readonly sources: ReadonlyMap<string, ShippedSource>;
  /** The real path of kernel-process.ts, which the loader hands the rest of the run to. */
  readonly runtime: string;
  /** The submission's folder. */
  readonly submission: string;
}

/** The host a new kernel runs as. */
export interface KernelIdentity {
  readonly address: string;
  readonly mtu: number;
  /** The seed of the kernel's `env.random()` stream. */
  readonly seed: number;
}

/**
 * One request about the kernel numbered `kernel`, mirroring the {@link KernelPort} methods plus its
 * life. Requests are numbered by their order on the channel, from 1: neither side writes the number.
 */
export type Request = { readonly kernel: number; readonly nowMs: number } & (
  | { readonly kind: 'create'; readonly identity: KernelIdentity }
  | { readonly kind: 'call'; readonly method: Syscall; readonly args: readonly unknown[] }
  | { readonly kind: 'repeat-send'; readonly fd: number; readonly data: Uint8Array }
  | { readonly kind: 'receive'; readonly packet: Uint8Array }
  | { readonly kind: 'tick' }
  | { readonly kind: 'dispose' }
);

/** Requests to answer in order. */
export interface BatchMessage {
  readonly kind: 'batch';
  readonly requests: readonly Request[];
}

/** Answers to the requests numbered `first`, `first + 1`, …: the oldest unanswered ones, in order. */
export interface RepliesMessage {
  readonly kind: 'replies';
  readonly first: number;
  readonly replies: readonly Reply[];
}
