/**
 * The small value types that cross the kernel boundary.
 */

/**
 * A file descriptor: a small integer naming a socket or an epoll instance inside one kernel.
 * The kernel hands out the lowest free number, starting at {@link FIRST_FD} (3), as Linux does,
 * so that a script written for Linux (`socket(...) = 3`) means the same fd on a socklab stack.
 */
export type Fd = number;

/** An IPv4 socket address: dotted-quad address and port (0–65535). */
export interface SockAddr {
  /** Dotted quad, e.g. `'10.0.0.2'`; `'0.0.0.0'` is the wildcard. */
  readonly address: string;
  /** Port in host order; 0 in `bind` asks the kernel to choose an ephemeral port. */
  readonly port: number;
}

/** What `recvfrom` returns: one datagram (or its first `max` bytes) and who sent it. */
export interface RecvFromResult {
  /** The datagram's payload, cut to at most `max` bytes. */
  readonly data: Uint8Array;
  /** The sender's address and port. */
  readonly from: SockAddr;
  /** True when the datagram was longer than `max`; the rest of it is discarded (MSG_TRUNC). */
  readonly truncated: boolean;
}

/** What `accept` returns: the new connection's fd and the address of the peer. */
export interface AcceptResult {
  readonly fd: Fd;
  readonly peer: SockAddr;
}

/** One ready descriptor reported by `epollWait`. */
export interface EpollEvent {
  /** The registered fd that is ready. */
  readonly fd: Fd;
  /** The readiness bits that are set (EPOLLIN, EPOLLOUT, ...), limited to those registered plus EPOLLERR and EPOLLHUP. */
  readonly events: number;
}

/**
 * Where a connection's congestion control is, by Linux's names (TCP_CA_Open, ...): `open`, nothing
 * wrong; `disorder`, one or two duplicate ACKs came; `recovery`, fast recovery after the third
 * (RFC 5681, RFC 6582); `loss`, after a retransmission timeout, until everything sent before it
 * is acknowledged.
 */
export type CongestionState = 'open' | 'disorder' | 'recovery' | 'loss';

/** TCP connection states, as RFC 9293 §3.3.2 names them. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECEIVED'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

/**
 * A TCP socket's internals, for tests and for students' own debugging (Linux's `struct tcp_info`
 * and `ss -ti` show the same). Sequence numbers are absolute 32-bit values; sizes are in bytes;
 * times are in milliseconds. A milestone's tests read only the fields that milestone teaches.
 */
export interface TcpInfo {
  /** The connection's state. */
  readonly state: TcpState;
  /** Oldest unacknowledged sequence number (SND.UNA). */
  readonly sndUna: number;
  /** Next sequence number to send (SND.NXT). */
  readonly sndNxt: number;
  /** The peer's advertised receive window (SND.WND). */
  readonly sndWnd: number;
  /** Next sequence number expected from the peer (RCV.NXT). */
  readonly rcvNxt: number;
  /** The receive window this side advertises (RCV.WND). */
  readonly rcvWnd: number;
  /** Sender maximum segment size in use. */
  readonly mss: number;
  /** Congestion window. */
  readonly cwnd: number;
  /** Slow-start threshold. */
  readonly ssthresh: number;
  /** Where congestion control is (`open` until milestone 4). */
  readonly congestionState: CongestionState;
  /** Smoothed round-trip time (RFC 6298); 0 before the first measurement. */
  readonly srtt: number;
  /** Round-trip time variation (RFC 6298); 0 before the first measurement. */
  readonly rttvar: number;
  /** Current retransmission timeout. */
  readonly rto: number;
  /** Segments retransmitted over the life of the connection. */
  readonly retransmits: number;
  /** Bytes sent and not yet acknowledged (SND.NXT − SND.UNA, less a SYN or FIN). */
  readonly bytesInFlight: number;
}

/**
 * Counters a kernel keeps, named after Linux's SNMP counters (`nstat`, `/proc/net/snmp`).
 * Every packet a kernel drops is counted in one of them, so that a test can tell "dropped on
 * purpose" from "lost".
 */
export const COUNTER_NAMES = [
  /** IPv4 packets handed to `receive`. */
  'IpInReceives',
  /** Dropped: IPv4 header malformed (too short, bad version, bad IHL, bad checksum, bad length). */
  'IpInHdrErrors',
  /** Dropped: addressed to another host. */
  'IpInAddrErrors',
  /** Dropped: an IPv4 protocol this kernel does not implement. */
  'IpInUnknownProtos',
  /** Dropped: a well-formed packet the kernel could not handle (an internal error). */
  'IpInDiscards',
  /** IPv4 packets handed up to UDP, TCP or ICMP. */
  'IpInDelivers',
  /** IPv4 packets transmitted. */
  'IpOutRequests',
  /** ICMP messages received. */
  'IcmpInMsgs',
  /** Dropped: malformed ICMP message. */
  'IcmpInErrors',
  /** ICMP destination-unreachable messages received. */
  'IcmpInDestUnreachs',
  /** ICMP destination-unreachable messages sent (e.g. port unreachable). */
  'IcmpOutDestUnreachs',
  /** UDP datagrams delivered to a socket. */
  'UdpInDatagrams',
  /** Dropped: UDP datagrams for a port no socket is bound to. */
  'UdpNoPorts',
  /** Dropped: malformed UDP datagrams (bad length, bad checksum, full queue). */
  'UdpInErrors',
  /** Dropped: UDP datagrams whose checksum did not verify. */
  'UdpInCsumErrors',
  /** Dropped: UDP datagrams that found the socket's receive queue full. */
  'UdpRcvbufErrors',
  /** UDP datagrams sent. */
  'UdpOutDatagrams',
  /** TCP connections opened actively (connect). */
  'TcpActiveOpens',
  /** TCP connections opened passively (a SYN accepted by a listener). */
  'TcpPassiveOpens',
  /** TCP connection attempts that failed. */
  'TcpAttemptFails',
  /** TCP connections reset from ESTABLISHED or CLOSE_WAIT. */
  'TcpEstabResets',
  /** TCP segments received. */
  'TcpInSegs',
  /** TCP segments sent, retransmissions excluded. */
  'TcpOutSegs',
  /** TCP segments retransmitted. */
  'TcpRetransSegs',
  /** Dropped: malformed TCP segments (bad offset, bad checksum). */
  'TcpInErrs',
  /** Dropped: TCP segments whose checksum did not verify. */
  'TcpInCsumErrors',
  /** TCP segments sent with RST. */
  'TcpOutRsts',
  /** SYNs dropped because a listener's accept queue was full. */
  'ListenOverflows',
  /** SYNs dropped by a listener for any reason. */
  'ListenDrops',
] as const;

/** The name of one counter. */
export type CounterName = (typeof COUNTER_NAMES)[number];

/** All counters of a kernel; each starts at 0. */
export type Counters = Record<CounterName, number>;

/** A fresh set of counters, all zero. */
export function zeroCounters(): Counters {
  const counters = {} as Counters;
  for (const name of COUNTER_NAMES) counters[name] = 0;
  return counters;
}
