/**
 * The TCP segment (RFC 9293 §3.1): a header of 20 bytes plus options, then the data.
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * |                        Sequence Number                        |
 * |                    Acknowledgment Number                      |
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * |           Checksum            |         Urgent Pointer        |
 * |                    Options (data offset > 5)                  |
 * |                             data                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * Data Offset is the header's length in 32-bit words (5 without options). The checksum covers
 * the same pseudo-header as UDP's (with protocol 6) plus the whole segment; unlike UDP, a TCP
 * checksum is never optional. socklab ignores the urgent pointer and the ECN bits (CWR, ECE).
 */
import { viewOf } from '../bytes';
import { internetChecksum, pseudoHeaderSum } from '../checksum';
import { IPPROTO_TCP } from '../ipv4';
import { decodeTcpOptions, encodeTcpOptions, type TcpOptions } from './segment-options';

/** Length of the TCP header without options. */
export const TCP_HEADER_LENGTH = 20;

/** FIN: the sender has no more data; occupies one sequence number. */
export const TCP_FIN = 0x01;
/** SYN: synchronize sequence numbers (the first segment each way); occupies one sequence number. */
export const TCP_SYN = 0x02;
/** RST: reset the connection. */
export const TCP_RST = 0x04;
/** PSH: deliver the data to the application now (the sender's buffer is empty after it). */
export const TCP_PSH = 0x08;
/** ACK: the acknowledgment number is valid (set on every segment after the first SYN). */
export const TCP_ACK = 0x10;

/** A TCP segment taken apart, or about to be put together. */
export interface TcpSegment {
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** Sequence number of the first byte (or of the SYN or FIN). */
  readonly seq: number;
  /** The next sequence number the sender expects; meaningful only with {@link TCP_ACK}. */
  readonly ack: number;
  /** The control bits: {@link TCP_SYN}, {@link TCP_ACK}, ... combined with `|`. */
  readonly flags: number;
  /** How many bytes after `ack` the sender is willing to receive. */
  readonly window: number;
  readonly options: TcpOptions;
  readonly payload: Uint8Array;
}

/** What {@link decodeTcp} found: a segment, or the reason to drop the bytes. */
export type TcpDecodeResult =
  | { readonly ok: true; readonly segment: TcpSegment }
  | { readonly ok: false; readonly problem: 'malformed' | 'bad checksum' };

/**
 * Build the bytes of a segment, checksum included.
 *
 * @param source - the IPv4 source address, for the pseudo-header.
 * @param destination - the IPv4 destination address, for the pseudo-header.
 */
export function encodeTcp(segment: TcpSegment, source: string, destination: string): Uint8Array {
  // @solution m2 begin: build a TCP segment with its checksum
  const options = encodeTcpOptions(segment.options);
  const headerLength = TCP_HEADER_LENGTH + options.length;
  const bytes = new Uint8Array(headerLength + segment.payload.length);
  const view = viewOf(bytes);
  view.setUint16(0, segment.sourcePort);
  view.setUint16(2, segment.destinationPort);
  view.setUint32(4, segment.seq);
  view.setUint32(8, segment.ack);
  view.setUint8(12, (headerLength / 4) << 4);
  view.setUint8(13, segment.flags);
  view.setUint16(14, segment.window);
  bytes.set(options, TCP_HEADER_LENGTH);
  bytes.set(segment.payload, headerLength);
  // Checksum and urgent pointer are still 0 here, as the computation requires.
  view.setUint16(16, internetChecksum(bytes, pseudoHeaderSum(source, destination, IPPROTO_TCP, bytes.length)));
  return bytes;
  // @solution end
}

/**
 * Check and take apart the segment that arrived from `source` to `destination`.
 *
 * @returns the segment; or `'malformed'` when it is shorter than a header or its data offset is
 *   below 5 words or beyond the bytes that arrived; or `'bad checksum'`.
 */
export function decodeTcp(bytes: Uint8Array, source: string, destination: string): TcpDecodeResult {
  // @solution m2 begin: check and parse a TCP segment (data offset, checksum, options)
  if (bytes.length < TCP_HEADER_LENGTH) return { ok: false, problem: 'malformed' };
  const view = viewOf(bytes);
  const headerLength = (view.getUint8(12) >> 4) * 4;
  if (headerLength < TCP_HEADER_LENGTH || headerLength > bytes.length) return { ok: false, problem: 'malformed' };
  if (internetChecksum(bytes, pseudoHeaderSum(source, destination, IPPROTO_TCP, bytes.length)) !== 0) {
    return { ok: false, problem: 'bad checksum' };
  }
  return {
    ok: true,
    segment: {
      sourcePort: view.getUint16(0),
      destinationPort: view.getUint16(2),
      seq: view.getUint32(4),
      ack: view.getUint32(8),
      flags: view.getUint8(13),
      window: view.getUint16(14),
      options: decodeTcpOptions(bytes.subarray(TCP_HEADER_LENGTH, headerLength)),
      payload: bytes.subarray(headerLength),
    },
  };
  // @solution end
}

/** SEG.LEN: the sequence numbers a segment occupies: its data bytes, plus one each for SYN and FIN. */
export function segmentLength(segment: TcpSegment): number {
  // @solution m2 begin: count the sequence numbers a segment occupies (SEG.LEN)
  return segment.payload.length + (hasFlag(segment, TCP_SYN) ? 1 : 0) + (hasFlag(segment, TCP_FIN) ? 1 : 0);
  // @solution end
}

/** Whether `segment` has the control bit `flag` (e.g. {@link TCP_SYN}) set. */
export function hasFlag(segment: TcpSegment, flag: number): boolean {
  return (segment.flags & flag) !== 0;
}
