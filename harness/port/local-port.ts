/**
 * A port to a kernel in this process: the fast path for students' `npm test` and for the
 * reference. The kernel is created on first use, so that a `createKernel` that throws becomes a
 * failed call with a reason instead of a crashed test file.
 */
import type { CreateKernel, Kernel, KernelEnv, Syscall } from '../contract';
import type { KernelPort, Outcome, Reply } from './kernel-port';
import { toPortError } from './port-errors';

export interface LocalPortOptions {
  /** This host's IPv4 address. */
  readonly address: string;
  /** The link MTU the kernel is told. */
  readonly mtu: number;
  /** The kernel's `env.random()`: a forked, seeded stream. */
  readonly random: () => number;
}

export class LocalPort implements KernelPort {
  private kernel: Kernel | undefined;
  private createError: Outcome | undefined;
  private clockMs = 0;
  private transmitted: Uint8Array[] = [];

  constructor(
    private readonly create: CreateKernel,
    private readonly options: LocalPortOptions,
  ) {}

  async call(nowMs: number, method: Syscall, args: readonly unknown[]): Promise<Reply> {
    return this.callNow(nowMs, method, args);
  }

  async repeatSend(nowMs: number, fd: number, data: Uint8Array): Promise<Reply> {
    return this.repeatSendNow(nowMs, fd, data);
  }

  /**
   * The kernel gets a copy of its own, as a kernel process does by the message that carries it:
   * the link's array is also the trace's, and a duplicated packet's twin.
   */
  async receive(nowMs: number, packet: Uint8Array): Promise<Reply> {
    return this.receiveNow(nowMs, packet.slice());
  }

  async tick(nowMs: number): Promise<Reply> {
    return this.tickNow(nowMs);
  }

  /** {@link call}, answered synchronously: a kernel process answers a whole batch in one go. */
  callNow(nowMs: number, method: Syscall, args: readonly unknown[]): Reply {
    return this.run(nowMs, (kernel) => (kernel[method] as (...a: unknown[]) => unknown).apply(kernel, [...args]));
  }

  /** {@link repeatSend}, answered synchronously. */
  repeatSendNow(nowMs: number, fd: number, data: Uint8Array): Reply {
    const took: number[] = [];
    const reply = this.run(nowMs, (kernel) => {
      let rest = data;
      for (;;) {
        const value = kernel.send(fd, rest);
        if (!(Number.isSafeInteger(value) && value > 0 && value < rest.length)) return value;
        took.push(value);
        rest = rest.subarray(value);
      }
    });
    return took.length > 0 ? { ...reply, took } : reply;
  }

  /** {@link receive}, answered synchronously. */
  receiveNow(nowMs: number, packet: Uint8Array): Reply {
    return this.run(nowMs, (kernel) => kernel.receive(packet));
  }

  /** {@link tick}, answered synchronously. */
  tickNow(nowMs: number): Reply {
    return this.run(nowMs, (kernel) => kernel.tick());
  }

  async dispose(): Promise<void> {
    this.kernel = undefined;
  }

  private run(nowMs: number, action: (kernel: Kernel) => unknown): Reply {
    this.clockMs = nowMs;
    const kernel = this.instance();
    if (!kernel) return { outcome: this.createError!, transmitted: [], nextDeadline: undefined };
    let outcome: Outcome;
    let nextDeadline: number | undefined;
    try {
      outcome = { ok: true, value: action(kernel) };
    } catch (thrown) {
      outcome = { ok: false, error: toPortError(thrown) };
    }
    try {
      nextDeadline = kernel.nextDeadline();
    } catch (thrown) {
      // The contract says nextDeadline never throws: report it in place of the call's own result.
      outcome = { ok: false, error: toPortError(thrown) };
    }
    const transmitted = this.transmitted;
    this.transmitted = [];
    return { outcome, transmitted, nextDeadline };
  }

  private instance(): Kernel | undefined {
    if (this.kernel || this.createError) return this.kernel;
    const env: KernelEnv = {
      address: this.options.address,
      mtu: this.options.mtu,
      now: () => this.clockMs,
      random: this.options.random,
      transmit: (packet) => {
        this.transmitted.push(Uint8Array.from(packet));
      },
    };
    try {
      this.kernel = this.create(env);
    } catch (thrown) {
      const error = toPortError(thrown);
      this.createError = {
        ok: false,
        error: error.kind === 'crash' ? { ...error, message: `createKernel threw: ${error.message}` } : error,
      };
    }
    return this.kernel;
  }
}
