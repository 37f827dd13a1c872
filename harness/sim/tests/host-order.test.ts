/**
 * How a host orders the work of its kernel: a program that a packet wakes calls the kernel while
 * the packet's own reply may still be on its way (so that a kernel in another process gets the
 * packet and the calls in one message), and yet the effects go out in the order the requests were
 * made: the packets the kernel sent on receiving come before those of the calls it woke. Packets
 * arriving at one instant reach the kernel together, and the trace still shows each just before
 * what it caused.
 */
import type { CreateKernel, KernelEnv } from '../../contract';
import type { KernelPort } from '../../port';
import { defaultPortFactory } from '../../port/port-factory';
import { Sys } from '../../runtime';
import { createToyKernel, TOY_FD } from '../../testing/toy-kernel';
import { twoHosts } from '../two-hosts';

/** What host b's kernel sends back for every packet it receives. */
const RECEIPT = 0xaa;
/** What host b's program sends once the packet has woken it. */
const ANSWER = 0xbb;

/** The toy kernel, sending a one-byte receipt for each packet it receives. */
const withReceipts: CreateKernel = (env: KernelEnv) => {
  const kernel = createToyKernel(env);
  return {
    ...kernel,
    receive(packet: Uint8Array): void {
      kernel.receive(packet);
      env.transmit(Uint8Array.of(RECEIPT));
    },
  };
};

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `port`, its receive() replies held back a few turns of the event loop, as from another process; `log` says what happened when. */
function slowReceive(port: KernelPort, log: string[]): KernelPort {
  return {
    call: (nowMs, method, args) => {
      log.push(`call ${method}`);
      return port.call(nowMs, method, args);
    },
    receive: async (nowMs, packet) => {
      log.push('receive');
      const reply = await port.receive(nowMs, packet);
      for (let i = 0; i < 3; i++) await turn();
      log.push('receive answered');
      return reply;
    },
    repeatSend: (nowMs, fd, data) => {
      log.push('call send');
      return port.repeatSend(nowMs, fd, data);
    },
    tick: (nowMs) => port.tick(nowMs),
    dispose: () => port.dispose(),
  };
}

/** Hosts a and b; b's kernel sends receipts and its receive() replies come late; `log` says when. */
function receiptsOnSlowB(): { net: ReturnType<typeof twoHosts>; log: string[] } {
  const log: string[] = [];
  const ports = defaultPortFactory();
  const net = twoHosts({
    seed: 1,
    a: { createKernel: createToyKernel },
    b: { createKernel: withReceipts },
    portFactory: (host) => (host.name === 'b' ? slowReceive(ports(host), log) : ports(host)),
  });
  return { net, log };
}

describe('a host', () => {
  it('wakes its programs as a packet is handed to the kernel, and sends what the kernel sent for the packet before what they send', async () => {
    const { net, log } = receiptsOnSlowB();
    const [a, b] = [new Sys(net.a), new Sys(net.b)];
    await a.socket('udp');
    await b.socket('udp');
    // b's program waits for anything to happen on its host, then answers at once.
    const program = (async () => {
      await net.sim.block('a wait for the packet', [net.b.activity]);
      await b.sendto(TOY_FD, Uint8Array.of(ANSWER), { address: net.a.address, port: 7 });
    })();
    await a.sendto(TOY_FD, Uint8Array.of(1), { address: net.b.address, port: 7 });
    await program;
    await net.sim.drain();
    // The program called the kernel before the packet's own reply came back...
    expect(log.slice(log.indexOf('receive'))).toEqual(['receive', 'call sendto', 'receive answered']);
    // ...and yet what the kernel sent on receiving the packet went out first.
    const fromB = net.trace.events.filter((e) => e.kind === 'send' && e.link === 'b→a');
    expect(fromB.map((e) => e.packet[e.packet.length - 1])).toEqual([RECEIPT, ANSWER]);
    expect(await b.recvfrom(TOY_FD, 100)).toMatchObject({ data: Uint8Array.of(1) });
  });

  it('reports packets that arrive at one instant each just before what the kernel sent for it', async () => {
    const { net, log } = receiptsOnSlowB();
    const a = new Sys(net.a);
    await a.socket('udp');
    await Promise.all([1, 2].map((n) => a.sendto(TOY_FD, Uint8Array.of(n), { address: net.b.address, port: 7 })));
    await net.sim.drain();
    // Both reached b's kernel before either reply came back...
    expect(log).toEqual(['receive', 'receive', 'receive answered', 'receive answered']);
    // ...and yet the trace shows each packet, then its receipt.
    const atB = net.trace.events.filter((e) => (e.kind === 'deliver' && e.link === 'a→b') || (e.kind === 'send' && e.link === 'b→a'));
    expect(atB.map((e) => `${e.kind} ${e.packet[e.packet.length - 1]!.toString(16)}`)).toEqual(['deliver 1', 'send aa', 'deliver 2', 'send aa']);
    expect(new Set(atB.map((e) => e.timeUs)).size).toBe(1);
  });
});
