/**
 * UDP sockets of the stack under test (host b) that a sender on host a can make readable at will:
 * the simplest way to raise and lower readiness, one datagram at a time.
 */
import type { CreateKernel, Fd } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';
import type { NetTest } from '../../../../harness/testkit';
import { bytesOf } from '../../../m1-udp/tests/support/bytes';
import { boundUdpSocket } from '../../../m1-udp/tests/support/sockets';

/** The port the sender sends from. */
const SENDER_PORT = 9000;
/** Longer than a datagram takes from a to b (1 ms). */
const DELIVERY_MS = 2;

export interface DatagramLab {
  /** The stack under test. */
  readonly sys: Sys;
  /** The sender's host, for tests that need it to do more, and its address. */
  readonly peer: Sys;
  readonly peerAddress: string;
  /** A UDP socket of the stack under test bound to `port`. */
  socket(port: number): Promise<Fd>;
  /** Send one datagram to `port` of the stack under test, and return once it has arrived. */
  deliver(port: number, text?: string): Promise<void>;
  /** Send one datagram to `port` without waiting for it (for a test that waits in epoll_wait). */
  send(port: number, text?: string): Promise<void>;
  /** The network's virtual time, in milliseconds. */
  nowMs(): number;
}

/** A lab whose sender runs `peer` and whose receiver runs `stack` (both the stack under test unless given). */
export async function datagramLab(t: NetTest, peer: CreateKernel = t.stack.createKernel, stack: CreateKernel = t.stack.createKernel): Promise<DatagramLab> {
  const net = t.twoStacks({ a: peer, b: stack });
  const sender = await boundUdpSocket(net.sysA, SENDER_PORT);
  const send = async (port: number, text = 'x'): Promise<void> => {
    await net.sysA.sendto(sender, bytesOf(text), { address: net.b.address, port });
  };
  return {
    sys: net.sysB,
    peer: net.sysA,
    peerAddress: net.a.address,
    socket: (port) => boundUdpSocket(net.sysB, port),
    send,
    async deliver(port, text) {
      await send(port, text);
      await net.sysA.sleep(DELIVERY_MS);
    },
    nowMs: () => net.sim.nowMs,
  };
}
