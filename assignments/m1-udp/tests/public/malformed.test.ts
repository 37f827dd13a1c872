/**
 * Malformed packets: each is dropped, counted where Linux would count it, and leaves the stack
 * working — the datagram after it is delivered.
 */
import type { CounterName } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { encodeIpv4, encodeUdp, IPPROTO_UDP } from '../../../../harness/wire';
import { bytesOf } from '../support/bytes';
import { openLab, type Lab } from '../support/lab';
import { fuzzReceive } from '../support/fuzz/run-fuzz';
import { takeQueued, texts } from '../support/queue';

const STACK_PORT = 7000;
const PEER_PORT = 5000;
const PAYLOAD = 'malformed';

interface MalformedCase {
  readonly what: string;
  readonly counter: CounterName;
  /** Whether IPv4 accepted the packet and handed it up to UDP (counted in IpInDelivers). */
  readonly deliveredToUdp: boolean;
  readonly packet: (lab: Lab) => Uint8Array;
}

const datagram = (lab: Lab, spec: Partial<Parameters<Lab['datagram']>[0]> = {}): Uint8Array =>
  lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: PAYLOAD, ...spec });

const CASES: readonly MalformedCase[] = [
  { what: 'a packet shorter than an IPv4 header', counter: 'IpInHdrErrors', deliveredToUdp: false, packet: (lab) => datagram(lab).slice(0, 19) },
  { what: 'a packet whose IP version is 6', counter: 'IpInHdrErrors', deliveredToUdp: false, packet: (lab) => datagram(lab, { ip: { version: 6 } }) },
  { what: 'a packet whose IHL is below 5', counter: 'IpInHdrErrors', deliveredToUdp: false, packet: (lab) => datagram(lab, { ip: { ihl: 4 } }) },
  {
    what: 'a packet whose Total Length exceeds its length',
    counter: 'IpInHdrErrors',
    deliveredToUdp: false,
    packet: (lab) => datagram(lab, { ip: { totalLength: 20 + 8 + PAYLOAD.length + 4 } }),
  },
  {
    what: 'a fragment (More Fragments set)',
    counter: 'IpInHdrErrors',
    deliveredToUdp: false,
    packet: (lab) => datagram(lab, { ip: { moreFragments: true } }),
  },
  { what: 'a packet for another host', counter: 'IpInAddrErrors', deliveredToUdp: false, packet: (lab) => datagram(lab, { dst: '10.0.0.7' }) },
  {
    what: 'a packet of an unknown protocol (47)',
    counter: 'IpInUnknownProtos',
    deliveredToUdp: false,
    packet: (lab) => encodeIpv4({ src: lab.peerAddress, dst: lab.stackAddress, protocol: 47 }, bytesOf('GRE?')),
  },
  {
    what: 'a UDP header cut short after 5 bytes',
    counter: 'UdpInErrors',
    deliveredToUdp: true,
    packet: (lab) => {
      const udp = encodeUdp({ srcPort: PEER_PORT, dstPort: STACK_PORT }, bytesOf('x'), { src: lab.peerAddress, dst: lab.stackAddress });
      return encodeIpv4({ src: lab.peerAddress, dst: lab.stackAddress, protocol: IPPROTO_UDP }, udp.slice(0, 5));
    },
  },
];

describe('malformed packets', () => {
  for (const { what, counter, deliveredToUdp, packet } of CASES) {
    netTest(`${what} is dropped without harm and counted in ${counter}`, async (t) => {
      const lab = openLab(t);
      const fd = await lab.boundSocket(STACK_PORT);
      const changes = await lab.countersChangedBy(() => lab.arrive(packet(lab), datagram(lab, { payload: 'still working' })));
      expect(texts(await takeQueued(lab.sys, fd))).toEqual(['still working']);
      expect(changes).toEqual({ IpInReceives: 2, IpInDelivers: deliveredToUdp ? 2 : 1, [counter]: 1, UdpInDatagrams: 1 });
    });
  }

  netTest('2,000 damaged packets: receive never throws, and each is counted as its damage says', async (t) => {
    await fuzzReceive({ createKernel: t.stack.createKernel, seed: t.seed, packets: 2_000 });
  });
});
