/**
 * The congestion window as the sender and tcpInfo read it (milestone 4).
 */
import { initialWindow } from './congestion-variables';
import type { Tcb } from './tcb';

/**
 * cwnd in bytes: as congestion control set it, or else the initial window for the MSS in use;
 * one segment when the handshake had to resend our SYN or SYN-ACK (RFC 6928 §2: a lost SYN means
 * the path may be congested). Before milestone 4 nothing sets it: a stack keeps to the initial
 * window only if its sender asks here.
 */
export function congestionWindow(tcb: Tcb): number {
  return tcb.congestion.cwnd ?? (tcb.retransmittedSegments > 0 ? tcb.mss : initialWindow(tcb.mss));
}

/**
 * What cwnd lets the sender have in flight: its whole segments (at least one). cwnd grows and
 * shrinks by odd bytes (an ACK of a short segment, half a flight); counted in segments, as Linux
 * counts it, it never cuts a segment short.
 */
export function congestionLimit(tcb: Tcb): number {
  return Math.max(1, Math.floor(congestionWindow(tcb) / tcb.mss)) * tcb.mss;
}
