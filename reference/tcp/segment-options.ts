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
import { viewOf } from '../bytes';

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
  // @solution m2 begin: encode the MSS option
  if (options.mss === undefined) return new Uint8Array(0);
  const bytes = new Uint8Array(TCPOLEN_MSS);
  const view = viewOf(bytes);
  view.setUint8(0, TCPOPT_MSS);
  view.setUint8(1, TCPOLEN_MSS);
  view.setUint16(2, options.mss);
  return bytes;
  // @solution end
}

/**
 * Read the options area of a segment: the MSS if present, every other option skipped by its
 * length. An option that is cut short or whose length is below 2 ends the parsing, keeping
 * what was read so far: Linux does the same, and the segment itself is still good.
 */
export function decodeTcpOptions(bytes: Uint8Array): TcpOptions {
  // @solution m2 begin: parse TCP options (read the MSS, skip unknown options by their length)
  const view = viewOf(bytes);
  let mss: number | undefined;
  let offset = 0;
  while (offset < bytes.length) {
    const kind = view.getUint8(offset);
    if (kind === TCPOPT_EOL) break;
    if (kind === TCPOPT_NOP) {
      offset += 1;
      continue;
    }
    if (offset + 1 >= bytes.length) break;
    const length = view.getUint8(offset + 1);
    if (length < 2 || offset + length > bytes.length) break;
    if (kind === TCPOPT_MSS && length === TCPOLEN_MSS) mss = view.getUint16(offset + 2);
    offset += length;
  }
  return mss === undefined ? {} : { mss };
  // @solution end
}
