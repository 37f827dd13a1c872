/** Anything a packet can be handed to: a link's input, a router, a host's kernel. */
export interface PacketSink {
  /**
   * Take one IPv4 packet now. A host returns a promise (its kernel may be in another process);
   * the simulator awaits it before the next event, so time never moves under a pending delivery.
   *
   * `inTurn`, when given, is called once, as the sink takes the packet up in turn: a host, once
   * what the packets and calls handed to it before caused has gone out (packets arriving at one
   * instant reach its kernel together, but their effects go out one packet after another); any
   * other sink at once. A link reports the delivery then, so that a trace shows what each packet
   * caused right after it.
   */
  deliver(packet: Uint8Array, inTurn?: () => void): void | Promise<void>;
}
