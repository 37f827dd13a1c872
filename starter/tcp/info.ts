// Generated from reference/tcp/info.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * tcpInfo(): a connection's internals, for tests and for debugging (Linux's `struct tcp_info`).
 */
import type { TcpInfo } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { congestionWindow } from './congestion-window';
import { bytesInFlight } from './in-flight';
import { advertisedWindow } from './receive-window';

/**
 * The internals of `socket`'s connection. srtt and rttvar are 0 until a round-trip time is
 * measured (milestone 3); until congestion control changes them (milestone 4), cwnd is the
 * initial window and ssthresh "infinite".
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
    cwnd: congestionWindow(tcb),
    ssthresh: tcb.congestion.ssthresh,
    congestionState: tcb.congestion.phase,
    srtt: tcb.retransmit.srtt ?? 0,
    rttvar: tcb.retransmit.rttvar,
    rto: tcb.retransmit.rto,
    retransmits: tcb.retransmittedSegments,
    bytesInFlight: bytesInFlight(tcb),
  };
}
