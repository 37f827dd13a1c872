/**
 * The field values tshark should print for a packet (`-T json -e NAME`), derived from the
 * harness's own decode of it: how the tshark tests cross-check harness/wire field by field.
 */
import {
  decodeQuoted,
  encodeTcpOptions,
  IPPROTO_TCP,
  isRawOption,
  TcpFlag,
  TcpOptionKind,
  UnreachableCode,
  unwrap,
  type IcmpPacket,
  type Ipv4Header,
  type Packet,
  type TcpSegment,
} from '../../wire';
import type { TsharkFields } from '../tshark';

// tshark prints these fields as 0x and a fixed number of hex digits, flags as 1 or 0.
const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;
const flag = (set: boolean) => (set ? '1' : '0');

function ipFields(h: Ipv4Header): Record<string, string> {
  return {
    'ip.src': h.src, 'ip.dst': h.dst, 'ip.len': `${h.totalLength}`, 'ip.hdr_len': `${h.ihl * 4}`, 'ip.id': hex(h.id, 4),
    'ip.ttl': `${h.ttl}`, 'ip.proto': `${h.protocol}`, 'ip.checksum': hex(h.checksum, 4), 'ip.dsfield': hex(h.tos, 2),
    'ip.flags.df': flag(h.dontFragment), 'ip.flags.mf': flag(h.moreFragments),
  };
}

function tcpFields(tcp: TcpSegment): Record<string, string[]> {
  const h = tcp.header;
  const fields: Record<string, string[]> = {
    'tcp.srcport': [`${h.srcPort}`], 'tcp.dstport': [`${h.dstPort}`], 'tcp.seq_raw': [`${h.seq}`],
    'tcp.flags': [hex((h.reserved << 8) | h.flags, 4)], 'tcp.window_size_value': [`${h.window}`],
    'tcp.hdr_len': [`${h.dataOffset * 4}`], 'tcp.len': [`${tcp.payload.length}`], 'tcp.checksum': [hex(h.checksum, 4)],
    'tcp.urgent_pointer': [`${h.urgentPointer}`],
  };
  if ((h.flags & TcpFlag.ACK) !== 0) fields['tcp.ack_raw'] = [`${h.ack}`];
  // tshark lists each zero byte of padding as an End of Option List.
  const padding = h.dataOffset * 4 - 20 - encodeTcpOptions(h.options).length;
  const kinds = [...h.options.map((o) => (isRawOption(o) ? o.kind : TcpOptionKind[o.kind])), ...Array<number>(padding).fill(0)];
  if (kinds.length > 0) fields['tcp.option_kind'] = kinds.map(String);
  for (const o of h.options) {
    if (isRawOption(o)) continue;
    if (o.kind === 'mss') fields['tcp.options.mss_val'] = [`${o.value}`];
    if (o.kind === 'wscale') fields['tcp.options.wscale.shift'] = [`${o.shift}`];
    if (o.kind === 'timestamp') {
      fields['tcp.options.timestamp.tsval'] = [`${o.tsval}`];
      fields['tcp.options.timestamp.tsecr'] = [`${o.tsecr}`];
    }
    if (o.kind === 'sack') {
      fields['tcp.options.sack_le'] = o.blocks.map((s) => `${s.left}`);
      fields['tcp.options.sack_re'] = o.blocks.map((s) => `${s.right}`);
    }
  }
  return fields;
}

function icmpFields(icmp: IcmpPacket): Record<string, string[]> {
  const m = icmp.message;
  const fields: Record<string, string[]> = { 'icmp.checksum': [hex(icmp.checksum, 4)] };
  if (m.kind === 'echoRequest' || m.kind === 'echoReply') {
    Object.assign(fields, { 'icmp.type': [m.kind === 'echoRequest' ? '8' : '0'], 'icmp.code': ['0'], 'icmp.ident': [`${m.id}`], 'icmp.seq': [`${m.seq}`] });
  }
  if (m.kind === 'unreachable') {
    Object.assign(fields, { 'icmp.type': ['3'], 'icmp.code': [`${m.code}`] });
    if (m.code === UnreachableCode.FRAGMENTATION_NEEDED) fields['icmp.mtu'] = [`${m.nextHopMtu}`];
  }
  return fields;
}

/**
 * What tshark should read in a packet, field by field, from the harness's own decode of it. An
 * ICMP error quotes a packet, whose IP fields tshark lists after the outer header's.
 */
export function expectedFields(p: Packet): Record<string, string[]> {
  const headers = [p.ip.header];
  let fields: Record<string, string[]> = {};
  if (p.kind === 'udp') {
    const h = p.udp.header;
    fields = { 'udp.srcport': [`${h.srcPort}`], 'udp.dstport': [`${h.dstPort}`], 'udp.length': [`${h.length}`], 'udp.checksum': [hex(h.checksum, 4)] };
  }
  if (p.kind === 'tcp') fields = tcpFields(p.tcp);
  if (p.kind === 'icmp') {
    fields = icmpFields(p.icmp);
    if (p.icmp.message.kind === 'unreachable') {
      const quoted = unwrap(decodeQuoted(p.icmp.message.original));
      headers.push(quoted.header);
      const proto = quoted.header.protocol === IPPROTO_TCP ? 'tcp' : 'udp';
      fields[`${proto}.srcport`] = [`${quoted.ports?.src}`];
      fields[`${proto}.dstport`] = [`${quoted.ports?.dst}`];
    }
  }
  for (const h of headers) {
    for (const [name, value] of Object.entries(ipFields(h))) fields[name] = [...(fields[name] ?? []), value];
  }
  return fields;
}

// Keep tshark's fields that a case expects, so that a mismatch shows as a readable diff.
export function pick(actual: TsharkFields, expected: Record<string, string[]>): Record<string, readonly string[] | undefined> {
  return Object.fromEntries(Object.keys(expected).map((name) => [name, actual[name]]));
}
