/**
 * Putting segments on the wire: the segments of a connection (SYN, SYN-ACK, ACK, data, FIN,
 * RST), and the RST that answers a segment no connection wants.
 */
import type { SockAddr } from '../../harness/contract';
import type { Host } from '../host';
import { IPPROTO_TCP } from '../ipv4';
import type { TcpConnection } from './connection';
import { announcedMss } from './mss';
import { noteWindowAnnounced, windowToAnnounce } from './receive-window';
import { timeSegment } from './rtt';
import { seqAdd } from './seq';
import { encodeTcp, hasFlag, segmentLength, TCP_ACK, TCP_RST, TCP_SYN, type TcpSegment } from './segment';

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
  // @solution m2 begin: send a segment of a connection (ports, ACK number, window, MSS option on SYN)
  const tcb = socket.tcb;
  const peer = socket.remote();
  const segment: TcpSegment = {
    sourcePort: socket.local.port,
    destinationPort: peer.port,
    seq: outgoing.seq,
    ack: outgoing.flags & TCP_ACK ? tcb.rcvNxt : 0,
    flags: outgoing.flags,
    window: windowToAnnounce(socket),
    options: outgoing.flags & TCP_SYN ? { mss: announcedMss(socket) } : {},
    payload: outgoing.payload ?? NO_PAYLOAD,
  };
  transmitSegment(socket.host, socket.local.address, peer.address, segment, retransmission);
  if (outgoing.flags & TCP_ACK) {
    tcb.ackPending = false;
    tcb.delayedAckDeadline = undefined;
    tcb.fullSegmentsUnacknowledged = 0;
    noteWindowAnnounced(socket, segment.window);
  }
  // @solution end
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
  // @solution m2 begin: send our SYN, or SYN-ACK once the peer's SYN is here
  const tcb = socket.tcb;
  const flags = tcb.state === 'SYN_SENT' ? TCP_SYN : TCP_SYN | TCP_ACK;
  sendSegment(socket, { seq: tcb.iss, flags }, retransmission);
  if (!retransmission) timeSegment(tcb, seqAdd(tcb.iss, 1), socket.host.now());
  // @solution end
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
  // @solution m2 begin: answer a segment that belongs to no connection with RST (RFC 9293 §3.10.7.1)
  if (hasFlag(segment, TCP_RST)) return;
  const acked = hasFlag(segment, TCP_ACK);
  const reset: TcpSegment = {
    sourcePort: local.port,
    destinationPort: remote.port,
    seq: acked ? segment.ack : 0,
    ack: acked ? 0 : seqAdd(segment.seq, segmentLength(segment)),
    flags: acked ? TCP_RST : TCP_RST | TCP_ACK,
    window: 0,
    options: {},
    payload: NO_PAYLOAD,
  };
  transmitSegment(host, local.address, remote.address, reset, false);
  // @solution end
}
