/**
 * The bench of a packet-level test: the stack under test at 10.0.0.1, the harness as its peer
 * at 10.0.0.2, and the few moves every m1 test makes — open a bound socket, craft a datagram
 * from the peer, let packets arrive, watch the counters.
 */
import type { Counters, Fd } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { buildUdp, type UdpPacketSpec } from '../../../../harness/wire';
import { bytesOf } from './bytes';
import { counterChanges } from './counters';
import { boundUdpSocket } from './sockets';

/** Virtual time that lets a packet cross the 1 ms link with room to spare. */
export const SETTLE_MS = 10;

/** A UDP packet from the peer, as a test describes it: ports and payload; anything else may be forced. */
export type PeerDatagram = Partial<Omit<UdpPacketSpec, 'payload'>> & {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload?: Uint8Array | string;
};

export type Lab = ReturnType<NetTest['stackAndPeer']> & {
  /** The stack's address. */
  readonly stackAddress: string;
  /** The peer's address. */
  readonly peerAddress: string;
  /** A UDP socket bound to `address:port`. */
  boundSocket(port: number, address?: string): Promise<Fd>;
  /** The bytes of a UDP packet from the peer to the stack, with every length and checksum right unless forced. */
  datagram(spec: PeerDatagram): Uint8Array;
  /** The peer sends `packets`, and virtual time passes until they have reached the stack. */
  arrive(...packets: Uint8Array[]): Promise<void>;
  /** Run `action` and return the counters it changed. */
  countersChangedBy(action: () => Promise<unknown>): Promise<Partial<Record<keyof Counters, number>>>;
};

/** Build the stack-and-peer network of `t` (options as `t.stackAndPeer`) with the lab's moves. */
export function openLab(t: NetTest, options: Parameters<NetTest['stackAndPeer']>[0] = {}): Lab {
  const net = t.stackAndPeer(options);
  const { sys, peer, host } = net;
  return {
    ...net,
    stackAddress: host.address,
    peerAddress: peer.address,
    boundSocket: (port, address) => boundUdpSocket(sys, port, address),
    datagram({ payload = new Uint8Array(0), ...spec }) {
      const bytes = typeof payload === 'string' ? bytesOf(payload) : payload;
      return buildUdp({ src: peer.address, dst: host.address, ...spec, payload: bytes });
    },
    async arrive(...packets) {
      for (const packet of packets) await peer.send(packet);
      await sys.sleep(SETTLE_MS);
    },
    async countersChangedBy(action) {
      const before = await sys.counters();
      await action();
      return counterChanges(before, await sys.counters());
    },
  };
}
