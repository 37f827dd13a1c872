/**
 * Helpers for the receiving side and flow control of milestone 3, on top of milestone 2's bench
 * (the harness plays the peer with crafted segments): a connection accepted with a chosen receive
 * buffer and peer MSS, payloads drawn from the test's seed, the stack's segments read without the
 * peer's bookkeeping (a zero-window probe must not move what the peer expects next), and a check
 * of a zero-window probe that accepts both forms the RFCs and Linux send.
 */
import { PacketMismatch } from '../../../../harness/checks/expect-packet';
import type { Fd } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { formatPacket, TcpFlag } from '../../../../harness/wire';
import type { PeerConnection } from '../../../m2-handshake/tests/support/peer-connection';
import { stackSegment, type StackSegment } from '../../../m2-handshake/tests/support/stack-segment';
import { openTcpLab, type TcpLab } from '../../../m2-handshake/tests/support/tcp-lab';
import { listenOn } from '../../../m2-handshake/tests/support/tcp-sockets';

export const STACK_PORT = 8080;
export const PEER_PORT = 5000;

/** How soon an ACK sent "at once" reaches the peer: the 1 ms crossing, and a little room. */
export const AT_ONCE_MS = 5;

/**
 * The bench and a connection the peer opened to the stack's listener, accepted: the listener's
 * SO_RCVBUF set first when `rcvbuf` is given (the accepted socket inherits it), the peer's SYN
 * offering `mss` (1000 unless said), from `peerIsn` when given (else a seeded one).
 */
export async function acceptedWith(
  t: NetTest,
  { rcvbuf, mss = 1000, peerIsn }: { rcvbuf?: number; mss?: number; peerIsn?: number } = {},
): Promise<{ lab: TcpLab; conn: PeerConnection; fd: Fd }> {
  const lab = openTcpLab(t);
  const listener = await listenOn(lab.sys, STACK_PORT);
  if (rcvbuf !== undefined) await lab.sys.setsockopt(listener, 'SO_RCVBUF', rcvbuf);
  const conn = lab.connection(PEER_PORT, STACK_PORT, peerIsn);
  await conn.open([{ kind: 'mss', value: mss }]);
  const { fd } = await lab.sys.accept(listener);
  return { lab, conn, fd };
}

/** The peer sends `data` at `offset` bytes into its stream (its ISN + 1 + offset), without moving its SND.NXT. */
export function sendAt(conn: PeerConnection, offset: number, data: Uint8Array, flags: number = TcpFlag.ACK): Promise<void> {
  return conn.send({ flags, seq: 1 + offset, data });
}

/** The next segment from the stack within `withinMs`, or undefined; the peer's numbers do not move. */
export async function nextSegment(lab: TcpLab, withinMs: number, what: string): Promise<StackSegment | undefined> {
  const arrival = await lab.net.peer.next(withinMs);
  return arrival ? stackSegment(arrival, what) : undefined;
}

/**
 * The last of a run of segments from the stack (the ACKs of data just sent, say): the first within
 * `withinMs`, each next within `gapMs` of the one before; undefined when none comes.
 */
export async function lastOfRun(lab: TcpLab, withinMs: number, gapMs: number, what: string): Promise<StackSegment | undefined> {
  let last = await nextSegment(lab, withinMs, what);
  for (let next = last; next; next = await nextSegment(lab, gapMs, 'more ACKs')) last = next;
  return last;
}

/** The ACK field of `segment`, relative to the peer's ISN. */
export function ackOf(conn: PeerConnection, segment: StackSegment): number {
  return (segment.header.ack - conn.peerIsn) >>> 0;
}

/** The sequence number of `segment`, relative to the stack's ISN. */
export function seqOf(conn: PeerConnection, segment: StackSegment): number {
  return (segment.header.seq - conn.stackIsn) >>> 0;
}

/** Fail, showing `segment`, with `differences`. */
export function mismatch(what: string, segment: StackSegment, differences: string[]): PacketMismatch {
  return new PacketMismatch(what, what, formatPacket(segment.packet), differences);
}

/**
 * Take the stack's next segment, which must be a bare ACK (no data, no SYN/FIN/RST) with ACK
 * `ack` (relative to the peer's ISN) within `withinMs`; with `window`, its window field too.
 */
export async function expectBareAck(
  lab: TcpLab,
  conn: PeerConnection,
  { ack, window, withinMs, what }: { ack: number; window?: number; withinMs: number; what: string },
): Promise<StackSegment> {
  const segment = await lab.next(withinMs, what);
  const differences: string[] = [];
  if (segment.header.flags !== TcpFlag.ACK) differences.push(`flags are ${segment.header.flags}, expected a bare ACK`);
  if (segment.payload.length !== 0) differences.push(`it carries ${segment.payload.length} bytes of data`);
  if (ackOf(conn, segment) !== ack) differences.push(`ack is ${ackOf(conn, segment)}, expected ${ack}`);
  if (window !== undefined && segment.header.window !== window) differences.push(`window is ${segment.header.window}, expected ${window}`);
  if (differences.length > 0) throw mismatch(what, segment, differences);
  return segment;
}

/**
 * Whether `segment` is a zero-window probe of a sender whose SND.UNA is `una` and whose next
 * unsent byte (at `una`, since nothing else is in flight) is `nextByte`: either one byte of
 * data at SND.UNA (the RFCs' form; a later probe resends that byte) or an empty ACK at
 * SND.UNA − 1 (Linux's form). Returns the differences; none when it is one.
 */
export function probeDifferences(conn: PeerConnection, segment: StackSegment, una: number, nextByte: number): string[] {
  const seq = seqOf(conn, segment);
  const { flags } = segment.header;
  if ((flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) !== 0 || (flags & TcpFlag.ACK) === 0) return [`flags ${flags} are not those of a probe (ACK, maybe PSH)`];
  if (segment.payload.length === 1 && seq === una) {
    return segment.payload[0] === nextByte ? [] : [`the probe byte is ${segment.payload[0]}, expected the next byte to send, ${nextByte}`];
  }
  if (segment.payload.length === 0 && seq === ((una - 1) >>> 0)) return [];
  return [`seq ${seq} with ${segment.payload.length} bytes is neither one byte at SND.UNA ${una} nor an empty ACK at SND.UNA − 1 (${(una - 1) >>> 0})`];
}

/**
 * The stack's data from the peer's RCV.NXT on, `length` bytes, as a receiver that holds nothing
 * would take it: each segment in order is acknowledged, one after a gap (the byte of an RFC-form
 * probe the peer did not take is resent later) is answered with the ACK of RCV.NXT, until the
 * stack resends what is missing. Fails when the bytes do not come within `withinMs`.
 */
export async function readStackData(lab: TcpLab, conn: PeerConnection, length: number, withinMs = 5000): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let got = 0;
  const until = lab.net.sim.nowUs + withinMs * 1000;
  while (got < length) {
    const left = Math.max(0, Math.ceil((until - lab.net.sim.nowUs) / 1000));
    const segment = await nextSegment(lab, left, 'the data after the window opened');
    if (!segment) throw new Error(`only ${got} of ${length} bytes came within ${withinMs} ms of the window opening`);
    const seq = seqOf(conn, segment);
    const skip = (conn.rcvNxt - seq) | 0;
    const fresh = skip >= 0 ? segment.payload.subarray(skip) : new Uint8Array(0);
    chunks.push(fresh);
    got += fresh.length;
    conn.rcvNxt = (conn.rcvNxt + fresh.length) >>> 0;
    if (segment.payload.length > 0) await conn.ack();
  }
  return Buffer.concat(chunks);
}
