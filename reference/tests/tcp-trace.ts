/**
 * Reading the TCP segments two test hosts exchanged, with the harness's own codec (an
 * independent reading of the wire), in packetdrill's notation: `a S 0:0(0) win 65535 <mss 1460>`,
 * sequence numbers relative to each side's ISN.
 */
import { decodePacket, endpointKey, formatFlags, isnsFromSyns, unwrap, type Packet, type TcpSegment } from '../../harness/wire';

/** The TCP segment in `packet` (which must be a well-formed TCP packet). */
export function tcpOf(packet: Uint8Array): TcpSegment {
  const decoded = unwrap(decodePacket(packet));
  if (decoded.kind !== 'tcp') throw new Error(`not a TCP packet: ${decoded.kind}`);
  return decoded.tcp;
}

/**
 * One line per TCP packet: the sender's name (from `names`, by address), flags, relative
 * `seq:end(length)`, `ack` when ACK is set, the window, and the MSS option when present. The
 * ISNs come from the SYNs among `history` (by default, `packets` themselves).
 */
export function ladder(packets: readonly Uint8Array[], names: Readonly<Record<string, string>>, history = packets): string[] {
  const tcpPackets = (list: readonly Uint8Array[]): Array<Packet & { kind: 'tcp' }> =>
    list.map((packet) => unwrap(decodePacket(packet))).filter((packet): packet is Packet & { kind: 'tcp' } => packet.kind === 'tcp');
  const decoded = tcpPackets(packets);
  const isns = isnsFromSyns(tcpPackets(history));
  const relative = (address: string, port: number, seq: number): number => (seq - (isns.get(endpointKey(address, port)) ?? 0)) >>> 0;
  return decoded.map(({ ip, tcp }) => {
    const { header, payload } = tcp;
    const seq = relative(ip.header.src, header.srcPort, header.seq);
    const parts = [names[ip.header.src] ?? ip.header.src, formatFlags(header.flags), `${seq}:${seq + payload.length}(${payload.length})`];
    if (header.flags & 0x10) parts.push(`ack ${relative(ip.header.dst, header.dstPort, header.ack)}`);
    parts.push(`win ${header.window}`);
    const mss = header.options.find((option) => option.kind === 'mss');
    if (mss) parts.push(`<mss ${mss.value}>`);
    return parts.join(' ');
  });
}
