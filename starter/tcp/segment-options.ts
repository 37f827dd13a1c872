// Generated from reference/tcp/segment-options.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * TCP options (RFC 9293 §3.2): the bytes between the fixed 20-byte header and the data.
 *
 * Each option is a kind byte, then (except for the one-byte kinds End of Option List and No-
 * Operation) a length byte counting the whole option, then its value:
 *
 * ```
 *  kind 0: End of Option List      [0]
 *  kind 1: No-Operation (padding)  [1]
 *  kind 2: Maximum Segment Size    [2][4][ MSS, 16 bits ]
 *  any other kind                  [kind][length][length − 2 bytes]
 * ```
 *
 * socklab sends only the MSS option, and only on SYN segments. It must still read segments full
 * of options it does not know (Linux sends SACK-permitted, timestamps and window scale on every
 * SYN): the length byte is what lets a receiver skip them.
 */
import { NotImplemented } from '../../harness/contract';

/** End of Option List: nothing after it is an option. */
export const TCPOPT_EOL = 0;
/** No-Operation: one byte of padding between options. */
export const TCPOPT_NOP = 1;
/** Maximum Segment Size: the most data bytes the sender of the SYN wants in one segment. */
export const TCPOPT_MSS = 2;
/** Length of the MSS option: kind, length and a 16-bit value. */
export const TCPOLEN_MSS = 4;

/** The options socklab understands, taken out of a segment. */
export interface TcpOptions {
  /** The peer's Maximum Segment Size, when its SYN carried one. */
  readonly mss?: number;
}

/**
 * The option bytes for `options`. Only the MSS option exists, and its 4 bytes already end on
 * a 32-bit boundary, as the header's data offset (counted in 32-bit words) requires.
 */
export function encodeTcpOptions(options: TcpOptions): Uint8Array {
  // TODO(m2): encode the MSS option
  void options;
  throw new NotImplemented('m2', 'encode the MSS option');
}

/**
 * Read the options area of a segment: the MSS if present, every other option skipped by its
 * length. An option that is cut short or whose length is below 2 ends the parsing, keeping
 * what was read so far: Linux does the same, and the segment itself is still good.
 */
export function decodeTcpOptions(bytes: Uint8Array): TcpOptions {
  // TODO(m2): parse TCP options (read the MSS, skip unknown options by their length)
  void bytes;
  throw new NotImplemented('m2', 'parse TCP options (read the MSS, skip unknown options by their length)');
}
