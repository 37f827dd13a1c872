/**
 * The messages between the judge and a kernel in its own process (see child-port.ts). They cross
 * Node's IPC channel with `serialization: 'advanced'` (structured clone), so packets stay
 * Uint8Arrays. The protocol mirrors {@link KernelPort}: one request, one reply, in turn; the child
 * never speaks unasked, except once to say that the stack has loaded.
 */
import type { Syscall } from '../contract';
import type { Reply } from './kernel-port';

/** A `.ts` file the child may load, transpiled by the judge, or why it could not be. */
export type ShippedSource = { readonly js: string } | { readonly error: string };

/** The first message to the child: what to load, and the host it runs as. */
export interface StartMessage {
  readonly kind: 'start';
  /** Every `.ts` file the child may load, by real path. */
  readonly sources: ReadonlyMap<string, ShippedSource>;
  /** The real path of kernel-process.ts, which the loader hands the rest of the run to. */
  readonly runtime: string;
  /** The submission's folder. */
  readonly submission: string;
  readonly address: string;
  readonly mtu: number;
  /** The seed of the kernel's `env.random()` stream. */
  readonly seed: number;
}

/** The child's answer to `start`: the stack is ready, or why it could not be loaded. */
export interface ReadyMessage {
  readonly kind: 'ready';
  readonly loadError?: string;
}

/** One call into the kernel, mirroring the {@link KernelPort} methods. */
export type Request = { readonly seq: number; readonly nowMs: number } & (
  | { readonly kind: 'call'; readonly method: Syscall; readonly args: readonly unknown[] }
  | { readonly kind: 'receive'; readonly packet: Uint8Array }
  | { readonly kind: 'tick' }
);

/** The answer to the request numbered `seq`. */
export type ReplyMessage = Reply & { readonly kind: 'reply'; readonly seq: number };
