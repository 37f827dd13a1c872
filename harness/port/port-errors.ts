/**
 * Errors crossing a port as data. A kernel's exceptions are turned into plain objects on its side
 * and back into errors on the harness's side, so that a SocketError stays a SocketError, a
 * NotImplemented stays readable, and anything else becomes a KernelCrash naming the call. A
 * NotImplemented and a crash keep the kernel's stack text, so that they show where it threw.
 */
import { isErrno, NotImplemented, SocketError, type Errno } from '../contract';
import { withKernelFrames } from './kernel-frames';

/** An exception thrown by a kernel, as data. */
export type PortError =
  | { readonly kind: 'socket'; readonly errno: Errno; readonly detail?: string }
  | { readonly kind: 'not-implemented'; readonly milestone: string; readonly what: string; readonly stack?: string }
  | { readonly kind: 'crash'; readonly name: string; readonly message: string; readonly stack?: string }
  /** The kernel's process is gone (it exited, looped, or was disposed of): the message says how. */
  | { readonly kind: 'lost'; readonly message: string };

/** The stack under test threw something that is not a SocketError, or broke the contract. */
export class KernelCrash extends Error {
  constructor(
    message: string,
    readonly kernelStack?: string,
  ) {
    super(message);
    this.name = 'KernelCrash';
    withKernelFrames(this, kernelStack);
  }
}

/**
 * The kernel's process is gone (it exited, looped, or was disposed of), as reported to whichever
 * call was waiting: the call itself may have done nothing wrong, so a test that blames calls (the
 * fuzz test blames the packet) must tell this from a crash of the call.
 */
export class KernelLost extends KernelCrash {}

/** Turn whatever a kernel threw into data that can cross a process boundary. */
export function toPortError(thrown: unknown): PortError {
  if (thrown instanceof SocketError || (isRecord(thrown) && thrown.name === 'SocketError' && isErrno(String(thrown.errno)))) {
    const error = thrown as SocketError;
    return { kind: 'socket', errno: error.errno, ...(error.detail ? { detail: String(error.detail) } : {}) };
  }
  if (thrown instanceof NotImplemented || (isRecord(thrown) && thrown.name === 'NotImplemented')) {
    const error = thrown as NotImplemented;
    const stack = typeof error.stack === 'string' ? { stack: error.stack } : {};
    return { kind: 'not-implemented', milestone: String(error.milestone), what: String(error.what), ...stack };
  }
  if (thrown instanceof Error) {
    return { kind: 'crash', name: thrown.name, message: thrown.message, ...(thrown.stack ? { stack: thrown.stack } : {}) };
  }
  return { kind: 'crash', name: 'thrown value', message: safeString(thrown) };
}

/** Turn a port error back into an error for the program that made the call `call`. */
export function fromPortError(error: PortError, call: string): Error {
  switch (error.kind) {
    case 'socket':
      return new SocketError(error.errno, error.detail);
    case 'not-implemented':
      return withKernelFrames(new NotImplemented(error.milestone, error.what), error.stack);
    case 'crash':
      return new KernelCrash(`the stack under test threw ${error.name}: ${error.message} in ${call}`, error.stack);
    case 'lost':
      return new KernelLost(error.message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'an unprintable value';
  }
}
