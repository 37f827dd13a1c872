// Generated from reference/tcp/info.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * tcpInfo(): a connection's internals, for tests and for debugging (Linux's `struct tcp_info`).
 */
import type { TcpInfo } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { bytesInFlight } from './in-flight';
import { advertisedWindow } from './receive-window';

/** The congestion window reported until milestone 4 implements one: RFC 6928's initial window of 10 segments. */
export const TCP_INITIAL_WINDOW_SEGMENTS = 10;
/** The slow-start threshold reported until milestone 4: "infinite", Linux's TCP_INFINITE_SSTHRESH. */
export const TCP_INFINITE_SSTHRESH = 0x7fffffff;

/**
 * The internals of `socket`'s connection. srtt and rttvar are 0 until a round-trip time is
 * measured (milestone 3); until milestone 4, cwnd and ssthresh are the constants above.
 */
export function tcpInfo(socket: TcpConnection): TcpInfo {
  const tcb = socket.tcb;
  return {
    state: tcb.state,
    sndUna: tcb.sndUna,
    sndNxt: tcb.sndNxt,
    sndWnd: tcb.sndWnd,
    rcvNxt: tcb.rcvNxt,
    rcvWnd: advertisedWindow(socket),
    mss: tcb.mss,
    cwnd: TCP_INITIAL_WINDOW_SEGMENTS * tcb.mss,
    ssthresh: TCP_INFINITE_SSTHRESH,
    srtt: tcb.retransmit.srtt ?? 0,
    rttvar: tcb.retransmit.rttvar,
    rto: tcb.retransmit.rto,
    retransmits: tcb.retransmittedSegments,
    bytesInFlight: bytesInFlight(tcb),
  };
}
