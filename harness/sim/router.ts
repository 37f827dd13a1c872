/**
 * A router: forwards each IPv4 packet, at once, to the sink routed for its destination address
 * (usually the link towards that host). A plain forwarder: it does not decrement the TTL (which
 * would mean fixing the header checksum on every hop) and sends no ICMP; a packet for an address
 * it has no route for is dropped and counted.
 */
import { addressToNumber } from '../wire/address';
import type { PacketSink } from './packet-sink';
import { ipv4Destination } from './peek';

export class Router implements PacketSink {
  private readonly routes = new Map<number, PacketSink>();
  private forwardedCount = 0;
  private unroutableCount = 0;

  /** @param name a short name for reports, e.g. `left-router` */
  constructor(readonly name: string) {}

  /** Send packets for `address` (a dotted quad) to `next`. */
  route(address: string, next: PacketSink): void {
    this.routes.set(addressToNumber(address), next);
  }

  deliver(packet: Uint8Array, inTurn?: () => void): void | Promise<void> {
    inTurn?.();
    const destination = ipv4Destination(packet);
    const next = destination === undefined ? undefined : this.routes.get(destination);
    if (!next) {
      this.unroutableCount++;
      return;
    }
    this.forwardedCount++;
    return next.deliver(packet);
  }

  /** Packets forwarded, and packets dropped for want of a route (or for not being IPv4). */
  counters(): { readonly forwarded: number; readonly unroutable: number } {
    return { forwarded: this.forwardedCount, unroutable: this.unroutableCount };
  }
}
