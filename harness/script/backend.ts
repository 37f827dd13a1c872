/**
 * What the runner needs from the world it runs a script in: a clock, a wire to the stack under
 * test, and a process on it that makes syscalls. The simulator backend (simulator/backend.ts) runs the
 * stack under test in virtual time; a Linux backend runs the same scripts against the real kernel
 * through a TUN device in real time. Parsing, timing, matching and reports never depend on which.
 *
 * Times are microseconds since the script started. File descriptors are the script's: the
 * lowest free number from 3, as a socklab kernel and a fresh Linux process hand them out; a
 * backend over real sockets maps them to its own.
 */
import type { LadderEntry, LadderSide } from '../checks/ladder';
import type { EpollOp, ShutdownHow, SockAddr, SocketKind, SocketOption } from '../contract';
import type { ScriptSysctl } from './language/shell-command';
import type { TcpiValues } from './language/tcpi';

/**
 * One syscall with every argument concrete. `send` and `recv` stand for write/send and
 * read/recv; data sent is `count` bytes of {@link payload} (language/payload.ts), so that both backends
 * send the same bytes.
 */
export type SyscallRequest =
  /** `nonblocking`: SOCK_NONBLOCK, in socket's type or accept4's flags: the new fd has O_NONBLOCK. */
  | { readonly name: 'socket'; readonly kind: SocketKind; readonly nonblocking?: boolean }
  | { readonly name: 'bind' | 'connect'; readonly fd: number; readonly addr: SockAddr }
  | { readonly name: 'listen'; readonly fd: number; readonly backlog: number }
  | { readonly name: 'accept'; readonly fd: number; readonly nonblocking?: boolean }
  | { readonly name: 'close'; readonly fd: number }
  | { readonly name: 'epoll_create' }
  /** `dontWait`: MSG_DONTWAIT, this one call nonblocking. */
  | { readonly name: 'send' | 'recv' | 'recvfrom'; readonly fd: number; readonly count: number; readonly dontWait?: boolean }
  | { readonly name: 'sendto'; readonly fd: number; readonly count: number; readonly to: SockAddr; readonly dontWait?: boolean }
  /** F_GETFL (`flags` absent) or F_SETFL. */
  | { readonly name: 'fcntl'; readonly fd: number; readonly flags?: number }
  /** Flag options take 0 or 1, TCP_CONGESTION a string, the rest a number. */
  | { readonly name: 'setsockopt'; readonly fd: number; readonly option: SocketOption; readonly value: number | string }
  | { readonly name: 'getsockopt'; readonly fd: number; readonly option: SocketOption }
  /** getsockopt(fd, IPPROTO_TCP, TCP_INFO), for a `%{ assert ... }%` line. */
  | { readonly name: 'tcp_info'; readonly fd: number }
  | { readonly name: 'shutdown'; readonly fd: number; readonly how: ShutdownHow }
  | { readonly name: 'poll'; readonly fds: readonly { readonly fd: number; readonly events: number }[]; readonly timeoutMs: number }
  /** `data`: the 64 bits of epoll_event.data, which epoll_wait hands back (language/epoll-data.ts). */
  | { readonly name: 'epoll_ctl'; readonly fd: number; readonly op: EpollOp; readonly target: number; readonly events: number; readonly data: bigint }
  | { readonly name: 'epoll_wait'; readonly fd: number; readonly max: number; readonly timeoutMs: number };

/** Values a syscall wrote back besides its return value. */
export interface SyscallOut {
  /** getsockopt: flags as 0/1, SO_ERROR as an errno number. */
  readonly optval?: number | string;
  /** poll: revents of each fd, in the order asked. */
  readonly revents?: readonly number[];
  /** epoll_wait: each ready fd's events, and the data it was registered with. */
  readonly events?: readonly { readonly data: bigint; readonly events: number }[];
  /** accept: the peer; recvfrom: the sender. */
  readonly address?: SockAddr;
  /** tcp_info: the fields an assertion may read. */
  readonly tcpi?: TcpiValues;
}

/** How a syscall returned: a value (and out-values), or -1 with an errno name. */
export type SyscallResult =
  | { readonly ok: true; readonly ret: number; readonly out?: SyscallOut }
  | { readonly ok: false; readonly errno: string };

/** A packet the stack under test sent, and when it was seen on the wire. */
export interface Outbound {
  readonly timeUs: number;
  readonly packet: Uint8Array;
}

/** What a failure report shows of a run: the packets so far and the two ends. */
export interface BackendEvidence {
  readonly nowUs: number;
  readonly packets: readonly LadderEntry[];
  readonly sides: readonly [LadderSide, LadderSide];
}

/**
 * A syscall in progress. The runner anchors the lines after a call on when it actually started
 * or returned, so a backend says when each happened on its clock, not when the runner heard.
 */
export interface CallInProgress {
  /** When the call actually started; known by the time {@link Backend.settle} resolves. */
  readonly started: Promise<number>;
  /**
   * How it returned, and when. Rejects when the stack fails in a way that is not an errno (not
   * implemented, crash).
   */
  readonly returned: Promise<{ readonly result: SyscallResult; readonly timeUs: number }>;
}

/** A world a script runs in. One backend runs one script. */
export interface Backend {
  /** A short name for reports: `simulator`, `linux`. */
  readonly name: string;
  /**
   * How far this backend's clock may misjudge when something happened (µs): 0 where time is
   * virtual; on the wall clock, what a busy machine's scheduling adds. Every timing window
   * widens by it, on top of the script's tolerance.
   */
  readonly clockSlackUs: number;
  /** Now, in µs since the script started. */
  now(): number;
  /** Put one IPv4 packet on the wire towards the stack, now; resolves to when it actually went in. */
  inject(packet: Uint8Array): Promise<number>;
  /**
   * The next packet from the stack not taken yet, waiting for it until `untilUs` (`Infinity`: as
   * long as one can still come). Resolves undefined once the clock has reached `untilUs`.
   * Rejects when the run cannot go on (the stack broke, or nothing can ever happen again).
   */
  nextOutbound(untilUs: number): Promise<Outbound | undefined>;
  /**
   * Let the stack finish what it does at this instant (a call it is in, packets on their way)
   * without letting time pass; packets it sends stay for {@link Backend.nextOutbound}.
   */
  settle(): Promise<void>;
  /** Start one syscall now. A blocking call may return much later. */
  syscall(request: SyscallRequest): CallInProgress;
  /** The packets so far, for the failure report. */
  evidence(): BackendEvidence;
  /**
   * What the stack's kernel counted as dropped so far, one description per counter, for the
   * failure report (Linux's own counters on the Linux backend).
   */
  dropped?(): Promise<readonly string[]>;
  /** Release everything; a call still blocked is abandoned. */
  close(): Promise<void>;
}

/** What a backend is told about the script it runs. */
export interface BackendSetup {
  /** The seed of every random choice of the run. */
  readonly seed: number;
  /** The stack under test's address (the script's local_ip). */
  readonly localAddress: string;
  /** The harness's address (the script's remote_ip). */
  readonly remoteAddress: string;
  /** The link MTU the stack is told. */
  readonly mtu: number;
  /** The script's sysctls (its backticked `sysctl` commands), in order. */
  readonly sysctls: readonly ScriptSysctl[];
}

/** A backend refusing a script it cannot run as written (a setting it cannot follow, say). */
export class ScriptNotRunnable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptNotRunnable';
  }
}

/** Builds the backend of one run. */
export type BackendFactory = (setup: BackendSetup) => Promise<Backend>;
