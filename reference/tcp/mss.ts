/**
 * The maximum segment size: the one each side announces in its SYN, and the one it sends with
 * once the peer's SYN is here (RFC 9293 §3.7.1). output.ts puts the first on every SYN; both
 * handshakes (listen.ts, syn-sent.ts) settle the second.
 */
import { IPV4_HEADER_LENGTH } from '../ipv4';
import type { TcpConnection } from './connection';
import { TCP_HEADER_LENGTH } from './segment';
import { TCP_DEFAULT_MSS } from './tcb';

/**
 * The smallest MSS socklab sends with, whatever the peer announces (Linux's tcp_min_snd_mss):
 * a peer announcing a tiny MSS would otherwise make us cut data into thousands of segments.
 */
export const TCP_MIN_SEND_MSS = 48;

/**
 * The MSS this side announces in its SYN or SYN-ACK: what fits in one packet on the link (the
 * MTU less the IPv4 and TCP headers, 1460 on Ethernet), or TCP_MAXSEG if that is smaller.
 */
export function announcedMss(socket: TcpConnection): number {
  // @solution m2 begin: the MSS to announce (MTU − 40, or TCP_MAXSEG if smaller)
  const linkMss = socket.host.mtu - IPV4_HEADER_LENGTH - TCP_HEADER_LENGTH;
  return socket.maxSegment > 0 ? Math.min(linkMss, socket.maxSegment) : linkMss;
  // @solution end
}

/**
 * The MSS to send with, once the peer's SYN is here: the peer's announced MSS (536 when it
 * announced none, RFC 9293 §3.7.1), never more than we announced ourselves (our link and
 * TCP_MAXSEG limit what we send as well as what we receive), and never below {@link TCP_MIN_SEND_MSS}.
 */
export function effectiveMss(socket: TcpConnection, peerMss: number | undefined): number {
  // @solution m2 begin: the MSS to send with (the peer's, or 536 when it announced none; at most ours)
  const peer = peerMss === undefined || peerMss === 0 ? TCP_DEFAULT_MSS : peerMss;
  return Math.max(Math.min(peer, announcedMss(socket)), TCP_MIN_SEND_MSS);
  // @solution end
}
