/**
 * The messages between the harness and its TUN agent: the child process that owns a private
 * network namespace, the TUN device in it, and the Linux sockets a test or a script makes there.
 *
 * They cross Node's IPC channel with `serialization: 'advanced'` (structured clone), so packets
 * and data stay Uint8Arrays. The channel is ordered, and the agent relies on that: before it
 * answers a request it forwards every packet Linux has queued on the TUN by then, so a packet a
 * call or an injected packet caused always reaches the harness before that request's answer.
 *
 * Only types live here: the harness imports them, and the agent's files import them as types, so
 * nothing of the harness is loaded into the agent.
 */
import type { EpollOp, ShutdownHow, SockAddr, SocketKind, SocketOption } from '../../../contract';
import type { TcpiValues } from '../../../script/language/tcpi';

/** One `net.*` sysctl to set inside the namespace, e.g. `net.ipv4.tcp_sack` = `0`. */
export interface Sysctl {
  readonly key: string;
  readonly value: string;
  /** Skip it when this kernel does not have it (it is newer than some kernels). */
  readonly optional?: boolean;
}

/** How the agent sets up its namespace. */
export interface AgentConfig {
  /** The TUN clone device to open, normally `/dev/net/tun`. */
  readonly device: string;
  /** The TUN interface's name inside the namespace. */
  readonly ifname: string;
  /** Linux's address: on the TUN interface. */
  readonly linuxAddress: string;
  /** The harness's address: the TUN interface's peer, and where the default route points. */
  readonly peerAddress: string;
  /** The TUN interface's MTU. */
  readonly mtu: number;
  /** Set in the namespace before the TUN interface exists (so IPv6 never starts on it). */
  readonly sysctls: readonly Sysctl[];
  /** The harness's pid: the agent ends itself when that process is gone. */
  readonly parentPid: number;
}

/** A `.ts` file of the agent, transpiled by the harness, or why it could not be. */
export type AgentSource = { readonly js: string } | { readonly error: string };

/** The first message: the agent's code and how to set up. The loader (loader.ts) takes it. */
export interface StartMessage {
  readonly kind: 'start';
  /** Every agent file by absolute path. */
  readonly sources: ReadonlyMap<string, AgentSource>;
  /** The file whose `runAgent(config)` the loader calls. */
  readonly entry: string;
  readonly config: AgentConfig;
}

/**
 * A socket call on Linux, on the agent's real file descriptors. Data crosses as bytes; the
 * agent makes the call as a C program would (blocking unless the fd has O_NONBLOCK).
 */
export type LinuxCall =
  /** `nonblocking`: SOCK_NONBLOCK (in socket's type, in accept4's flags). */
  | { readonly name: 'socket'; readonly kind: SocketKind; readonly nonblocking?: boolean }
  | { readonly name: 'bind' | 'connect'; readonly fd: number; readonly addr: SockAddr }
  | { readonly name: 'listen'; readonly fd: number; readonly backlog: number }
  | { readonly name: 'accept'; readonly fd: number; readonly nonblocking?: boolean }
  | { readonly name: 'close' | 'getsockname'; readonly fd: number }
  /** fcntl(fd, F_GETFL) and fcntl(fd, F_SETFL, flags). */
  | { readonly name: 'getfl'; readonly fd: number }
  | { readonly name: 'setfl'; readonly fd: number; readonly flags: number }
  /** `dontWait`: MSG_DONTWAIT, this one call nonblocking. */
  | { readonly name: 'send'; readonly fd: number; readonly data: Uint8Array; readonly dontWait?: boolean }
  | { readonly name: 'sendto'; readonly fd: number; readonly data: Uint8Array; readonly to: SockAddr; readonly dontWait?: boolean }
  | { readonly name: 'recv' | 'recvfrom'; readonly fd: number; readonly max: number; readonly dontWait?: boolean }
  | { readonly name: 'setsockopt'; readonly fd: number; readonly option: SocketOption; readonly value: number | string }
  | { readonly name: 'getsockopt'; readonly fd: number; readonly option: SocketOption }
  /** getsockopt(fd, IPPROTO_TCP, TCP_INFO), decoded (tcp-info.ts). */
  | { readonly name: 'tcp_info'; readonly fd: number }
  | { readonly name: 'shutdown'; readonly fd: number; readonly how: ShutdownHow }
  | { readonly name: 'poll'; readonly fds: readonly { readonly fd: number; readonly events: number }[]; readonly timeoutMs: number }
  | { readonly name: 'epoll_create' }
  /** `data`: epoll_event.data's 64 bits (a bigint survives the structured clone). */
  | { readonly name: 'epoll_ctl'; readonly epfd: number; readonly op: EpollOp; readonly fd: number; readonly events: number; readonly data: bigint }
  | { readonly name: 'epoll_wait'; readonly epfd: number; readonly max: number; readonly timeoutMs: number };

/** How a Linux call returned: its value and what it wrote back, or -1 and errno's name. */
export type LinuxResult =
  | {
      readonly ok: true;
      readonly ret: number;
      /** recv, recvfrom: the bytes read. */
      readonly data?: Uint8Array;
      /** accept: the peer; recvfrom: the sender; getsockname: the local address. */
      readonly address?: SockAddr;
      /** getsockopt: the value (an int, or TCP_CONGESTION's name). */
      readonly optval?: number | string;
      /** tcp_info: the fields a script's assertion may read. */
      readonly tcpi?: TcpiValues;
      /** poll: each fd's revents, in the order asked. */
      readonly revents?: readonly number[];
      /** epoll_wait: each ready fd's events, and the data (64 bits) it was registered with. */
      readonly events?: readonly { readonly data: bigint; readonly events: number }[];
    }
  | { readonly ok: false; readonly errno: string };

/** What the harness asks of the agent; each is answered by a {@link DoneMessage} with its id. */
export type Request =
  | { readonly kind: 'call'; readonly id: number; readonly call: LinuxCall }
  /** Write one IPv4 packet into the TUN device, as if it arrived from the harness's address. */
  | { readonly kind: 'inject'; readonly id: number; readonly packet: Uint8Array }
  /** Forward every packet queued on the TUN device now, then answer. */
  | { readonly kind: 'flush'; readonly id: number }
  /** Read Linux's counters in the agent's namespace (kernel-counters.ts). */
  | { readonly kind: 'counters'; readonly id: number };

/** The agent has set up: its namespace is ready and the TUN interface is up. */
export interface ReadyMessage {
  readonly kind: 'ready';
  /** The namespace, as `/proc/PID/ns/net` names it: `net:[4026532...]`. */
  readonly netns: string;
}

/** The agent could not set up; it exits after saying why. */
export interface FailedMessage {
  readonly kind: 'failed';
  readonly reason: string;
}

/** A packet Linux sent into the TUN device, and when the agent read it (CLOCK_MONOTONIC, µs). */
export interface PacketMessage {
  readonly kind: 'packet';
  readonly timeUs: number;
  readonly packet: Uint8Array;
}

/** A call is about to sleep in the kernel (its answer comes when it wakes up). */
export interface BlockingMessage {
  readonly kind: 'blocking';
  readonly id: number;
  /** When the agent took the request up (CLOCK_MONOTONIC, µs). */
  readonly startedUs: number;
}

/** The answer to request `id`: a call's result; the counters; nothing for inject (unless it failed) and flush. */
export interface DoneMessage {
  readonly kind: 'done';
  readonly id: number;
  readonly result?: LinuxResult;
  /** When the call began, or the kernel took the injected packet in (CLOCK_MONOTONIC, µs). */
  readonly startedUs: number;
  /**
   * When the call returned — for a call an injected packet woke, when the kernel took that
   * packet in — (CLOCK_MONOTONIC, µs); for inject and flush, the same as `startedUs`.
   */
  readonly endedUs: number;
  /** inject: the ids of the sleeping calls the packet woke up (their answers come next). */
  readonly woke?: readonly number[];
  /** counters: Linux's counters, named as socklab's kernels name theirs. */
  readonly counters?: Readonly<Record<string, number>>;
}

/** What the agent says. */
export type AgentMessage = ReadyMessage | FailedMessage | PacketMessage | BlockingMessage | DoneMessage;
