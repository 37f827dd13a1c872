/** The counters after a mixed, random run: every packet counted once, in the counters its fate names. */
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab, type Lab } from '../support/lab';
import { takeQueued } from '../support/queue';
import { rngFor } from '../support/seeded';

const OPEN_PORT = 1_111;
const FULL_PORT = 1_112;
const CLOSED_PORT = 2_222;
const PEER_PORT = 3_333;

const FATES = ['delivered', 'bad checksum', 'too long', 'closed port', 'queue full'] as const;
type Fate = (typeof FATES)[number];

/** A packet whose fate is known in advance (the socket on FULL_PORT has a full queue). */
function packetFor(lab: Lab, fate: Fate): Uint8Array {
  const spec = { srcPort: PEER_PORT, dstPort: OPEN_PORT, payload: 'x' };
  switch (fate) {
    case 'delivered':
      return lab.datagram(spec);
    case 'bad checksum':
      return lab.datagram({ ...spec, checksum: 0x0001 });
    case 'too long':
      return lab.datagram({ ...spec, length: 100 });
    case 'closed port':
      return lab.datagram({ ...spec, dstPort: CLOSED_PORT });
    case 'queue full':
      return lab.datagram({ ...spec, dstPort: FULL_PORT });
  }
}

describe('counters', () => {
  netTest('after a random mix of datagrams, every counter equals the number of packets whose fate it names', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'fates');
    const open = await lab.boundSocket(OPEN_PORT);
    const full = await lab.boundSocket(FULL_PORT);
    await lab.sys.setsockopt(full, 'SO_RCVBUF', 1000);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: FULL_PORT, payload: new Uint8Array(1000) }));
    const fates = Array.from({ length: 60 }, () => FATES[rng.int(0, FATES.length - 1)]!);
    const changes = await lab.countersChangedBy(() => lab.arrive(...fates.map((fate) => packetFor(lab, fate))));
    const n = (fate: Fate): number => fates.filter((f) => f === fate).length;
    expect(await takeQueued(lab.sys, open)).toHaveLength(n('delivered'));
    const expected = {
      IpInReceives: fates.length,
      IpInDelivers: fates.length,
      UdpInDatagrams: n('delivered'),
      UdpInErrors: n('bad checksum') + n('too long') + n('queue full'),
      UdpInCsumErrors: n('bad checksum'),
      UdpRcvbufErrors: n('queue full'),
      UdpNoPorts: n('closed port'),
      IcmpOutDestUnreachs: n('closed port'),
      IpOutRequests: n('closed port'),
    };
    expect(changes).toEqual(Object.fromEntries(Object.entries(expected).filter(([, count]) => count !== 0)));
  });

  netTest('IpOutRequests counts ICMP answers as well as datagrams sent', async (t) => {
    const lab = openLab(t);
    const fd = await lab.sys.socket('udp');
    const changes = await lab.countersChangedBy(async () => {
      await lab.sys.sendto(fd, bytesOf('out'), { address: lab.peerAddress, port: PEER_PORT });
      await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: CLOSED_PORT }), lab.datagram({ srcPort: PEER_PORT, dstPort: CLOSED_PORT + 1 }));
    });
    expect(changes).toMatchObject({ UdpOutDatagrams: 1, IcmpOutDestUnreachs: 2, IpOutRequests: 3 });
  });
});
