/**
 * Relative sequence numbers. Scripts write sequence and acknowledgment numbers relative to the
 * initial sequence number (ISN) of the side that sends the bytes, as tcpdump and Wireshark print
 * them; on the wire they are absolute, modulo 2^32, so both directions wrap around.
 */

/** The absolute number of relative number `relative` on a side whose ISN is `isn`. */
export function absoluteSeq(isn: number, relative: number): number {
  return (isn + relative) >>> 0;
}

/** The relative number of absolute number `absolute` on a side whose ISN is `isn`. */
export function relativeSeq(isn: number, absolute: number): number {
  return (absolute - isn) >>> 0;
}
