/**
 * Drops a test asks for by name: "drop the 3rd data segment", "drop every SYN after t=1 s".
 * Predicates see the raw bytes and the packet's position on the link; byte peeks for writing them
 * are in peek.ts.
 */

/** Whether to act on a packet: its bytes and its position on the link (from 0). */
export type PacketPredicate = (packet: Uint8Array, index: number) => boolean;

/** The scripted drops of one link. */
export class ScriptedDrops {
  private readonly predicates = new Set<PacketPredicate>();

  /** Drop every packet that `predicate` matches, until the returned function is called. */
  add(predicate: PacketPredicate): () => void {
    // Wrapped, so that adding the same function twice gives two independent drops.
    const own: PacketPredicate = (packet, index) => predicate(packet, index);
    this.predicates.add(own);
    return () => void this.predicates.delete(own);
  }

  /**
   * Whether any predicate matches. Every predicate sees every packet, even once one has matched,
   * so that counting predicates ({@link nth}) count all the packets they were written about.
   */
  matches(packet: Uint8Array, index: number): boolean {
    let matched = false;
    for (const predicate of this.predicates) if (predicate(packet, index)) matched = true;
    return matched;
  }
}

/** A predicate that matches only the `n`th packet (from 1) that `predicate` matches. */
export function nth(n: number, predicate: PacketPredicate): PacketPredicate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`dropNth counts from 1, got ${n}`);
  let seen = 0;
  return (packet, index) => predicate(packet, index) && ++seen === n;
}
