/**
 * What a link reports about every packet: the events its taps receive and its counters. Together
 * they account for each packet that entered the link — delivered (maybe twice, maybe corrupted)
 * or dropped with a reason — so that a test can say where any packet went.
 */

/** Why a link dropped a packet. */
export type DropReason =
  /** Independent random loss. */
  | 'loss'
  /** The Gilbert–Elliott burst-loss process. */
  | 'burst loss'
  /** The drop-tail queue was full when the packet arrived. */
  | 'queue full'
  /** A test's `dropWhere` / `dropNth` predicate matched. */
  | 'scripted';

interface LinkEventBase {
  /** Virtual time of the event, integer µs. */
  readonly timeUs: number;
  /** The link's name, e.g. `a→b`. */
  readonly link: string;
  /**
   * The packet's position on this link, from 0, in the order packets entered it. A packet's
   * `send`, `drop` and `deliver` events share it, which is how a trace pairs them up (and tells a
   * duplicate or a reordered packet).
   */
  readonly index: number;
  /**
   * The bytes: as sent for `send` and `drop`, as handed over for `deliver` (corrupted, if the link
   * corrupted it). Listeners must not change them: traces keep them.
   */
  readonly packet: Uint8Array;
}

/**
 * One thing that happened to a packet on a link. `send`: it entered the link. `deliver`: it was
 * handed to the link's sink (a duplicated packet delivers twice). `drop`: it was lost, for `reason`.
 */
export type LinkEvent = LinkEventBase &
  ({ readonly kind: 'send' | 'deliver' } | { readonly kind: 'drop'; readonly reason: DropReason });

/** Receives a link's events, synchronously, as they happen. */
export type LinkListener = (event: LinkEvent) => void;

/**
 * A link's packet counts. After the simulation has drained,
 * `sent = delivered - duplicated + (sum of dropped)`.
 */
export interface LinkCounters {
  /** Packets that entered the link. */
  sent: number;
  /** Handovers to the sink (a duplicated packet counts twice). */
  delivered: number;
  /** Dropped packets, by reason. */
  dropped: Record<DropReason, number>;
  /** Packets delivered an extra time. */
  duplicated: number;
  /** Packets delivered with one bit flipped. */
  corrupted: number;
  /** Packets held back by the reordering delay (later packets may overtake them). */
  reordered: number;
}

/** Counters of a link that has seen nothing yet. */
export function zeroLinkCounters(): LinkCounters {
  return {
    sent: 0,
    delivered: 0,
    dropped: { scripted: 0, loss: 0, 'burst loss': 0, 'queue full': 0 },
    duplicated: 0,
    corrupted: 0,
    reordered: 0,
  };
}
