/**
 * The packets the harness injects (`<` lines), built with the harness's own codecs: sequence
 * numbers made absolute (the harness's from its ISN, acknowledgments and SACK edges from the
 * stack's), payloads from language/payload.ts, every length and checksum right.
 */
import { buildIcmp, buildTcp, buildUdp, bytesToAddress, quoteOriginal, type TcpOption } from '../../wire';
import type { IcmpEvent, PacketEvent, TcpEvent } from '../language/ast';
import { StepFailure } from './failure';
import type { Flow } from './flow';
import { payload } from '../language/payload';
import { absoluteSeq } from './seq';

/** The window of an inbound segment whose line gives none. */
const DEFAULT_INBOUND_WINDOW = 65535;

/** The bytes of an inbound packet line. */
export function buildInbound(event: PacketEvent, flow: Flow): Uint8Array {
  const src = event.endpoints?.src ?? flow.remote();
  const dst = event.endpoints?.dst ?? flow.local();
  const ends = { src: src.address, dst: dst.address, srcPort: src.port, dstPort: dst.port };
  switch (event.kind) {
    case 'tcp':
      return buildTcp({ ...ends, ...tcpFields(event, flow), payload: payload(event.length) });
    case 'udp':
      return buildUdp({ ...ends, payload: payload(event.length) });
    case 'icmp':
      return buildIcmpError(event, flow);
  }
}

function tcpFields(event: TcpEvent, flow: Flow) {
  const toStack = (seq: number): number => absoluteSeq(flow.stackIsn, seq);
  // The parser refuses <...> on inbound lines: the options are a list here.
  const options = (event.options as readonly TcpOption[]).map((o): TcpOption =>
    o.kind === 'sack' ? { kind: 'sack', blocks: o.blocks.map((b) => ({ left: toStack(b.left), right: toStack(b.right) })) } : o,
  );
  return {
    seq: absoluteSeq(flow.peerIsn, event.seq),
    ack: event.ack === undefined ? 0 : toStack(event.ack),
    flags: event.flags,
    window: event.window ?? DEFAULT_INBOUND_WINDOW,
    options,
  };
}

/**
 * An ICMP destination unreachable about a packet the stack sent: the one the line describes
 * (`[udp (N)]`, from the stack's port to the harness's), else the last one it really sent. It
 * comes from the host that packet was for.
 */
function buildIcmpError(event: IcmpEvent, flow: Flow): Uint8Array {
  const quoted =
    event.quoteUdpLength === undefined
      ? flow.lastOutbound
      : buildUdp({
          src: flow.local().address,
          dst: flow.remote().address,
          srcPort: flow.local().port,
          dstPort: flow.remote().port,
          payload: payload(event.quoteUdpLength),
        });
  if (!quoted) {
    throw new StepFailure({ summary: 'nothing to quote: the stack has sent no packet yet (write the datagram to quote, e.g. [udp (10)])' });
  }
  return buildIcmp({
    src: bytesToAddress(quoted, 16),
    dst: bytesToAddress(quoted, 12),
    message: { kind: 'unreachable', code: event.code, original: quoteOriginal(quoted) },
  });
}
