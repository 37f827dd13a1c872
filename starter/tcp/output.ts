// Generated from reference/tcp/output.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * Putting segments on the wire: the segments of a connection (SYN, SYN-ACK, ACK, data, FIN,
 * RST), and the RST that answers a segment no connection wants.
 */
import { NotImplemented, type SockAddr } from '../../harness/contract';
import type { Host } from '../host';
import { IPPROTO_TCP } from '../ipv4';
import type { TcpConnection } from './connection';
import { encodeTcp, hasFlag, TCP_ACK, TCP_RST, type TcpSegment } from './segment';

/** The fields of a connection's segment that its state does not fill in. */
export interface OutgoingSegment {
  readonly seq: number;
  /** Control bits; with {@link TCP_ACK} the acknowledgment number is RCV.NXT. */
  readonly flags: number;
  readonly payload?: Uint8Array;
}

/** No data. */
export const NO_PAYLOAD = new Uint8Array(0);

/**
 * Send one segment of `socket`'s connection: ports from the socket, acknowledgment number
 * RCV.NXT when the ACK bit is set, our receive window, and on a SYN the MSS option. Every
 * ACK sent settles the ACK we owed, delayed or not, and fixes the window's right edge.
 *
 * @param retransmission - whether it resends something sent before (counted apart).
 */
export function sendSegment(socket: TcpConnection, outgoing: OutgoingSegment, retransmission = false): void {
  // TODO(m2): send a segment of a connection (ports, ACK number, window, MSS option on SYN)
  void socket;
  void outgoing;
  void retransmission;
  throw new NotImplemented('m2', 'send a segment of a connection (ports, ACK number, window, MSS option on SYN)');
}

/** Encode `segment`, send it in an IPv4 packet, and count it (TcpOutSegs or TcpRetransSegs; TcpOutRsts). */
export function transmitSegment(host: Host, source: string, destination: string, segment: TcpSegment, retransmission: boolean): void {
  host.sendIp(IPPROTO_TCP, destination, encodeTcp(segment, source, destination));
  if (retransmission) host.counters.TcpRetransSegs++;
  else host.counters.TcpOutSegs++;
  if (hasFlag(segment, TCP_RST)) host.counters.TcpOutRsts++;
}

/** Send our SYN (in SYN_SENT) or SYN-ACK (in SYN_RECEIVED): it carries the ISS. */
export function sendSyn(socket: TcpConnection, retransmission = false): void {
  // TODO(m2): send our SYN, or SYN-ACK once the peer's SYN is here
  void socket;
  void retransmission;
  throw new NotImplemented('m2', 'send our SYN, or SYN-ACK once the peer\'s SYN is here');
}

/** Send a bare ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. */
export function sendAck(socket: TcpConnection): void {
  sendSegment(socket, { seq: socket.tcb.sndNxt, flags: TCP_ACK });
}

/**
 * Answer `segment`, which arrived from `remote` for `local` and belongs to no connection, with
 * RST (RFC 9293 §3.10.7.1), so that its sender learns at once that nobody is there. The RST must
 * be acceptable to the sender, which checks its sequence number:
 *
 * - if the segment had an ACK, the RST takes that number as its sequence number:
 *   <SEQ=SEG.ACK><CTL=RST>;
 * - otherwise (typically a SYN to a closed port) it acknowledges the segment instead:
 *   <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 *
 * A RST is never answered (two hosts would reset each other forever). The window is 0, as Linux sends it.
 */
export function sendResetFor(host: Host, local: SockAddr, remote: SockAddr, segment: TcpSegment): void {
  // TODO(m2): answer a segment that belongs to no connection with RST (RFC 9293 §3.10.7.1)
  void host;
  void local;
  void remote;
  void segment;
  throw new NotImplemented('m2', 'answer a segment that belongs to no connection with RST (RFC 9293 §3.10.7.1)');
}
