/** The well-formed packets the fuzz test starts from, before it damages them. */
import type { Rng } from '../../../../../harness/sim/rng';
import { buildIcmp, buildUdp, quoteOriginal, UnreachableCode } from '../../../../../harness/wire';
import { randomBytes } from '../bytes';

/** Where the fuzzed packets go: the stack's address, the port its socket holds, and the sender. */
export interface FuzzTarget {
  readonly stackAddress: string;
  readonly peerAddress: string;
  readonly openPort: number;
  readonly closedPort: number;
}

export interface Template {
  readonly name: string;
  build(target: FuzzTarget, rng: Rng): Uint8Array;
}

const payload = (rng: Rng): Uint8Array => randomBytes(rng, rng.int(0, 96));
const port = (rng: Rng): number => rng.int(1, 0xffff);

export const TEMPLATES: readonly Template[] = [
  {
    name: 'UDP to the open port',
    build: (target, rng) =>
      buildUdp({ src: target.peerAddress, dst: target.stackAddress, srcPort: port(rng), dstPort: target.openPort, payload: payload(rng) }),
  },
  {
    name: 'UDP to a closed port',
    build: (target, rng) =>
      buildUdp({ src: target.peerAddress, dst: target.stackAddress, srcPort: port(rng), dstPort: target.closedPort, payload: payload(rng) }),
  },
  {
    name: 'UDP with IPv4 options to the open port',
    build: (target, rng) =>
      buildUdp({
        src: target.peerAddress,
        dst: target.stackAddress,
        srcPort: port(rng),
        dstPort: target.openPort,
        payload: payload(rng),
        // Four No-Operation options: one word of options, IHL 6.
        ip: { options: Uint8Array.of(1, 1, 1, 1) },
      }),
  },
  {
    name: 'ICMP echo request',
    build: (target, rng) =>
      buildIcmp({
        src: target.peerAddress,
        dst: target.stackAddress,
        message: { kind: 'echoRequest', id: rng.int(0, 0xffff), seq: rng.int(0, 0xffff), data: payload(rng) },
      }),
  },
  {
    name: 'ICMP port unreachable about a datagram from the open port',
    build: (target, rng) => {
      const sent = buildUdp({ src: target.stackAddress, dst: target.peerAddress, srcPort: target.openPort, dstPort: port(rng), payload: payload(rng) });
      return buildIcmp({
        src: target.peerAddress,
        dst: target.stackAddress,
        message: { kind: 'unreachable', code: UnreachableCode.PORT, original: quoteOriginal(sent) },
      });
    },
  },
];
