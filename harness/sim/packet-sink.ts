/** Anything a packet can be handed to: a link's input, a router, a host's kernel. */
export interface PacketSink {
  /**
   * Take one IPv4 packet now. A host returns a promise (its kernel may be in another process);
   * the simulator awaits it before the next event, so time never moves under a pending delivery.
   */
  deliver(packet: Uint8Array): void | Promise<void>;
}
