/**
 * A port to a kernel in a kernel process (DESIGN §6, Integrity). A submission is untrusted code:
 * when grading, it must not share a JavaScript realm with the judge. Its kernels run in a `node`
 * under the permission model, one process per submission and jest worker (kernel-servers.ts), each
 * kernel a fresh instance of the submission.
 *
 * A kernel whose process is lost (it did not load, exited, looped, or sent what it was not asked
 * for) fails that call and every later one at once with the reason, as a crash of the stack under
 * test. Calls made together travel together: the cost of isolation is per batch, not per call.
 */
import type { Syscall } from '../contract';
import type { Request } from './child-protocol';
import { lostReply, type KernelPort, type Reply } from './kernel-port';
import type { KernelServer } from './kernel-server';
import { kernelServer } from './kernel-servers';

/**
 * How long one call may take, in wall-clock time, before the kernel counts as looping (or blocked).
 * Generous: a loaded machine stretches every call, and a looping call is caught sooner by its CPU time.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 2_000;
/**
 * How much CPU time one call may run before the kernel counts as looping (watchdog.ts). Graded
 * under load (two and three busy loops on two cores), the reference never ran more than 55 ms of
 * CPU time on one request past the watchdog's first look; a ninefold margin leaves room for
 * slower machines and slower stacks. A call that loops then costs its test about 0.8 s (this,
 * the first look, a new process), where the wall-clock limit alone cost 2.5 s.
 */
export const DEFAULT_CALL_CPU_MS = 500;
/** How long starting the process and loading the stack may take (a compiler-free start takes ~0.1 s). */
export const DEFAULT_START_TIMEOUT_MS = 10_000;
/** The kernel process's heap limit. */
export const DEFAULT_KERNEL_MEMORY_MB = 512;
/** How long a kernel process with no kernel waits for the next one (the next test) before it ends. */
export const DEFAULT_IDLE_MS = 1_000;

/** The host a kernel runs as, and the limits of its process. */
export interface ChildPortOptions {
  /** This host's IPv4 address. */
  readonly address: string;
  /** The link MTU the kernel is told. */
  readonly mtu: number;
  /**
   * The seed of the kernel's random stream: its `env.random()` returns what `new Rng(seed).next()`
   * returns in the judge (harness/sim/rng.ts), so a LocalPort whose `random` draws from that Rng
   * gives the same run, byte for byte.
   */
  readonly seed: number;
  /** Wall-clock limit of one call, in ms (default {@link DEFAULT_CALL_TIMEOUT_MS}). */
  readonly callTimeoutMs?: number;
  /** CPU-time limit of one call, in ms, where the system tells (default {@link DEFAULT_CALL_CPU_MS}). */
  readonly callCpuMs?: number;
  /** Wall-clock limit of starting the process and loading the stack (default {@link DEFAULT_START_TIMEOUT_MS}). */
  readonly startTimeoutMs?: number;
  /** The process's heap limit in MB (default {@link DEFAULT_KERNEL_MEMORY_MB}). */
  readonly memoryMb?: number;
  /** How long the process outlives its last kernel, in ms (default {@link DEFAULT_IDLE_MS}). */
  readonly idleMs?: number;
}

const DISPOSED = lostReply('the stack under test was disposed of: its port is closed');

export class ChildPort implements KernelPort {
  /** The kernel process's id; undefined when it could not be started. */
  readonly pid: number | undefined;
  private readonly server: KernelServer;
  private readonly kernel: number;
  /** Set once disposed of: the reply every call gets from then on. */
  private closed: Reply | undefined;

  /** Create the kernel of the submission in `submissionDir` (loading runs while the test sets up). */
  constructor(submissionDir: string, options: ChildPortOptions) {
    this.server = kernelServer(submissionDir, options.memoryMb ?? DEFAULT_KERNEL_MEMORY_MB, options.idleMs ?? DEFAULT_IDLE_MS);
    this.pid = this.server.pid;
    this.kernel = this.server.openKernel(
      { address: options.address, mtu: options.mtu, seed: options.seed },
      {
        callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
        callCpuMs: options.callCpuMs ?? DEFAULT_CALL_CPU_MS,
        startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      },
    );
  }

  call(nowMs: number, method: Syscall, args: readonly unknown[], aside = false): Promise<Reply> {
    return this.request({ kind: 'call', kernel: this.kernel, nowMs, method, args }, aside);
  }

  repeatSend(nowMs: number, fd: number, data: Uint8Array): Promise<Reply> {
    return this.request({ kind: 'repeat-send', kernel: this.kernel, nowMs, fd, data });
  }

  receive(nowMs: number, packet: Uint8Array): Promise<Reply> {
    return this.request({ kind: 'receive', kernel: this.kernel, nowMs, packet });
  }

  tick(nowMs: number): Promise<Reply> {
    return this.request({ kind: 'tick', kernel: this.kernel, nowMs });
  }

  /** Release the kernel; later calls fail with the reason. A process left with no kernel ends. */
  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = DISPOSED;
    // A kernel lost before keeps its reason.
    this.closed = (await this.server.closeKernel(this.kernel)) ?? DISPOSED;
  }

  private request(request: Request, aside = false): Promise<Reply> {
    return this.closed ? Promise.resolve(this.closed) : this.server.request(request, aside);
  }
}
