/**
 * Helpers for the sending side of milestone 3, on top of milestone 2's bench (the harness plays
 * the peer with crafted segments): a connection the peer opened to the stack's listener over a
 * link of a chosen one-way delay (so that the handshake's round trip, the stack's first RTT
 * sample, is known exactly), with the MSS and window the peer announces chosen by the test;
 * gaps between segments in ms; and a check of tcpInfo's RTT estimate that names each field.
 */
import type { Fd } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { TcpFlag, type TcpOption } from '../../../../harness/wire';
import type { PeerConnection } from '../../../m2-handshake/tests/support/peer-connection';
import type { StackSegment } from '../../../m2-handshake/tests/support/stack-segment';
import { openTcpLab, REPLY_MS, type TcpLab } from '../../../m2-handshake/tests/support/tcp-lab';
import { listenOn } from '../../../m2-handshake/tests/support/tcp-sockets';

export const SENDER_PORT = 8090;
export const RECEIVER_PORT = 5100;

/** The smallest RTO (RFC 6298 §2.4 as Linux and socklab have it). */
export const MIN_RTO_MS = 200;
/** The largest RTO, backoff included. */
export const MAX_RTO_MS = 120_000;
/** Timeouts in a row before a connection with data outstanding fails with ETIMEDOUT. */
export const DATA_RETRIES = 15;

export interface SenderOptions {
  /** The MSS option of the peer's SYN (default 1000); null: no option at all. */
  readonly mss?: number | null;
  /** The window of the peer's ACK that completes the handshake (default 65535). */
  readonly window?: number;
  /** One-way delay of both links, in ms (default 1: the bench's own link). */
  readonly oneWayMs?: number;
  /** The stack's link MTU (default the harness's, 1500). */
  readonly mtu?: number;
  /** Options set on the listener before the SYN arrives (the accepted socket inherits them). */
  readonly listenerSetup?: (lab: TcpLab, listener: Fd) => Promise<void>;
  /** The network's seed (default the run's): m2's wrapping-isn.ts has seeds whose stack ISN wraps. */
  readonly seed?: number;
}

export interface Sender {
  readonly lab: TcpLab;
  readonly conn: PeerConnection;
  readonly fd: Fd;
  /** The stack's SYN-ACK. */
  readonly synAck: StackSegment;
}

/**
 * The bench, and a connection the peer opened to the stack's listener and the stack accepted.
 * The peer answers the SYN-ACK the moment it arrives, so the handshake's round trip is exactly
 * twice `oneWayMs`.
 */
export async function sender(t: NetTest, options: SenderOptions = {}): Promise<Sender> {
  const oneWayMs = options.oneWayMs ?? 1;
  const lab = openTcpLab(t, {
    link: { delayUs: Math.round(oneWayMs * 1000) },
    ...(options.mtu === undefined ? {} : { mtu: options.mtu }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const listener = await listenOn(lab.sys, SENDER_PORT);
  await options.listenerSetup?.(lab, listener);
  const conn = lab.connection(RECEIVER_PORT, SENDER_PORT);
  const mss = options.mss === undefined ? 1000 : options.mss;
  const synOptions: TcpOption[] = mss === null ? [] : [{ kind: 'mss', value: mss }];
  await conn.syn(synOptions);
  const synAck = await conn.expect({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: 0, ack: 1, withinMs: 2 * oneWayMs + REPLY_MS });
  await conn.ack(options.window);
  const { fd } = await lab.sys.accept(listener);
  return { lab, conn, fd, synAck };
}

/** `length` bytes, each `fill`. */
export function bytes(length: number, fill = 0x61): Uint8Array {
  return new Uint8Array(length).fill(fill);
}

/** ms from `a` to `b` reaching the peer (both crossed the same link, so this is also the gap in sending). */
export function gapMs(a: StackSegment, b: StackSegment): number {
  return (b.timeUs - a.timeUs) / 1000;
}

/** The gaps between successive `segments`, in ms. */
export function gapsMs(segments: readonly StackSegment[]): number[] {
  return segments.slice(1).map((segment, i) => gapMs(segments[i]!, segment));
}

/** RFC 6298's RTT estimate, as tcpInfo should report it. */
export interface Estimate {
  readonly srtt: number;
  readonly rttvar: number;
  readonly rto: number;
}

/**
 * Fail unless tcpInfo's srtt, rttvar and rto are `expected`, each within half a ms (a stack may
 * keep whole ms, or report the fractions the formulas give); `when` says at which point.
 */
export async function expectEstimate(lab: TcpLab, fd: Fd, expected: Estimate, when: string): Promise<void> {
  const info = await lab.sys.tcpInfo(fd);
  const wrong = (['srtt', 'rttvar', 'rto'] as const).filter((field) => !(Math.abs(info[field] - expected[field]) <= 0.5));
  if (wrong.length > 0) {
    const got = wrong.map((field) => `${field} ${info[field]} ms (expected ${expected[field]})`).join(', ');
    throw new Error(`tcpInfo ${when}: ${got}; RFC 6298 §2 gives SRTT ${expected.srtt}, RTTVAR ${expected.rttvar}, RTO ${expected.rto} ms`);
  }
}

/**
 * Take the stack's next segment: data at `seq` (relative to its ISN) of `length` bytes, with ACK
 * (of `ack`, relative to the peer's ISN, when the peer's sends did not move its SND.NXT), with or
 * without PSH (where the rules leave PSH open: Linux pushes in the middle of a write that the
 * window cuts, and on retransmissions as the original had it).
 */
export async function expectData(lab: TcpLab, conn: PeerConnection, expected: { seq: number; length: number; ack?: number; withinMs?: number }): Promise<StackSegment> {
  const first = await lab.next(expected.withinMs ?? REPLY_MS, `data ${expected.seq}:${expected.seq + expected.length}`);
  lab.unread(first);
  const flags = first.header.flags === (TcpFlag.PSH | TcpFlag.ACK) ? first.header.flags : TcpFlag.ACK;
  return conn.expect({ flags, ...expected });
}
