/**
 * The time–sequence view of a captured transfer, as tcptrace draws it: the data segments of one
 * direction of one TCP connection (the one that carried the most data), and the ACKs and windows
 * coming back. Sequence numbers are relative to the first data byte seen, so that the graph starts
 * at 0 whatever the ISN; a segment that starts below the highest byte already sent is a
 * retransmission. The SVG drawing is time-sequence-svg.ts.
 */
import { decodePacket, TcpFlag, type Packet } from '../wire';
import type { LadderEntry } from './ladder';

/** A transfer is worth a graph from this many data segments on: a few packets read better as a ladder. */
export const TIME_SEQUENCE_MIN_SEGMENTS = 10;

export interface GraphSegment {
  readonly timeUs: number;
  /** First and one-past-last byte, relative. */
  readonly from: number;
  readonly to: number;
  readonly retransmission: boolean;
  /** Why a link dropped it, if it did. */
  readonly dropReason?: string;
}

export interface GraphAck {
  readonly timeUs: number;
  /** The acknowledgment number, relative. */
  readonly ack: number;
  /** ACK + window: the highest byte the sender may send. */
  readonly windowEdge: number;
}

export interface TimeSequence {
  /** `10.0.0.1:5000 → 10.0.0.2:8080`: the direction the data went. */
  readonly title: string;
  readonly segments: readonly GraphSegment[];
  readonly acks: readonly GraphAck[];
}

type TcpPacket = Packet & { readonly kind: 'tcp' };

interface Captured {
  readonly timeUs: number;
  readonly packet: TcpPacket;
  readonly dropReason?: string;
}

const endpoint = (address: string, port: number): string => `${address}:${port}`;
const u32 = (n: number): number => n >>> 0;

/** The data direction of `entries` with the most payload bytes, or undefined when none has enough segments. */
export function timeSequence(entries: readonly LadderEntry[]): TimeSequence | undefined {
  const captured: Captured[] = [];
  for (const entry of entries) {
    const decoded = decodePacket(entry.packet);
    if (decoded.ok && decoded.value.kind === 'tcp') captured.push({ timeUs: entry.timeUs, packet: decoded.value, ...(entry.dropReason === undefined ? {} : { dropReason: entry.dropReason }) });
  }
  const direction = busiestDirection(captured);
  if (direction === undefined) return undefined;
  const [source, destination] = direction.split(' ');
  const data = captured.filter((c) => key(c.packet) === direction && c.packet.tcp.payload.length > 0);
  if (data.length < TIME_SEQUENCE_MIN_SEGMENTS) return undefined;
  const base = data[0]!.packet.tcp.header.seq;
  const relative = (seq: number): number => u32(seq - base);
  let highest = 0;
  const segments = data.map((c): GraphSegment => {
    const from = relative(c.packet.tcp.header.seq);
    const to = from + c.packet.tcp.payload.length;
    const retransmission = from < highest;
    highest = Math.max(highest, to);
    return { timeUs: c.timeUs, from, to, retransmission, ...(c.dropReason === undefined ? {} : { dropReason: c.dropReason }) };
  });
  const acks = captured
    .filter((c) => key(c.packet) === `${destination} ${source}` && c.dropReason === undefined && (c.packet.tcp.header.flags & TcpFlag.ACK) !== 0)
    .map((c) => ({ timeUs: c.timeUs, ack: relative(c.packet.tcp.header.ack), windowEdge: relative(c.packet.tcp.header.ack) + c.packet.tcp.header.window }))
    // ACKs from before the first data byte (the handshake) would sit 2^32 away.
    .filter((ack) => ack.ack <= highest + 1);
  return { title: `${source} → ${destination}`, segments, acks };
}

function key(packet: TcpPacket): string {
  const { header } = packet.tcp;
  return `${endpoint(packet.ip.header.src, header.srcPort)} ${endpoint(packet.ip.header.dst, header.dstPort)}`;
}

function busiestDirection(captured: readonly Captured[]): string | undefined {
  const bytes = new Map<string, number>();
  for (const c of captured) bytes.set(key(c.packet), (bytes.get(key(c.packet)) ?? 0) + c.packet.tcp.payload.length);
  let best: string | undefined;
  for (const [direction, count] of bytes) if (count > 0 && (best === undefined || count > bytes.get(best)!)) best = direction;
  return best;
}
