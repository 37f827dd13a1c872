/**
 * Packets written the way a script writes them, with relative sequence numbers, so that a
 * failure shows the actual packet right under the script line it should have matched:
 *
 *     expected: > S. 0:0(0) ack 1 win 65535 <mss 1460>
 *     actual:   > S. 0:0(0) ack 1 win 64240 <mss 1460,sackOK>
 */
import { formatFlags, isRawOption, TcpFlag, type Packet, type TcpOption } from '../../wire';
import type { Flow } from './flow';
import { UNREACHABLE_CODES } from '../language/names';
import { relativeSeq } from './seq';

/** One option in script syntax; SACK edges through `relative`. */
export function renderOption(option: TcpOption, relative: (seq: number) => number = (seq) => seq): string {
  if (isRawOption(option)) return `kind-${option.kind} (${option.data.length} bytes)`;
  switch (option.kind) {
    case 'eol':
    case 'nop':
      return option.kind;
    case 'mss':
      return `mss ${option.value}`;
    case 'sackPermitted':
      return 'sackOK';
    case 'wscale':
      return `wscale ${option.shift}`;
    case 'timestamp':
      return `TS val ${option.tsval} ecr ${option.tsecr}`;
    case 'sack':
      return `sack ${option.blocks.map((b) => `${relative(b.left)}:${relative(b.right)}`).join(' ')}`;
  }
}

/** An option list in script syntax: `<mss 1460,nop,wscale 7>`, `<>` when empty. */
export function renderOptions(options: readonly TcpOption[], relative?: (seq: number) => number): string {
  return `<${options.map((o) => renderOption(o, relative)).join(',')}>`;
}

/** Script flags: tcpdump's letters, nothing for none. */
export function renderFlags(flags: number): string {
  return flags === 0 ? '' : formatFlags(flags);
}

const CODE_NAMES = new Map(Object.entries(UNREACHABLE_CODES).map(([name, code]) => [code, name]));

/** A decoded packet as a script line would write it, from the point of view of `flow`. */
export function renderPacket(packet: Packet, flow: Flow): string {
  const direction = packet.ip.header.src === flow.options.localAddress ? '>' : '<';
  switch (packet.kind) {
    case 'tcp': {
      const h = packet.tcp.header;
      // Outbound numbers count from the stack's ISN and acknowledge the peer's; inbound the other way.
      const [own, other] = direction === '>' ? [flow.stackIsn, flow.peerIsn] : [flow.peerIsn, flow.stackIsn];
      const seq = relativeSeq(own, h.seq);
      const length = packet.tcp.payload.length;
      const ack = (h.flags & TcpFlag.ACK) !== 0 ? ` ack ${relativeSeq(other, h.ack)}` : '';
      const options = h.options.length > 0 ? ` ${renderOptions(h.options, (s) => relativeSeq(other, s))}` : '';
      return `${direction} ${renderFlags(h.flags)} ${seq}:${(seq + length) >>> 0}(${length})${ack} win ${h.window}${options}`;
    }
    case 'udp':
      return `${direction} udp (${packet.udp.payload.length})`;
    case 'icmp': {
      const m = packet.icmp.message;
      if (m.kind === 'unreachable') return `${direction} icmp unreachable ${CODE_NAMES.get(m.code) ?? `code ${m.code}`}`;
      return `${direction} icmp ${m.kind === 'other' ? `type ${m.type} code ${m.code}` : m.kind}`;
    }
    case 'unknown':
      return `${direction} ip-proto-${packet.ip.header.protocol} (${packet.ip.payload.length} bytes)`;
  }
}
