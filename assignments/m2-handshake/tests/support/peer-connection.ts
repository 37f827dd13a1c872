/**
 * One TCP connection as the harness plays its far end. It keeps both sides' sequence numbers so
 * that a test writes them relative to each ISN (as scripts and tcpdump do): the peer's ISN is
 * drawn from the test's seed, the stack's is learned from its SYN or SYN-ACK. Until then the
 * stack's numbers are absolute (its ISN counts as 0), as in a script.
 */
import { PacketMismatch } from '../../../../harness/checks/expect-packet';
import { buildTcp, endpointKey, formatFlags, formatPacket, TcpFlag, type TcpOption } from '../../../../harness/wire';
import { REPLY_MS, type TcpLab } from './tcp-lab';
import type { StackSegment } from './stack-segment';

/** What the peer's SYNs offer unless a test says: an Ethernet-sized MSS, nothing else. */
export const PEER_SYN_OPTIONS: readonly TcpOption[] = [{ kind: 'mss', value: 1460 }];

/** A segment for the peer to send. */
export interface Outgoing {
  readonly flags: number;
  readonly data?: Uint8Array;
  /** Relative to the peer's ISN; when given, the peer's SND.NXT does not move. */
  readonly seq?: number;
  /** Relative to the stack's ISN; default: the peer's RCV.NXT. */
  readonly ack?: number;
  readonly window?: number;
  readonly options?: readonly TcpOption[];
}

/** What a segment from the stack must be. Absent fields are not checked, unless a default is said. */
export interface Expected {
  /** Exactly these flags. */
  readonly flags: number;
  /** Relative to the stack's ISN; default: the next one the peer expects (in order). */
  readonly seq?: number;
  /** Relative to the peer's ISN, checked when ACK is set; default: all the peer has sent. */
  readonly ack?: number;
  readonly length?: number;
  /** The payload, byte for byte. */
  readonly data?: Uint8Array;
  /** The MSS option's value; the segment must carry one. */
  readonly mss?: number;
  /** How long to wait for it. */
  readonly withinMs?: number;
}

const u32 = (n: number): number => n >>> 0;

/** Sequence numbers a segment occupies: its data, and one each for SYN and FIN. */
function occupied(flags: number, length: number): number {
  return length + (flags & TcpFlag.SYN ? 1 : 0) + (flags & TcpFlag.FIN ? 1 : 0);
}

export class PeerConnection {
  readonly peerPort: number;
  readonly stackPort: number;
  readonly peerIsn: number;
  private learnedStackIsn: number | undefined;
  /** The peer's next sequence number, relative to its ISN. */
  sndNxt = 0;
  /** The next sequence number the peer expects from the stack, relative to the stack's ISN. */
  rcvNxt = 0;

  constructor(
    private readonly lab: TcpLab,
    ends: { readonly peerPort: number; readonly stackPort: number; readonly peerIsn: number },
  ) {
    this.peerPort = ends.peerPort;
    this.stackPort = ends.stackPort;
    this.peerIsn = ends.peerIsn;
  }

  /** The stack's ISN once its SYN or SYN-ACK was seen; 0 before. */
  get stackIsn(): number {
    return this.learnedStackIsn ?? 0;
  }

  /** The bytes of `segment` from the peer, as `send` would send them. */
  build(segment: Outgoing): Uint8Array {
    const acking = (segment.flags & TcpFlag.ACK) !== 0;
    return buildTcp({
      src: this.lab.peerAddress,
      dst: this.lab.stackAddress,
      srcPort: this.peerPort,
      dstPort: this.stackPort,
      seq: u32(this.peerIsn + (segment.seq ?? this.sndNxt)),
      ack: acking ? u32(this.stackIsn + (segment.ack ?? this.rcvNxt)) : 0,
      flags: segment.flags,
      window: segment.window ?? 65535,
      options: [...(segment.options ?? [])],
      payload: segment.data ?? new Uint8Array(0),
    });
  }

  /** Send `segment`; with `change`, send what it makes of the bytes instead (see crafted.ts). */
  async send(segment: Outgoing, change: (packet: Uint8Array) => Uint8Array = (packet) => packet): Promise<void> {
    const packet = change(this.build(segment));
    if (segment.seq === undefined) this.sndNxt = u32(this.sndNxt + occupied(segment.flags, segment.data?.length ?? 0));
    await this.lab.send(packet);
  }

  async syn(options: readonly TcpOption[] = PEER_SYN_OPTIONS, change?: (packet: Uint8Array) => Uint8Array): Promise<void> {
    await this.send({ flags: TcpFlag.SYN, seq: 0, options }, change);
    this.sndNxt = 1;
  }

  ack(window?: number): Promise<void> {
    return this.send({ flags: TcpFlag.ACK, ...(window === undefined ? {} : { window }) });
  }

  push(data: Uint8Array): Promise<void> {
    return this.send({ flags: TcpFlag.PSH | TcpFlag.ACK, data });
  }

  fin(): Promise<void> {
    return this.send({ flags: TcpFlag.FIN | TcpFlag.ACK });
  }

  /** A RST at `seq` (default: the peer's SND.NXT, which the stack's RCV.NXT should be). */
  rst(seq = this.sndNxt): Promise<void> {
    return this.send({ flags: TcpFlag.RST, seq });
  }

  /** Take the next segment from the stack; it must be this connection's and match `expected`. */
  async expect(expected: Expected): Promise<StackSegment> {
    const segment = await this.lab.next(expected.withinMs ?? REPLY_MS, this.describe(expected));
    const { header, payload } = segment;
    if (this.learnedStackIsn === undefined && header.flags & TcpFlag.SYN) this.learnedStackIsn = u32(header.seq - (expected.seq ?? 0));
    const differences = this.differences(segment, expected);
    if (differences.length > 0) throw new PacketMismatch(this.describe(expected), this.describe(expected), this.show(segment), differences);
    const end = u32(header.seq - this.stackIsn + occupied(header.flags, payload.length));
    if ((header.flags & TcpFlag.RST) === 0 && u32(end - this.rcvNxt) < 0x80000000) this.rcvNxt = end;
    return segment;
  }

  /**
   * The stack's answer to data the peer sent, `expected` (it carries data): it may come after a
   * bare ACK of that data, or carry the ACK itself (an ACK delayed until the program answered,
   * as stacks that delay ACKs do from milestone 3 on). Both are right.
   */
  async expectAnswer(expected: Expected): Promise<StackSegment> {
    const first = await this.lab.next(expected.withinMs ?? REPLY_MS, this.describe(expected));
    this.lab.unread(first);
    if (first.payload.length === 0 && first.header.flags === TcpFlag.ACK) await this.expect({ flags: TcpFlag.ACK, length: 0 });
    return this.expect(expected);
  }

  /** The peer opens a connection to the stack's listener: SYN, SYN-ACK, ACK. Returns the SYN-ACK. */
  async open(options: readonly TcpOption[] = PEER_SYN_OPTIONS): Promise<StackSegment> {
    await this.syn(options);
    const synAck = await this.expect({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: 0, ack: 1 });
    await this.ack();
    return synAck;
  }

  /** The peer answers the stack's connect: the SYN, our SYN-ACK, the stack's ACK. Returns the SYN. */
  async answer(options: readonly TcpOption[] = PEER_SYN_OPTIONS): Promise<StackSegment> {
    const syn = await this.expect({ flags: TcpFlag.SYN, seq: 0 });
    await this.send({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: 0, options });
    this.sndNxt = 1;
    await this.expect({ flags: TcpFlag.ACK, seq: 1, ack: 1 });
    return syn;
  }

  private differences(segment: StackSegment, expected: Expected): string[] {
    const { packet, header, payload } = segment;
    const found: string[] = [];
    const check = (field: string, actual: unknown, wanted: unknown): void => {
      if (wanted !== undefined && actual !== wanted) found.push(`${field} is ${String(actual)}, expected ${String(wanted)}`);
    };
    check('source', endpointKey(packet.ip.header.src, header.srcPort), endpointKey(this.lab.stackAddress, this.stackPort));
    check('destination', endpointKey(packet.ip.header.dst, header.dstPort), endpointKey(this.lab.peerAddress, this.peerPort));
    check('flags', formatFlags(header.flags), formatFlags(expected.flags));
    check('seq', u32(header.seq - this.stackIsn), expected.seq ?? this.rcvNxt);
    if (header.flags & TcpFlag.ACK) check('ack', u32(header.ack - this.peerIsn), expected.ack ?? this.sndNxt);
    check('payload length', payload.length, expected.length ?? expected.data?.length);
    if (expected.data && !sameBytes(payload, expected.data)) found.push('the payload differs from the bytes expected');
    const mss = header.options.find((option) => option.kind === 'mss');
    if (expected.mss !== undefined) check('MSS option', mss?.kind === 'mss' ? mss.value : 'missing', expected.mss);
    return found;
  }

  private describe(expected: Expected): string {
    const ack = expected.flags & TcpFlag.ACK ? `, ack ${expected.ack ?? this.sndNxt}` : '';
    const mss = expected.mss === undefined ? '' : `, options [mss ${expected.mss}]`;
    const length = expected.length ?? expected.data?.length;
    return `${this.lab.stackAddress}:${this.stackPort} > ${this.lab.peerAddress}:${this.peerPort}: Flags [${formatFlags(expected.flags)}], seq ${expected.seq ?? this.rcvNxt}${ack}${mss}${length === undefined ? '' : `, length ${length}`}`;
  }

  private show(segment: StackSegment): string {
    const isn = new Map([
      [endpointKey(this.lab.peerAddress, this.peerPort), this.peerIsn],
      [endpointKey(this.lab.stackAddress, this.stackPort), this.stackIsn],
    ]);
    return formatPacket(segment.packet, { isn });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
