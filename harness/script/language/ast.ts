/**
 * A parsed packet script: its options and its events (one per line), in the order they run.
 * Sequence numbers in packet events are relative, as written; the runner makes them absolute.
 */
import type { SockAddr } from '../../contract';
import type { TcpOption } from '../../wire';
import type { SyscallRequest } from '../backend';
import type { ExpectedEpollEvent } from './epoll-event';
import type { ScriptOptions } from './options';
import type { TcpiCondition } from './tcpi';

/** A line of the script, for reports: its number (1-based), its text, and its text after the timing. */
export interface SourceLine {
  readonly line: number;
  readonly text: string;
  /** The event without its timing: `> S. 0:0(0) ack 1 <...>`. */
  readonly body: string;
}

/**
 * When an event happens. Times are in microseconds, `relative` ones counted from the previous
 * line's time (see runner/timing.ts). In a range or a blocking call, both ends share one base.
 *
 * - `at`: `0.1`, `+.1` — exactly then (outbound packets: within the tolerance).
 * - `any`: `*` — an outbound packet that may come at any time.
 * - `range`: `0.1~0.2` — an outbound packet anywhere in that window, ends included, no tolerance.
 * - `blocking`: `0...0.1` — a syscall that starts at `startUs` and must return at `endUs`.
 */
export type Timing =
  | { readonly kind: 'at'; readonly relative: boolean; readonly us: number }
  | { readonly kind: 'any' }
  | { readonly kind: 'range'; readonly relative: boolean; readonly fromUs: number; readonly toUs: number }
  | { readonly kind: 'blocking'; readonly relative: boolean; readonly startUs: number; readonly endUs: number };

/** `<` the harness injects the packet; `>` the stack under test must send it. */
export type Direction = 'in' | 'out';

/** Addresses and ports written on a packet line (`< 10.0.0.3:5000 > 10.0.0.1:8080 udp (10)`). */
export interface Endpoints {
  readonly src: SockAddr;
  readonly dst: SockAddr;
}

interface EventBase {
  readonly source: SourceLine;
  readonly timing: Timing;
}

interface PacketBase extends EventBase {
  readonly direction: Direction;
  /** Explicit endpoints; absent: the script's addresses and ports. */
  readonly endpoints?: Endpoints;
}

/** `< S 0:0(0) win 32792 <mss 1000>`, `> S. 0:0(0) ack 1 <...>`. */
export interface TcpEvent extends PacketBase {
  readonly kind: 'tcp';
  /** TCP flag bits (TcpFlag values or-ed). */
  readonly flags: number;
  /** Relative sequence number of the first byte. */
  readonly seq: number;
  /** Payload length. */
  readonly length: number;
  /** Relative acknowledgment number; absent: not checked (outbound). */
  readonly ack?: number;
  /** Window field; absent: not checked (outbound) or 65535 (inbound). */
  readonly window?: number;
  /** Options (SACK edges relative); `'any'` for `<...>`: not checked. */
  readonly options: readonly TcpOption[] | 'any';
}

/** `< udp (100)`, `> udp (100)`. */
export interface UdpEvent extends PacketBase {
  readonly kind: 'udp';
  readonly length: number;
}

/** `> icmp unreachable port_unreachable`, `< icmp unreachable port_unreachable [udp (100)]`. */
export interface IcmpEvent extends PacketBase {
  readonly kind: 'icmp';
  /** Destination-unreachable code (3: port unreachable). */
  readonly code: number;
  /** Inbound: the datagram to quote (`[udp (N)]`); absent: the last packet the stack sent. */
  readonly quoteUdpLength?: number;
}

/** What a syscall must return: `= 3`, or `= -1 ECONNREFUSED`. */
export type ReturnExpectation = { readonly ret: number } | { readonly ret: -1; readonly errno: string };

/** Values a syscall writes back that the script checks; absent fields are not checked. */
export interface OutExpectation {
  /** getsockopt's value: a number (an errno name is written as its number) or a string. */
  readonly optval?: number | string;
  /** poll's revents, one per fd (undefined where the script did not give one). */
  readonly revents?: readonly (number | undefined)[];
  /** epoll_wait's events, in any order (none given where the call returns no event). */
  readonly events?: readonly ExpectedEpollEvent[];
  /** accept's peer or recvfrom's sender. */
  readonly address?: Partial<SockAddr>;
  /** `%{ assert ... }%`: what the socket's tcp_info must show. */
  readonly tcpi?: TcpiCondition;
}

/**
 * `socket(..., SOCK_STREAM, IPPROTO_TCP) = 3` and every other syscall line; also an assertion on
 * tcp_info (`%{ assert tcpi_snd_cwnd == 10 }%`), made as getsockopt(TCP_INFO) on the script's
 * TCP socket.
 */
export interface SyscallEvent extends EventBase {
  readonly kind: 'syscall';
  /** The name as written (`read` and `recv` make the same request). */
  readonly name: string;
  readonly request: SyscallRequest;
  readonly expect: ReturnExpectation;
  readonly out: OutExpectation;
}

export type PacketEvent = TcpEvent | UdpEvent | IcmpEvent;
export type ScriptEvent = PacketEvent | SyscallEvent;

/** A whole script. */
export interface Script {
  /** The file it came from (for reports). */
  readonly file: string;
  readonly options: ScriptOptions;
  readonly events: readonly ScriptEvent[];
}
