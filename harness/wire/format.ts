/**
 * One-line packet summaries in the style of tcpdump, for failure messages and ladder diagrams:
 *
 *     10.0.0.1:49152 > 10.0.0.2:7: UDP, length 5
 *     10.0.0.1:40000 > 10.0.0.2:80: Flags [S], seq 0, win 65535, options [mss 1460], length 0
 *
 * Unlike tcpdump, ports follow a colon, so an endpoint reads as the kernel contract writes it.
 */
import { decodeQuoted, UnreachableCode, type IcmpPacket } from './icmp';
import { IPPROTO_TCP, IPPROTO_UDP, type Ipv4Header } from './ipv4';
import { checksumProblems, decodePacket, type Packet } from './packet';
import { TcpFlag, type TcpSegment } from './tcp';
import { isRawOption, type TcpOption } from './tcp-options';

/** How to print packets. */
export interface FormatOptions {
  /**
   * Initial sequence numbers by endpoint (see {@link endpointKey}). A TCP segment's seq prints
   * relative to its sender's ISN and its ack and SACK blocks relative to its receiver's, as
   * tcpdump does; endpoints not in the map print absolute numbers.
   */
  readonly isn?: ReadonlyMap<string, number>;
}

/** The key of an endpoint in an ISN map: `'10.0.0.1:40000'`. */
export function endpointKey(address: string, port: number): string {
  return `${address}:${port}`;
}

/** The ISN of every endpoint that sent a SYN among `packets` (its first SYN counts). */
export function isnsFromSyns(packets: Iterable<Packet>): Map<string, number> {
  const isns = new Map<string, number>();
  for (const p of packets) {
    if (p.kind !== 'tcp' || (p.tcp.header.flags & TcpFlag.SYN) === 0) continue;
    const key = endpointKey(p.ip.header.src, p.tcp.header.srcPort);
    if (!isns.has(key)) isns.set(key, p.tcp.header.seq);
  }
  return isns;
}

// tcpdump's letters, in the order of the bits: F S R P . U E W.
const FLAG_LETTERS: ReadonlyArray<readonly [number, string]> = [
  [TcpFlag.FIN, 'F'],
  [TcpFlag.SYN, 'S'],
  [TcpFlag.RST, 'R'],
  [TcpFlag.PSH, 'P'],
  [TcpFlag.ACK, '.'],
  [TcpFlag.URG, 'U'],
  [TcpFlag.ECE, 'E'],
  [TcpFlag.CWR, 'W'],
];

/** TCP flags as tcpdump prints them: `S`, `S.`, `FP.`, or `none`. */
export function formatFlags(flags: number): string {
  const letters = FLAG_LETTERS.filter(([bit]) => (flags & bit) !== 0).map(([, letter]) => letter);
  return letters.length > 0 ? letters.join('') : 'none';
}

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One TCP option as tcpdump prints it; `relative` maps a SACK edge to what to print. */
export function formatOption(option: TcpOption, relative: (seq: number) => number = (s) => s): string {
  if (isRawOption(option)) return `kind-${option.kind}${option.data.length > 0 ? ` 0x${hexBytes(option.data)}` : ''}`;
  switch (option.kind) {
    case 'eol':
    case 'nop':
      return option.kind;
    case 'mss':
      return `mss ${option.value}`;
    case 'wscale':
      return `wscale ${option.shift}`;
    case 'sackPermitted':
      return 'sackOK';
    case 'sack':
      return `sack ${option.blocks.length} ${option.blocks.map((b) => `{${relative(b.left)}:${relative(b.right)}}`).join('')}`;
    case 'timestamp':
      return `TS val ${option.tsval} ecr ${option.tsecr}`;
  }
}

function formatTcp(ip: Ipv4Header, tcp: TcpSegment, isn: ReadonlyMap<string, number> | undefined): string {
  const h = tcp.header;
  const relativeTo = (key: string) => {
    const base = isn?.get(key);
    return (seq: number) => (base === undefined ? seq : (seq - base) >>> 0);
  };
  const seq = relativeTo(endpointKey(ip.src, h.srcPort));
  const ack = relativeTo(endpointKey(ip.dst, h.dstPort));
  const length = tcp.payload.length;
  const parts = [
    `Flags [${formatFlags(h.flags)}]`,
    // Like tcpdump: a segment with data shows the range of sequence numbers it covers.
    length > 0 ? `seq ${seq(h.seq)}:${(seq(h.seq) + length) >>> 0}` : `seq ${seq(h.seq)}`,
    ...((h.flags & TcpFlag.ACK) !== 0 ? [`ack ${ack(h.ack)}`] : []),
    `win ${h.window}`,
    ...((h.flags & TcpFlag.URG) !== 0 ? [`urg ${h.urgentPointer}`] : []),
    ...(h.options.length > 0 ? [`options [${h.options.map((o) => formatOption(o, ack)).join(',')}]`] : []),
    `length ${length}`,
  ];
  return `${ip.src}:${h.srcPort} > ${ip.dst}:${h.dstPort}: ${parts.join(', ')}`;
}

// What tcpdump says after "ICMP" for a destination unreachable.
function unreachableText(code: number, nextHopMtu: number, original: Uint8Array): string {
  const quoted = decodeQuoted(original);
  if (!quoted.ok) return `unreachable (code ${code}), ${quoted.reason}`;
  const { header, ports } = quoted.value;
  switch (code) {
    case UnreachableCode.NET:
      return `net ${header.dst} unreachable`;
    case UnreachableCode.HOST:
      return `host ${header.dst} unreachable`;
    case UnreachableCode.PROTOCOL:
      return `${header.dst} protocol ${header.protocol} unreachable`;
    case UnreachableCode.PORT: {
      const proto = header.protocol === IPPROTO_TCP ? 'tcp' : header.protocol === IPPROTO_UDP ? 'udp' : `protocol ${header.protocol}`;
      return `${header.dst} ${proto} port ${ports?.dst ?? '?'} unreachable`;
    }
    case UnreachableCode.FRAGMENTATION_NEEDED:
      return `${header.dst} unreachable - need to frag (mtu ${nextHopMtu})`;
    default:
      return `${header.dst} unreachable (code ${code})`;
  }
}

function formatIcmp(icmp: IcmpPacket): string {
  const m = icmp.message;
  switch (m.kind) {
    case 'echoRequest':
    case 'echoReply':
      return `ICMP echo ${m.kind === 'echoRequest' ? 'request' : 'reply'}, id ${m.id}, seq ${m.seq}`;
    case 'unreachable':
      return `ICMP ${unreachableText(m.code, m.nextHopMtu ?? 0, m.original)}`;
    case 'other':
      return `ICMP type ${m.type}, code ${m.code}`;
  }
}

function describe(packet: Packet, options: FormatOptions): string {
  const h = packet.ip.header;
  const hosts = `${h.src} > ${h.dst}`;
  switch (packet.kind) {
    case 'udp':
      return `${h.src}:${packet.udp.header.srcPort} > ${h.dst}:${packet.udp.header.dstPort}: UDP, length ${packet.udp.payload.length}`;
    case 'tcp':
      return formatTcp(h, packet.tcp, options.isn);
    case 'icmp':
      return `${hosts}: ${formatIcmp(packet.icmp)}, length ${packet.ip.payload.length}`;
    case 'unknown': {
      const fragment = h.moreFragments || h.fragmentOffset !== 0;
      const what = fragment
        ? `fragment of ip-proto-${h.protocol} (id ${h.id}, offset ${h.fragmentOffset * 8}${h.moreFragments ? ', more fragments' : ''})`
        : `ip-proto-${h.protocol}`;
      return `${hosts}: ${what}, length ${packet.ip.payload.length}`;
    }
  }
}

/**
 * One line describing a packet, from its bytes or decoded. Bytes that do not decode print as
 * `malformed packet (N bytes): reason`; checksums that do not verify are named at the end.
 */
export function formatPacket(packet: Uint8Array | Packet, options: FormatOptions = {}): string {
  let decoded: Packet;
  // Not `instanceof Uint8Array`: a Buffer made in another realm (Node's core under jest, or a
  // packet that crossed from a child process) is a Uint8Array of a different global.
  if (ArrayBuffer.isView(packet)) {
    const d = decodePacket(packet);
    if (!d.ok) return `malformed packet (${packet.length} bytes): ${d.reason}`;
    decoded = d.value;
  } else {
    decoded = packet;
  }
  const problems = checksumProblems(decoded);
  return describe(decoded, options) + (problems.length > 0 ? ` [${problems.join('; ')}]` : '');
}
