/** More malformed packets, each dropped, counted, and harmless to the datagram after it. */
import type { CounterName } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { buildIcmp, encodeIpv4, IPPROTO_ICMP, IPPROTO_UDP } from '../../../../harness/wire';
import { openLab, type Lab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';

const STACK_PORT = 4_321;
const PEER_PORT = 1_234;
const PAYLOAD = 'malformed!';

const datagram = (lab: Lab, spec: Partial<Parameters<Lab['datagram']>[0]> = {}): Uint8Array =>
  lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: PAYLOAD, ...spec });

interface MalformedCase {
  readonly what: string;
  /** How the counters change for it, beyond IpInReceives. */
  readonly counted: Partial<Record<CounterName, number>>;
  readonly packet: (lab: Lab) => Uint8Array;
}

const CASES: readonly MalformedCase[] = [
  { what: 'an empty packet', counted: { IpInHdrErrors: 1 }, packet: () => new Uint8Array(0) },
  { what: 'a fragment with a nonzero offset', counted: { IpInHdrErrors: 1 }, packet: (lab) => datagram(lab, { ip: { fragmentOffset: 185 } }) },
  { what: 'a packet whose Total Length is below its length', counted: { IpInHdrErrors: 1 }, packet: (lab) => datagram(lab, { ip: { totalLength: 20 + 8 + 2 } }) },
  { what: 'a packet whose IHL claims more header than it has', counted: { IpInHdrErrors: 1 }, packet: (lab) => datagram(lab, { ip: { ihl: 15 } }).slice(0, 40) },
  { what: 'a packet whose header checksum is 0', counted: { IpInHdrErrors: 1 }, packet: (lab) => datagram(lab, { ip: { checksum: 0 } }) },
  { what: 'a packet for the broadcast address', counted: { IpInAddrErrors: 1 }, packet: (lab) => datagram(lab, { dst: '255.255.255.255' }) },
  {
    what: 'an IPv4 packet with an empty UDP payload',
    counted: { IpInDelivers: 1, UdpInErrors: 1 },
    packet: (lab) => encodeIpv4({ src: lab.peerAddress, dst: lab.stackAddress, protocol: IPPROTO_UDP }),
  },
  {
    what: 'a UDP datagram whose Length is 0',
    counted: { IpInDelivers: 1, UdpInErrors: 1 },
    packet: (lab) => datagram(lab, { length: 0 }),
  },
  {
    what: 'a UDP datagram whose checksum and Length are both wrong',
    counted: { IpInDelivers: 1, UdpInErrors: 1 },
    packet: (lab) => datagram(lab, { length: 200, checksum: 0x1234 }),
  },
  {
    what: 'an ICMP port unreachable quoting a packet cut before its ports',
    counted: { IpInDelivers: 1, IcmpInMsgs: 1, IcmpInDestUnreachs: 1, IcmpInErrors: 1 },
    packet: (lab) =>
      buildIcmp({ src: lab.peerAddress, dst: lab.stackAddress, message: { kind: 'unreachable', code: 3, original: datagram(lab).slice(0, 22) } }),
  },
  {
    // Type 8, code 0 and a checksum that verifies, but no room for the rest of the header.
    what: 'an ICMP message of 4 bytes, shorter than the 8-byte ICMP header',
    counted: { IpInDelivers: 1, IcmpInMsgs: 1, IcmpInErrors: 1 },
    packet: (lab) => encodeIpv4({ src: lab.peerAddress, dst: lab.stackAddress, protocol: IPPROTO_ICMP }, Uint8Array.of(8, 0, 0xf7, 0xff)),
  },
  {
    // A whole header is a message: it counts as a destination unreachable before its empty quote is found wanting.
    what: 'an ICMP destination unreachable of the 8-byte header alone, quoting nothing,',
    counted: { IpInDelivers: 1, IcmpInMsgs: 1, IcmpInDestUnreachs: 1, IcmpInErrors: 1 },
    packet: (lab) =>
      buildIcmp({ src: lab.peerAddress, dst: lab.stackAddress, message: { kind: 'unreachable', code: 3, original: new Uint8Array(0) } }),
  },
];

describe('malformed packets', () => {
  for (const { what, counted, packet } of CASES) {
    netTest(`${what} is dropped without harm and counted`, async (t) => {
      const lab = openLab(t);
      const fd = await lab.boundSocket(STACK_PORT);
      const changes = await lab.countersChangedBy(() => lab.arrive(packet(lab)));
      expect(changes).toEqual({ IpInReceives: 1, ...counted });
      await lab.arrive(datagram(lab, { payload: 'still working' }));
      expect(texts(await takeQueued(lab.sys, fd))).toEqual(['still working']);
    });
  }
});
